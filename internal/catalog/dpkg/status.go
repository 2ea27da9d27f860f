// Package dpkg catalogs Debian packages from dpkg's status database (var/lib/dpkg/status), the one-file-per-package
// status.d of distroless images, the file lists in var/lib/dpkg/info that say which package installed a file, and
// the licences each package declares in /usr/share/doc/NAME/copyright.
package dpkg

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"

	"github.com/patchbay/patchbay/internal/sbom"
)

// maxStatus bounds the status database read into memory. Real ones are a few MB even with thousands of packages.
const maxStatus = 64 << 20

// paragraph is one stanza of a Debian control file: field names as written, values with continuation lines
// joined by "\n".
type paragraph map[string]string

// parseParagraphs reads RFC 822 style stanzas separated by blank lines, as dpkg writes them.
func parseParagraphs(data []byte) ([]paragraph, error) {
	var out []paragraph
	cur := paragraph{}
	last := ""
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), maxStatus)
	line := 0
	for sc.Scan() {
		line++
		l := sc.Text()
		switch {
		case strings.TrimSpace(l) == "":
			if len(cur) > 0 {
				out = append(out, cur)
				cur, last = paragraph{}, ""
			}
		case l[0] == ' ' || l[0] == '\t':
			if last == "" {
				return nil, fmt.Errorf("line %d: continuation line before any field", line)
			}
			cur[last] += "\n" + strings.TrimSpace(l)
		default:
			i := strings.IndexByte(l, ':')
			if i <= 0 {
				return nil, fmt.Errorf("line %d: not a field: %.40q", line, l)
			}
			last = l[:i]
			cur[last] = strings.TrimSpace(l[i+1:])
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("line %d: %w", line, err)
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out, nil
}

// packagesFrom turns status stanzas into packages: only those dpkg considers installed (a stanza without Status,
// as in distroless status.d, counts as installed).
func packagesFrom(paras []paragraph) ([]sbom.Package, error) {
	var out []sbom.Package
	for i, p := range paras {
		if st, ok := p["Status"]; ok && !installed(st) {
			continue
		}
		name, version := p["Package"], p["Version"]
		if name == "" || version == "" {
			return out, fmt.Errorf("stanza %d: no Package or Version field", i+1)
		}
		pkg := sbom.Package{Type: sbom.TypeDeb, Name: name, Version: version, Arch: p["Architecture"]}
		pkg.SourceName, pkg.SourceVersion = name, version
		if src := p["Source"]; src != "" {
			// "Source: glibc" or "Source: glibc (2.36-9+deb12u4)": the binary may be rebuilt (binNMU) with its own version
			if j := strings.IndexByte(src, '('); j > 0 && strings.HasSuffix(src, ")") {
				pkg.SourceName = strings.TrimSpace(src[:j])
				pkg.SourceVersion = strings.TrimSpace(src[j+1 : len(src)-1])
			} else {
				pkg.SourceName = strings.TrimSpace(src)
			}
		}
		out = append(out, pkg)
	}
	return out, nil
}

// installed reads dpkg's "want flag status" triple: only "installed" is in the image for real ("half-installed",
// "config-files" and the like leave no working package).
func installed(status string) bool {
	f := strings.Fields(status)
	return len(f) == 3 && f[2] == "installed"
}
