package vulndb

import (
	"regexp"
	"strings"
)

// SplitEcosystem cuts an OSV ecosystem into its name and release: "Debian:12" → ("Debian", "12"),
// "Alpine:v3.20" → ("Alpine", "v3.20"), "PyPI" → ("PyPI", "").
func SplitEcosystem(e string) (name, release string) {
	name, release, _ = strings.Cut(e, ":")
	return name, release
}

var pep503 = regexp.MustCompile(`[-_.]+`)

// NormalizeName writes a package name the way its ecosystem compares names, so that a package found in an image
// and one named in a record meet: PyPI per PEP 503 (case-insensitive, runs of -_. are one -); others as written
// (npm, Go module paths, Maven coordinates and Debian names are case-sensitive as their ecosystems define them).
func NormalizeName(ecosystem, name string) string {
	switch ecosystem {
	case "PyPI":
		return pep503.ReplaceAllString(strings.ToLower(name), "-")
	}
	return name
}
