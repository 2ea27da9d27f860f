package version

import (
	"os/exec"
	"testing"
)

// debianCases were checked with `dpkg --compare-versions` (dpkg 1.21.22,
// Debian 12) when written; TestDebianAgainstDpkg re-checks them wherever
// dpkg is installed.
var debianCases = []cmpCase{
	// Debian Policy §5.6.12: "~~ < ~~a < ~ < (empty) < a" and 1.0~rc1 < 1.0.
	{"1.0~~", "1.0~~a", -1, "Policy §5.6.12 tilde example"},
	{"1.0~~a", "1.0~", -1, "Policy §5.6.12 tilde example"},
	{"1.0~", "1.0", -1, "Policy §5.6.12 tilde example"},
	{"1.0", "1.0a", -1, "Policy §5.6.12 tilde example"},
	{"1.0~rc1", "1.0", -1, "Policy §5.6.12: ~ sorts before the end"},
	{"1.0~rc1-1", "1.0-1", -1, "Policy §5.6.12 (upstream pre-release)"},
	{"1.0-1~bpo1", "1.0-1", -1, "Policy §5.6.12: backports use ~ in the revision"},
	// Policy: letters sort before non-letters.
	{"1.0a", "1.0+", -1, "Policy §5.6.12: letters before non-letters"},
	{"1.0a", "1.0.", -1, "Policy §5.6.12: letters before non-letters"},
	{"1.0+", "1.0.", -1, "Policy §5.6.12: non-letters in ASCII order ('+' < '.')"},
	{"1.0A", "1.0a", -1, "Policy §5.6.12: letters in ASCII order"},
	// Epochs (Policy §5.6.12; dpkg lib/dpkg/t/t-version.c).
	{"1:0.1", "2.0", 1, "Policy §5.6.12: epoch wins over upstream"},
	{"0:1.0-1", "1.0-1", 0, "t-version.c: 0 epoch equals no epoch"},
	{"1:1.0", "2:0.1", -1, "t-version.c: epoch difference"},
	{"0:0-0", "0", 0, "t-version.c: 0:0-0 parses as 0-0, equals 0"},
	{"0:0.0-0.0", "0.0-0.0", 0, "t-version.c: zero versions"},
	{"0-00", "00-0", 0, "t-version.c: 0/00 equality"},
	{"1:2-3", "1:2-3", 0, "t-version.c: identical"},
	// Upstream/revision split at the LAST hyphen (t-version.c multiple hyphens).
	{"0:0-0-0", "0-0-0", 0, "t-version.c: upstream 0-0, revision 0"},
	{"1.0-1-1", "1.0-1-2", -1, "t-version.c: last hyphen splits the revision"},
	{"1.0-2-1", "1.0-1-2", 1, "t-version.c: upstream 1.0-2 > 1.0-1"},
	{"0:0:0-0", "0:0:0-0", 0, "t-version.c: colons after the epoch belong to upstream"},
	// Numeric runs compare by value, not length or text.
	{"1.10", "1.9", 1, "verrevcmp: digit runs compare numerically"},
	{"1.010", "1.10", 0, "verrevcmp: leading zeros ignored"},
	{"1.0", "1.0.0", -1, "verrevcmp: '.' then 0 beats the end"},
	{"20210101000000000000000001", "20210101000000000000000002", -1, "verrevcmp: arbitrarily long numbers"},
	// Security and stable updates (+debNuM), binNMUs (+bN), Ubuntu.
	{"2.36.1-8", "2.36.1-8+deb12u1", -1, "Debian security update naming"},
	{"2.36.1-8+deb12u1", "2.36.1-8+deb12u2", -1, "Debian security update naming"},
	{"2.36.1-8+deb11u1", "2.36.1-8+deb12u1", -1, "Debian security update naming"},
	{"1.2.3-1+b1", "1.2.3-1", 1, "binNMU: +bN sorts after the source version"},
	{"1.2.3-1+b1", "1.2.3-2", -1, "binNMU sorts before the next revision"},
	{"1.2.3-1+b2", "1.2.3-1+b10", -1, "binNMU numbers compare numerically"},
	{"1.2.3-1+deb12u1", "1.2.3-1+b1", 1, "'d' > 'b'"},
	{"1.1.1n-0+deb11u5", "1.1.1w-0+deb11u1", -1, "openssl in bullseye"},
	{"3.0.11-1~deb12u2", "3.0.11-1", -1, "~debNuN backport naming"},
	{"2.35-0ubuntu3.1", "2.35-0ubuntu3.10", -1, "Ubuntu SRU numbering"},
	{"2.35-0ubuntu3.1", "2.35-0ubuntu3", 1, "Ubuntu SRU numbering"},
	{"1:9.18.18-0ubuntu0.22.04.1", "1:9.18.18-0ubuntu0.22.04.2", -1, "Ubuntu security update"},
	{"7.81.0-1ubuntu1.14", "7.81.0-1ubuntu1.15~esm1", -1, "Ubuntu ESM"},
	{"1.0+dfsg-1", "1.0-1", 1, "repacked upstream (+dfsg)"},
	{"1.0-1", "1.0", 1, "a revision beats none"},
	{"1.0-0", "1.0", 0, "revision 0 equals no revision (empty digit run is 0)"},
}

func TestDebianOrder(t *testing.T) {
	checkCases(t, "Debian", debianCases)
	checkCases(t, "Ubuntu", debianCases)
}

func TestDebianInvalid(t *testing.T) {
	// dpkg lib/dpkg/t/t-version.c test_version_parse rejects all of these.
	checkInvalid(t, "Debian", []string{
		"", "  ", "0:", ":1.0", "1.0-", "0:0 0-1", "-1:0-1",
		"999999999999999999999999:0-1", "a:0-0", "A:0-0", "-0", "0:-0",
		"0:abc3-0", "0:0!-0", "0:0_-0", "0:0-0:0", "0:0-0_", "1.0\x00",
		"v1.2.3",
	})
}

func TestDebianParseTrimsBlanks(t *testing.T) {
	// t-version.c: leading and trailing blanks are ignored.
	c, _ := For("Debian")
	got, err := c.Compare("  \t0:0-1", "0:0-1\t  ")
	if err != nil || got != 0 {
		t.Fatalf("Compare with surrounding blanks = %d, %v", got, err)
	}
}

// TestDebianAgainstDpkg cross-checks the table with the real dpkg when the
// machine has it; the table alone is the test everywhere else.
func TestDebianAgainstDpkg(t *testing.T) {
	dpkg, err := exec.LookPath("dpkg")
	if err != nil {
		t.Skip("dpkg not installed")
	}
	rel := map[int]string{-1: "lt", 0: "eq", 1: "gt"}
	for _, tc := range debianCases {
		if err := exec.Command(dpkg, "--compare-versions", tc.a, rel[tc.want], tc.b).Run(); err != nil {
			t.Errorf("dpkg --compare-versions %q %s %q is false (%s)", tc.a, rel[tc.want], tc.b, tc.src)
		}
	}
}
