package catalog

import "strings"

// EvidenceFilter builds the predicate that OS catalogers use to keep, from their packages' file lists, only the
// paths that a language cataloger could take as evidence: such a language package was installed by the OS package
// manager and is that package's business. Executables in bin directories are kept too (Go binaries shipped by a
// distribution). Keeping only these paths keeps cached layer results small.
func EvidenceFilter(language []Cataloger) func(path string) bool {
	return func(p string) bool {
		if strings.Contains(p, "/bin/") || strings.Contains(p, "/sbin/") || strings.Contains(p, "/libexec/") {
			return true
		}
		e := Entry{Path: p, Mode: 0o644, Size: 1}
		for _, c := range language {
			if c.Wants(e) {
				return true
			}
		}
		return false
	}
}
