package version

import "testing"

// semver.org §11 (precedence) and §10 (build metadata); shared by npm,
// crates.io and Go, so every ecosystem runs these rows.
const semverOrg = "semver.org 2.0.0"

var semverSpecCases = []cmpCase{
	{"1.0.0", "2.0.0", -1, semverOrg + " §11.2"},
	{"2.0.0", "2.1.0", -1, semverOrg + " §11.2"},
	{"2.1.0", "2.1.1", -1, semverOrg + " §11.2"},
	{"1.0.0-alpha", "1.0.0", -1, semverOrg + " §11.3"},
	{"1.0.0-alpha", "1.0.0-alpha.1", -1, semverOrg + " §11.4.4"},
	{"1.0.0-alpha.1", "1.0.0-alpha.beta", -1, semverOrg + " §11.4.3"},
	{"1.0.0-alpha.beta", "1.0.0-beta", -1, semverOrg + " §11.4.2"},
	{"1.0.0-beta", "1.0.0-beta.2", -1, semverOrg + " §11.4.4"},
	{"1.0.0-beta.2", "1.0.0-beta.11", -1, semverOrg + " §11.4.1"},
	{"1.0.0-beta.11", "1.0.0-rc.1", -1, semverOrg + " §11.4.2"},
	{"1.0.0-rc.1", "1.0.0", -1, semverOrg + " §11.3"},
	{"1.0.0+20130313144700", "1.0.0", 0, semverOrg + " §10: build metadata ignored"},
	{"1.0.0-beta+exp.sha.5114f85", "1.0.0-beta", 0, semverOrg + " §10"},
	{"1.0.0+21AF26D3----117B344092BD", "1.0.0+1", 0, semverOrg + " §10"},
	{"1.10.0", "1.9.0", 1, semverOrg + " §2: numeric comparison"},
	{"1.0.0-x-y-z.--", "1.0.0-x-y-z", 1, semverOrg + " §9 example identifiers"},
	{"1.0.0-99999999999999999999999", "1.0.0-100000000000000000000000", -1, semverOrg + " §11.4.1: numeric identifiers of any size"},
}

func TestSemverSpecOrder(t *testing.T) {
	for _, eco := range []string{"npm", "crates.io", "Go"} {
		checkCases(t, eco, semverSpecCases)
	}
}
