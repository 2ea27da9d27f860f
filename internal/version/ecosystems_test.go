package version

import (
	"errors"
	"strings"
	"testing"
)

func TestForKnownEcosystems(t *testing.T) {
	// OSV schema's ecosystem list, with the ":release" suffix it allows.
	for _, name := range []string{
		"Debian", "Debian:12", "Ubuntu", "Ubuntu:22.04:LTS", "Alpine", "Alpine:v3.19",
		"Red Hat", "Red Hat:enterprise_linux:9::appstream", "Rocky Linux", "AlmaLinux:9",
		"openSUSE", "SUSE:Linux Enterprise Server 15 SP5", "Maven", "npm", "PyPI", "Go", "crates.io",
	} {
		c, err := For(name)
		if err != nil {
			t.Errorf("For(%q): %v", name, err)
			continue
		}
		if base, _, _ := strings.Cut(name, ":"); c.Ecosystem() != base {
			t.Errorf("For(%q).Ecosystem() = %q, want %q", name, c.Ecosystem(), base)
		}
	}
}

func TestForUnknownEcosystem(t *testing.T) {
	for _, name := range []string{"", "debian", "NPM", "RubyGems", "Hex"} {
		_, err := For(name)
		if !errors.Is(err, ErrUnknownEcosystem) || !strings.Contains(err.Error(), `"`+name+`"`) {
			t.Errorf("For(%q) error = %v, want ErrUnknownEcosystem naming it", name, err)
		}
	}
}

func TestEcosystemsListed(t *testing.T) {
	names := Ecosystems()
	if len(names) != len(parsers) {
		t.Fatalf("Ecosystems() has %d names, parsers %d", len(names), len(parsers))
	}
	for _, n := range names {
		if _, err := For(n); err != nil {
			t.Errorf("For(%q) from Ecosystems(): %v", n, err)
		}
	}
}

// TestCompareAcrossSchemes: mixing ecosystems is a caller bug, but it must
// neither panic nor call two different versions equal.
func TestCompareAcrossSchemes(t *testing.T) {
	var parsed []Version
	for _, eco := range []string{"Debian", "Red Hat", "Alpine", "Maven", "PyPI", "npm", "crates.io", "Go"} {
		c, _ := For(eco)
		v, err := c.Parse("1.0.0")
		if err != nil {
			t.Fatalf("%s: %v", eco, err)
		}
		parsed = append(parsed, v)
	}
	for i, a := range parsed {
		for j, b := range parsed {
			if i == j {
				continue
			}
			ab, ba := a.Compare(b), b.Compare(a)
			if ab == 0 || ab != -ba {
				t.Errorf("cross-scheme Compare(%d, %d) = %d, reverse %d", i, j, ab, ba)
			}
		}
		if a.Compare(nil) != 1 {
			t.Errorf("Compare(nil) = %d, want 1", a.Compare(nil))
		}
	}
}
