package version

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// nodeSemver rows come from node-semver's test/fixtures/comparisons.js and
// equality.js; each was checked with semver.compare (node-semver 7.5.4,
// applied to semver.clean() output) when written.
const (
	nodeCmp = "node-semver test/fixtures/comparisons.js"
	nodeEq  = "node-semver test/fixtures/equality.js"
)

var npmCases = []cmpCase{
	{"0.0.0", "0.0.0-foo", 1, nodeCmp},
	{"0.0.1", "0.0.0", 1, nodeCmp},
	{"0.10.0", "0.9.0", 1, nodeCmp},
	{"0.99.0", "0.10.0", 1, nodeCmp},
	{"2.0.0", "1.2.3", 1, nodeCmp},
	{"v0.0.0", "0.0.0-foo", 1, nodeCmp},
	{"v0.0.1", "0.0.0", 1, nodeCmp},
	{"1.2.3", "1.2.3-asdf", 1, nodeCmp},
	{"1.2.3", "1.2.3-4", 1, nodeCmp},
	{"1.2.3", "1.2.3-4-foo", 1, nodeCmp},
	{"1.2.3-5-foo", "1.2.3-5", 1, nodeCmp},
	{"1.2.3-5", "1.2.3-4", 1, nodeCmp},
	{"1.2.3-5-foo", "1.2.3-5-Foo", 1, nodeCmp},
	{"3.0.0", "2.7.2+asdf", 1, nodeCmp},
	{"1.2.3-a.10", "1.2.3-a.5", 1, nodeCmp},
	{"1.2.3-a.b", "1.2.3-a.5", 1, nodeCmp},
	{"1.2.3-a.b", "1.2.3-a", 1, nodeCmp},
	{"1.2.3-a.b.c.10.d.5", "1.2.3-a.b.c.5.d.100", 1, nodeCmp},
	{"1.2.3-r2", "1.2.3-r100", 1, nodeCmp},
	{"1.2.3-r100", "1.2.3-R2", 1, nodeCmp},
	{"1.2.3", "v1.2.3", 0, nodeEq},
	{"1.2.3", "=1.2.3", 0, nodeEq},
	{"1.2.3-beta+build", " = 1.2.3-beta+otherbuild", 0, nodeEq + " (after semver.clean)"},
	{"1.2.3+build", "1.2.3+otherbuild", 0, nodeEq},
	{"  v1.2.3+build", "1.2.3+otherbuild", 0, nodeEq},
	{"1.2.3-beta", "1.2.3-beta+build", 0, nodeEq},
	{"9007199254740991.0.0", "9007199254740990.9.9", 1, "node-semver: MAX_SAFE_INTEGER is still valid"},
	{"4.17.20", "4.17.21", -1, "lodash CVE-2021-23337 fix"},
	{"1.0.0-0", "1.0.0-alpha", -1, "node-semver: numeric before alphanumeric"},
	{"1.0.0-alpha.0", "1.0.0-alpha.00a", -1, "node-semver: '00a' is alphanumeric"},
}

func TestNPMOrder(t *testing.T) {
	checkCases(t, "npm", npmCases)
}

func TestNPMInvalid(t *testing.T) {
	// node-semver's valid()/clean() return null for all of these.
	checkInvalid(t, "npm", []string{
		"", "1", "1.2", "1.2.3.4", "01.2.3", "1.02.3", "1.2.3-01", "1.2.3-", "1.2.3+",
		"1.2.3-a..b", "1.2.3-a_b", "1.2.3beta", "9007199254740992.0.0", "x.y.z", "1.2.3 4",
		string(make([]byte, 257)),
	})
}

// TestNPMAgainstNodeSemver cross-checks the table with node-semver when node
// and npm's bundled copy of semver are on the machine.
func TestNPMAgainstNodeSemver(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not installed")
	}
	semverDir := ""
	for _, dir := range []string{"/usr/lib/node_modules/npm/node_modules/semver", "/usr/local/lib/node_modules/npm/node_modules/semver"} {
		if _, err := os.Stat(filepath.Join(dir, "package.json")); err == nil {
			semverDir = dir
		}
	}
	if semverDir == "" {
		t.Skip("npm's bundled semver not found")
	}
	pairs, _ := json.Marshal(func() (out [][2]string) {
		for _, tc := range npmCases {
			out = append(out, [2]string{tc.a, tc.b})
		}
		return out
	}())
	script := `const s = require(process.argv[1]);
const pairs = JSON.parse(process.argv[2]);
console.log(JSON.stringify(pairs.map(([a, b]) => s.compare(s.clean(a), s.clean(b)))));`
	out, err := exec.Command(node, "-e", script, semverDir, string(pairs)).Output()
	if err != nil {
		t.Skipf("node failed: %v", err)
	}
	var got []int
	if err := json.Unmarshal(out, &got); err != nil || len(got) != len(npmCases) {
		t.Fatalf("unexpected node output %q: %v", out, err)
	}
	for i, tc := range npmCases {
		if got[i] != tc.want {
			t.Errorf("node-semver compare(%q, %q) = %d, table says %d (%s)", tc.a, tc.b, got[i], tc.want, tc.src)
		}
	}
}
