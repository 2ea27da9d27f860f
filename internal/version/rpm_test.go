package version

import (
	"fmt"
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

// rpmCases: the rpmvercmp rows come from rpm's tests/rpmvercmp.at; the
// epoch/release rows were checked with rpm 4.18's rpm.vercmp when written.
// TestRPMAgainstRPM re-checks all of them wherever rpm is installed.
var rpmCases = []cmpCase{
	{"1.0", "1.0", 0, "rpmvercmp.at"},
	{"1.0", "2.0", -1, "rpmvercmp.at"},
	{"2.0.1", "2.0", 1, "rpmvercmp.at"},
	{"2.0.1a", "2.0.1", 1, "rpmvercmp.at"},
	{"5.5p1", "5.5p10", -1, "rpmvercmp.at"},
	{"10xyz", "10.1xyz", -1, "rpmvercmp.at"},
	{"xyz10", "xyz10.1", -1, "rpmvercmp.at"},
	{"xyz.4", "8", -1, "rpmvercmp.at: numbers beat letters"},
	{"5.6p1", "5.5p2", 1, "rpmvercmp.at"},
	{"6.0.rc1", "6.0", 1, "rpmvercmp.at: 'rc' is just more segments"},
	{"10b2", "10a1", 1, "rpmvercmp.at"},
	{"1.0a", "1.0aa", -1, "rpmvercmp.at"},
	{"10.0001", "10.1", 0, "rpmvercmp.at: leading zeros ignored"},
	{"10.0001", "10.0039", -1, "rpmvercmp.at"},
	{"4.999.9", "5.0", -1, "rpmvercmp.at"},
	{"20101121", "20101122", -1, "rpmvercmp.at"},
	{"2_0", "2.0", 0, "rpmvercmp.at: separators are all alike"},
	{"a+", "a_", 0, "rpmvercmp.at RhBug:178798"},
	{"+", "_", 0, "rpmvercmp.at RhBug:178798"},
	{"1.0~rc1", "1.0", -1, "rpmvercmp.at tilde"},
	{"1.0~rc1", "1.0~rc2", -1, "rpmvercmp.at tilde"},
	{"1.0~rc1~git123", "1.0~rc1", -1, "rpmvercmp.at tilde"},
	{"1.0^", "1.0", 1, "rpmvercmp.at caret"},
	{"1.0^git1", "1.0", 1, "rpmvercmp.at caret"},
	{"1.0^git1", "1.0^git2", -1, "rpmvercmp.at caret"},
	{"1.0^git1", "1.01", -1, "rpmvercmp.at caret: before the next version"},
	{"1.0^20160101", "1.0.1", -1, "rpmvercmp.at caret"},
	{"1.0^20160102", "1.0^20160101^git1", 1, "rpmvercmp.at caret"},
	{"1.0~rc1^git1", "1.0~rc1", 1, "rpmvercmp.at tilde and caret"},
	{"1.0^git1~pre", "1.0^git1", -1, "rpmvercmp.at tilde and caret"},
	// Epoch and version-release, as rpm.vercmp parses them (rpmverParse).
	{"1:1.0-1", "2.0-1", 1, "rpm.vercmp: epoch first"},
	{"0:1.0-1", "1.0-1", 0, "rpm.vercmp: missing epoch is 0"},
	{"1:2.0-1", "2:1.0-1", -1, "rpm.vercmp: epoch compare"},
	{"1.0-1", "1.0-2", -1, "rpm.vercmp: release compare"},
	{"1.0-1.el9", "1.0-1.el9_2", -1, "rpm.vercmp: RHEL z-stream release"},
	{"1.0-10.el9", "1.0-9.el9", 1, "rpm.vercmp: numeric release"},
	{"3.0.7-24.el9", "3.0.7-25.el9_3", -1, "RHEL openssl updates"},
	{"1.0", "1.0-1", -1, "rpm.vercmp: no release sorts first"},
	{"1.0", "1.0-~", -1, "rpm.vercmp: no release sorts before even a '~' release"},
	{"1.0-1", "1.0.1-1", -1, "rpm.vercmp: version before release"},
	{"2.4.6-150400.3.3.1", "2.4.6-150400.3.6.1", -1, "SUSE release numbering"},
	{"1.2.3+git20210101.abc-1.1", "1.2.3-1.1", 1, "openSUSE +git snapshot"},
}

func TestRPMOrder(t *testing.T) {
	for _, eco := range []string{"Red Hat", "Rocky Linux", "AlmaLinux", "openSUSE", "SUSE"} {
		checkCases(t, eco, rpmCases)
	}
}

func TestRPMInvalid(t *testing.T) {
	checkInvalid(t, "Red Hat", []string{"", ":1.0", "1.0-", "-1", "1.0 -1", "1.0\t", "1.0-1\n", "1.1.α"})
}

// TestRPMAgainstRPM cross-checks the table with rpm's own rpm.vercmp when
// rpm is installed.
func TestRPMAgainstRPM(t *testing.T) {
	rpm, err := exec.LookPath("rpm")
	if err != nil {
		t.Skip("rpm not installed")
	}
	var lua strings.Builder
	for _, tc := range rpmCases {
		fmt.Fprintf(&lua, "print(rpm.vercmp(%q, %q) .. \";\") ", tc.a, tc.b)
	}
	out, err := exec.Command(rpm, "--eval", "%{lua: "+lua.String()+"}").Output()
	if err != nil {
		t.Skipf("rpm --eval with lua failed: %v", err)
	}
	// rpm collects print output without newlines; each result ends in ";".
	lines := strings.Split(strings.TrimSuffix(strings.TrimSpace(string(out)), ";"), ";")
	if len(lines) != len(rpmCases) {
		t.Fatalf("rpm printed %d results for %d cases: %q", len(lines), len(rpmCases), out)
	}
	for i, tc := range rpmCases {
		if got, _ := strconv.Atoi(lines[i]); sign(got) != tc.want {
			t.Errorf("rpm.vercmp(%q, %q) = %s, table says %d (%s)", tc.a, tc.b, lines[i], tc.want, tc.src)
		}
	}
}
