package python

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Bounds on the header. Memory stays at one line; the header bound only stops a pathological file from being read
// to its end. Real headers are a few KiB, or some 100 KiB when an old setuptools put the README in Description.
const (
	maxLineLength = 1 << 20
	maxHeaderSize = 16 << 20
)

// metadata is what the header of a core metadata file says that Patchbay needs.
type metadata struct {
	Name    string
	Version string

	License string // first line of the License field
	// LicenseIsText is set when License went on over continuation lines: it then holds a license's full text,
	// whose first line may or may not name the license.
	LicenseIsText      bool
	LicenseExpression  string   // Metadata 2.4's SPDX expression, which replaces License
	LicenseClassifiers []string // the last element of each "License :: ..." classifier
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// parseMetadata reads the RFC 822 style header of a METADATA or PKG-INFO file, stopping where it ends: at the first
// blank line, after which the body holds the description. As in Python's email parser, which pip and
// importlib.metadata use, header names are case-insensitive, the first of repeated fields counts, lines starting
// with white space continue the field before them, and a line that is not a field ends the header.
func parseMetadata(r io.Reader) (metadata, error) {
	var m metadata
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), maxLineLength)
	var field string // the field the last line belonged to, lower-cased, for its continuation lines
	size := 0
	for first := true; sc.Scan(); first = false {
		line := sc.Bytes() // ScanLines drops "\n" and a "\r" before it
		if size += len(line) + 1; size > maxHeaderSize {
			return metadata{}, fmt.Errorf("metadata header longer than %d bytes", maxHeaderSize)
		}
		if first {
			line = bytes.TrimPrefix(line, utf8BOM)
		}
		if len(line) == 0 {
			break
		}
		if line[0] == ' ' || line[0] == '\t' {
			if field == "license" && len(bytes.TrimSpace(line)) > 0 {
				m.LicenseIsText = true
			}
			continue
		}
		key, value, ok := bytes.Cut(line, []byte{':'})
		if !ok || !isFieldName(key) {
			break
		}
		field = strings.ToLower(string(key))
		m.set(field, strings.TrimSpace(string(value)))
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return metadata{}, fmt.Errorf("metadata header has a line longer than %d bytes", maxLineLength)
		}
		return metadata{}, fmt.Errorf("read metadata: %w", err)
	}
	if m.Name == "" {
		return metadata{}, errors.New("metadata has no Name field")
	}
	if m.Version == "" {
		return metadata{}, fmt.Errorf("metadata of %.100q has no Version field", m.Name)
	}
	return m, nil
}

// set records one field; the first occurrence of a single-valued field wins.
func (m *metadata) set(field, value string) {
	switch field {
	case "name":
		setOnce(&m.Name, value)
	case "version":
		setOnce(&m.Version, value)
	case "license":
		setOnce(&m.License, value)
	case "license-expression":
		setOnce(&m.LicenseExpression, value)
	case "classifier":
		if name, ok := licenseFromClassifier(value); ok {
			m.LicenseClassifiers = append(m.LicenseClassifiers, name)
		}
	}
}

// isFieldName accepts what Python's email parser takes for a field name: printable ASCII without space or colon.
func isFieldName(key []byte) bool {
	if len(key) == 0 {
		return false
	}
	for _, b := range key {
		if b <= ' ' || b > '~' {
			return false
		}
	}
	return true
}

func setOnce(dst *string, value string) {
	if *dst == "" {
		*dst = value
	}
}
