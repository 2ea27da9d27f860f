package java

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"strings"
)

// manifest holds the few headers of a MANIFEST.MF main section that name a jar and its license.
type manifest struct {
	implementationTitle   string
	implementationVersion string
	bundleSymbolicName    string
	bundleVersion         string
	specificationTitle    string
	specificationVersion  string
	bundleLicense         string
}

// field returns where the header called name is kept, or nil for a header we do not keep. Header names are
// case-insensitive (JAR File Specification).
func (m *manifest) field(name string) *string {
	switch {
	case strings.EqualFold(name, "Implementation-Title"):
		return &m.implementationTitle
	case strings.EqualFold(name, "Implementation-Version"):
		return &m.implementationVersion
	case strings.EqualFold(name, "Bundle-SymbolicName"):
		return &m.bundleSymbolicName
	case strings.EqualFold(name, "Bundle-Version"):
		return &m.bundleVersion
	case strings.EqualFold(name, "Specification-Title"):
		return &m.specificationTitle
	case strings.EqualFold(name, "Specification-Version"):
		return &m.specificationVersion
	case strings.EqualFold(name, "Bundle-License"):
		return &m.bundleLicense
	}
	return nil
}

// readManifest reads the main section of a MANIFEST.MF: "Name: value" headers, continued on lines that start with
// a space, up to the first blank line. It reads a stream so that the per-entry sections of a signed jar (a digest
// per class, megabytes) are never read, and keeps only the headers it needs, each cut at maxLine bytes. A line
// longer than maxLine, which the specification's 72-byte lines rule out, ends the reading: what was read so far
// is kept.
func readManifest(r io.Reader, maxLine int) (manifest, error) {
	var m manifest
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, min(4096, maxLine)), maxLine) // the larger of the two bounds a line
	sc.Split(splitManifestLines)
	// The header being read, kept until its continuation lines are in: where it goes (nil for a header we skip)
	// and its value so far.
	var current *string
	var value []byte
	flush := func() {
		if current != nil {
			*current = string(value)
		}
		current, value = nil, value[:0]
	}
	for sc.Scan() {
		line := sc.Bytes()
		if len(line) == 0 {
			break // end of the main section
		}
		if line[0] == ' ' {
			if current != nil && len(value)+len(line)-1 <= maxLine {
				value = append(value, line[1:]...)
			}
			continue
		}
		flush()
		name, v, ok := bytes.Cut(line, []byte(":"))
		if !ok {
			continue // not a header; the JDK would reject the manifest, we skip the line
		}
		if current = m.field(string(bytes.TrimSpace(name))); current != nil {
			value = append(value, bytes.TrimPrefix(v, []byte(" "))...)
		}
	}
	flush()
	if err := sc.Err(); err != nil && !errors.Is(err, bufio.ErrTooLong) {
		return m, err
	}
	m.trim()
	return m, nil
}

// trim removes the white space around values and replaces bytes that are not UTF-8.
func (m *manifest) trim() {
	for _, p := range []*string{&m.implementationTitle, &m.implementationVersion, &m.bundleSymbolicName,
		&m.bundleVersion, &m.specificationTitle, &m.specificationVersion, &m.bundleLicense} {
		*p = strings.ToValidUTF8(strings.TrimSpace(*p), "\uFFFD")
	}
}

// splitManifestLines is a bufio.SplitFunc for the manifest's line ends: "\r\n", "\n" or "\r".
func splitManifestLines(data []byte, atEOF bool) (advance int, token []byte, err error) {
	i := bytes.IndexAny(data, "\r\n")
	switch {
	case i < 0 && atEOF && len(data) > 0:
		return len(data), data, nil
	case i < 0:
		return 0, nil, nil // need more data (or nothing left at EOF)
	case data[i] == '\n':
		return i + 1, data[:i], nil
	case i+1 < len(data):
		if data[i+1] == '\n' {
			return i + 2, data[:i], nil
		}
		return i + 1, data[:i], nil
	case atEOF:
		return i + 1, data[:i], nil
	}
	return 0, nil, nil // a '\r' at the end of the buffer: wait to see whether '\n' follows
}
