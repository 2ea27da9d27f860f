package version

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// parsers maps each supported OSV ecosystem name to its parse function.
// Distributions that share a package manager share its rules.
var parsers = map[string]func(string) (Version, error){
	"Debian": parseDebian,
	"Ubuntu": parseDebian,

	"Alpine":     parseAlpine,
	"Wolfi":      parseAlpine, // apk-based
	"Chainguard": parseAlpine, // apk-based

	"Red Hat":     parseRPM,
	"Rocky Linux": parseRPM,
	"AlmaLinux":   parseRPM,
	"openSUSE":    parseRPM,
	"SUSE":        parseRPM,
	"Mageia":      parseRPM,
	"openEuler":   parseRPM,

	"Maven":     parseMaven,
	"npm":       parseNPM,
	"PyPI":      parsePyPI,
	"Go":        parseGo,
	"crates.io": parseCargo,
}

// Ecosystems lists the ecosystem names For accepts, sorted.
func Ecosystems() []string {
	names := make([]string, 0, len(parsers))
	for name := range parsers {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// For returns the Comparer for an OSV ecosystem name. A ":release" suffix
// as OSV writes it ("Debian:12", "Alpine:v3.19", "Red Hat:enterprise_linux:9")
// is ignored, since the version rules do not change between releases.
func For(ecosystem string) (Comparer, error) {
	name, _, _ := strings.Cut(ecosystem, ":")
	parse, ok := parsers[name]
	if !ok {
		return nil, fmt.Errorf("version ordering for %q: %w", ecosystem, ErrUnknownEcosystem)
	}
	return comparer{name: name, parse: parse}, nil
}

type comparer struct {
	name  string
	parse func(string) (Version, error)
}

func (c comparer) Ecosystem() string { return c.name }

func (c comparer) Parse(s string) (Version, error) {
	v, err := c.parse(s)
	if err != nil {
		var pe *ParseError
		if errors.As(err, &pe) {
			pe.Ecosystem = c.name
		}
		return nil, err
	}
	return v, nil
}

func (c comparer) Compare(a, b string) (int, error) {
	va, err := c.Parse(a)
	if err != nil {
		return 0, err
	}
	vb, err := c.Parse(b)
	if err != nil {
		return 0, err
	}
	return va.Compare(vb), nil
}
