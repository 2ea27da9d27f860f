package version

import (
	"strings"
	"testing"

	"golang.org/x/mod/semver"
)

// Sources: golang.org/x/mod/semver package docs, `go help module`
// ("Pseudo-versions"), the go/version package docs, and the Go
// vulnerability database's tag-to-semver mapping for the standard library.
const (
	xmodSemver   = "golang.org/x/mod/semver docs"
	goPseudo     = "go help module: pseudo-versions"
	goToolchain  = "go/version docs + vulndb GoTagToSemver"
	goOSVNoPrefx = "OSV Go ecosystem writes versions without 'v'"
)

var goCases = []cmpCase{
	{"v1.2.3", "1.2.3", 0, goOSVNoPrefx},
	{"v1.2", "v1.2.0", 0, xmodSemver + ": v1.2 is shorthand for v1.2.0"},
	{"v1", "v1.0.0", 0, xmodSemver + ": v1 is shorthand for v1.0.0"},
	{"v1.2.3-pre", "v1.2.3", -1, xmodSemver},
	{"v2.0.0+incompatible", "v2.0.0", 0, xmodSemver + ": +incompatible is build metadata"},
	{"v2.0.0+incompatible", "v2.0.1+incompatible", -1, xmodSemver},
	{"v1.10.0", "v1.9.0", 1, xmodSemver},
	{"v0.0.0-20210101000000-abcdef123456", "v0.0.1", -1, goPseudo + ": vX.0.0-timestamp-hash with no earlier version"},
	{"v0.0.0-20210101000000-abcdef123456", "v0.0.0-20210102000000-123456abcdef", -1, goPseudo + ": ordered by timestamp"},
	{"v1.2.4-0.20210101000000-abcdef123456", "v1.2.3", 1, goPseudo + ": vX.Y.(Z+1)-0.timestamp-hash after vX.Y.Z"},
	{"v1.2.4-0.20210101000000-abcdef123456", "v1.2.4", -1, goPseudo + ": ... and before vX.Y.(Z+1)"},
	{"v1.2.4-0.20210101000000-abcdef123456", "v1.2.4-rc.1", -1, goPseudo + ": numeric 0 before any named pre-release"},
	{"v1.2.3-pre.0.20210101000000-abcdef123456", "v1.2.3-pre", 1, goPseudo + ": vX.Y.Z-pre.0.timestamp-hash after vX.Y.Z-pre"},
	{"v1.2.3-pre.0.20210101000000-abcdef123456", "v1.2.3", -1, goPseudo},
	{"0.0.0-20220315210515-0baf6e23e1b5", "0.1.0", -1, goOSVNoPrefx + " (pseudo-version)"},
	{"v0.17.0", "0.17.0", 0, goOSVNoPrefx},
	// Toolchain / standard library.
	{"go1.21.3", "v1.21.3", 0, goToolchain},
	{"go1.21.3", "1.21.3", 0, goToolchain},
	{"go1.21rc2", "go1.21.0", -1, goToolchain + ": go1.21rc2 is v1.21.0-rc.2"},
	{"go1.21rc1", "go1.21rc2", -1, goToolchain},
	{"go1.21rc2", "1.21.0-rc.2", 0, goToolchain},
	{"1.21rc2", "go1.21rc2", 0, goToolchain + " (without the go prefix)"},
	{"go1.21", "1.21.0", 0, goToolchain + ": a bare go1.N release tag is N.0"},
	{"go1.20", "go1.20.0", 0, goToolchain},
	{"go1.20.14", "go1.21rc1", -1, goToolchain},
	{"go1.9beta2", "go1.9", -1, goToolchain + ": go1.9beta2 is v1.9.0-beta.2"},
	{"go1.9beta2", "go1.9rc1", -1, goToolchain + ": beta before rc"},
	{"go1", "1.0.0", 0, goToolchain + ": go1 is v1.0.0"},
	{"go1.21.0-bigcorp", "go1.21.0", 0, "go/version docs: custom toolchain suffix ignored"},
	{"go1.22.1", "go1.21.12", 1, goToolchain},
}

func TestGoOrder(t *testing.T) {
	checkCases(t, "Go", goCases)
}

// TestGoAgreesWithXModSemver checks the module-version rows against
// golang.org/x/mod/semver.Compare itself.
func TestGoAgreesWithXModSemver(t *testing.T) {
	withV := func(s string) string {
		if strings.HasPrefix(s, "v") {
			return s
		}
		return "v" + s
	}
	for _, tc := range goCases {
		a, b := withV(tc.a), withV(tc.b)
		if !semver.IsValid(a) || !semver.IsValid(b) {
			continue // toolchain spellings are not module versions
		}
		if got := semver.Compare(a, b); got != tc.want {
			t.Errorf("semver.Compare(%q, %q) = %d, table says %d (%s)", a, b, got, tc.want, tc.src)
		}
	}
}

func TestGoInvalid(t *testing.T) {
	checkInvalid(t, "Go", []string{
		"", "v", "1.0-rc1", "v1.2.3.4", "v01.2.3", "v1.2.3-01", "go", "go1.21.0rc1", "goabc",
		"latest", "v1.2-pre", "1.2.3 ", "go1.021",
	})
}
