package match

import (
	"github.com/patchbay/patchbay/internal/sbom"
	"reflect"
	"testing"

	"github.com/patchbay/patchbay/internal/vulndb"
)

func ev(kind, v string) vulndb.Event {
	switch kind {
	case "i":
		return vulndb.Event{Introduced: v}
	case "f":
		return vulndb.Event{Fixed: v}
	case "l":
		return vulndb.Event{LastAffected: v}
	}
	return vulndb.Event{Limit: v}
}

// TestRangeEvaluation walks OSV's evaluation rules (ossf.github.io/osv-schema/#evaluation) on hand-made
// ranges; the expected answers follow from the rules by hand.
func TestRangeEvaluation(t *testing.T) {
	tests := []struct {
		name      string
		eco       string
		rangeType string
		events    []vulndb.Event
		versions  []string
		release   string // the record's
		t         Target
		want      bool
		fixed     []string
	}{
		{"below fixed", "PyPI", "ECOSYSTEM", []vulndb.Event{ev("i", "0"), ev("f", "2.0")}, nil, "", tgt("PyPI", "x", "", "1.9"), true, []string{"2.0"}},
		{"at fixed", "PyPI", "ECOSYSTEM", []vulndb.Event{ev("i", "0"), ev("f", "2.0")}, nil, "", tgt("PyPI", "x", "", "2.0"), false, nil},
		{"pre-release of the fix is still affected", "PyPI", "ECOSYSTEM", []vulndb.Event{ev("i", "0"), ev("f", "2.0")}, nil, "", tgt("PyPI", "x", "", "2.0rc1"), true, []string{"2.0"}},
		{"below introduced", "PyPI", "ECOSYSTEM", []vulndb.Event{ev("i", "1.5"), ev("f", "2.0")}, nil, "", tgt("PyPI", "x", "", "1.4"), false, nil},
		{"at introduced", "PyPI", "ECOSYSTEM", []vulndb.Event{ev("i", "1.5"), ev("f", "2.0")}, nil, "", tgt("PyPI", "x", "", "1.5"), true, []string{"2.0"}},
		{"last_affected inclusive", "Maven", "ECOSYSTEM", []vulndb.Event{ev("i", "0"), ev("l", "2.9.10")}, nil, "", tgt("Maven", "g:a", "", "2.9.10"), true, nil},
		{"above last_affected", "Maven", "ECOSYSTEM", []vulndb.Event{ev("i", "0"), ev("l", "2.9.10")}, nil, "", tgt("Maven", "g:a", "", "2.9.10.1"), false, nil},
		{"two runs, in the gap", "npm", "SEMVER", []vulndb.Event{ev("i", "0"), ev("f", "1.2.3"), ev("i", "2.0.0"), ev("f", "2.1.0")}, nil, "", tgt("npm", "x", "", "1.5.0"), false, nil},
		{"two runs, in the second", "npm", "SEMVER", []vulndb.Event{ev("i", "0"), ev("f", "1.2.3"), ev("i", "2.0.0"), ev("f", "2.1.0")}, nil, "", tgt("npm", "x", "", "2.0.5"), true, []string{"2.1.0"}},
		{"events given out of order", "npm", "SEMVER", []vulndb.Event{ev("f", "2.1.0"), ev("i", "2.0.0"), ev("f", "1.2.3"), ev("i", "0")}, nil, "", tgt("npm", "x", "", "1.0.0"), true, []string{"1.2.3"}},
		{"limit bounds the range", "npm", "SEMVER", []vulndb.Event{ev("i", "0"), ev("L", "1.0.0")}, nil, "", tgt("npm", "x", "", "1.5.0"), false, nil},
		{"npm range written 1.0", "npm", "ECOSYSTEM", []vulndb.Event{ev("i", "1.0"), ev("f", "3.1.1")}, nil, "", tgt("npm", "node-fetch", "", "2.6.0"), true, []string{"3.1.1"}},
		{"Go module v-prefix against SEMVER", "Go", "SEMVER", []vulndb.Event{ev("i", "0"), ev("f", "1.7.0")}, nil, "", tgt("Go", "github.com/gin-gonic/gin", "", "v1.6.3"), true, []string{"1.7.0"}},
		{"Go pseudo-version is a pre-release", "Go", "SEMVER", []vulndb.Event{ev("i", "0"), ev("f", "0.0.0-20210520170846-37e1c6afe023")}, nil, "", tgt("Go", "golang.org/x/net", "", "v0.0.0-20210226172049-e18ecbb05110"), true, []string{"0.0.0-20210520170846-37e1c6afe023"}},
		{"Go stdlib", "Go", "SEMVER", []vulndb.Event{ev("i", "1.26.0-0"), ev("f", "1.26.9")}, nil, "", tgt("Go", "stdlib", "", "1.26.8"), true, []string{"1.26.9"}},
		{"Debian stable update above the fix", "Debian", "ECOSYSTEM", []vulndb.Event{ev("i", "0"), ev("f", "2.38.1-5+deb12u1")}, nil, "12", tgt("Debian", "util-linux", "12", "2.38.1-5+deb12u3"), false, nil},
		{"Debian epoch outranks the upstream version", "Debian", "ECOSYSTEM", []vulndb.Event{ev("i", "0"), ev("f", "2.0-1")}, nil, "12", tgt("Debian", "x", "12", "1:1.0-1"), false, nil},
		{"Debian missing epoch is 0", "Debian", "ECOSYSTEM", []vulndb.Event{ev("i", "0"), ev("f", "1:1.0-1")}, nil, "12", tgt("Debian", "x", "12", "2.0-1"), true, []string{"1:1.0-1"}},
		{"Debian, other release", "Debian", "ECOSYSTEM", []vulndb.Event{ev("i", "0"), ev("f", "9.9")}, nil, "11", tgt("Debian", "bash", "12", "5.2.15-2"), false, nil},
		{"Debian tilde sorts low", "Debian", "ECOSYSTEM", []vulndb.Event{ev("i", "0"), ev("f", "3.0.15-1~deb12u1")}, nil, "12", tgt("Debian", "openssl", "12", "3.0.15-1~deb12u0"), true, []string{"3.0.15-1~deb12u1"}},
		{"explicit versions list", "PyPI", "", nil, []string{"1.0", "1.1"}, "", tgt("PyPI", "x", "", "1.1"), true, nil},
		{"not in the versions list", "PyPI", "", nil, []string{"1.0", "1.1"}, "", tgt("PyPI", "x", "", "1.2"), false, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			row := vulndb.AffectedRow{VulnID: "TEST-1", Key: vulndb.PackageKey{Ecosystem: tc.eco, Name: tc.t.Key.Name}, Release: tc.release, Versions: tc.versions}
			if tc.events != nil {
				row.Ranges = []vulndb.Range{{Type: tc.rangeType, Events: tc.events}}
			}
			x := newIndex()
			if w := x.add([]vulndb.AffectedRow{row}); len(w) > 0 {
				t.Fatalf("warnings: %v", w)
			}
			hits, warn := x.match(tc.t)
			if warn != "" {
				t.Fatalf("warning: %s", warn)
			}
			if got := len(hits) == 1; got != tc.want {
				t.Fatalf("affected = %v, want %v", got, tc.want)
			}
			if tc.want && !reflect.DeepEqual(hits[0].fixed, tc.fixed) {
				t.Errorf("fixed %v, want %v", hits[0].fixed, tc.fixed)
			}
		})
	}
}

func tgt(eco, name, release, version string) Target {
	return Target{Key: vulndb.PackageKey{Ecosystem: eco, Name: name}, Release: release, Version: version}
}

func TestUnparseableRangeIsDroppedWithAWarning(t *testing.T) {
	x := newIndex()
	w := x.add([]vulndb.AffectedRow{{VulnID: "TEST-2", Key: vulndb.PackageKey{Ecosystem: "Maven", Name: "g:a"},
		Ranges: []vulndb.Range{{Type: "SEMVER", Events: []vulndb.Event{ev("i", "0"), ev("f", "not a version")}}}}})
	if len(w) != 1 {
		t.Fatalf("warnings %v", w)
	}
	if hits, _ := x.match(tgt("Maven", "g:a", "", "1.0")); len(hits) != 0 {
		t.Errorf("a range that cannot be read matched: %v", hits)
	}
}

func TestGroupingByAliases(t *testing.T) {
	infos := map[string]*vulndb.Info{
		"GO-2021-0052":        {ID: "GO-2021-0052", Aliases: []string{"CVE-2020-28483", "GHSA-h395-qcrw-5vmq"}},
		"GHSA-h395-qcrw-5vmq": {ID: "GHSA-h395-qcrw-5vmq", Aliases: []string{"CVE-2020-28483"}},
		"GO-2020-0001":        {ID: "GO-2020-0001", Aliases: []string{"CVE-2020-36567"}},
	}
	groups := groupHits([]hit{{vulnID: "GO-2021-0052"}, {vulnID: "GHSA-h395-qcrw-5vmq"}, {vulnID: "GO-2020-0001"}}, infos)
	if len(groups) != 2 {
		t.Fatalf("%d groups, want 2: %v", len(groups), groups)
	}
	f := newFinding(groups[1], infos, sbomPkg(), tgt("Go", "github.com/gin-gonic/gin", "", "v1.6.3"), nil, nil)
	if len(groups[1]) == 2 && (f.ID != "CVE-2020-28483" || len(f.Aliases) != 2 || len(f.Records) != 2) {
		t.Errorf("finding %+v: want CVE-2020-28483 shown, with the GO and GHSA IDs as aliases", f)
	}
}

func sbomPkg() sbom.Package {
	return sbom.Package{Type: sbom.TypeGo, Name: "github.com/gin-gonic/gin", Version: "v1.6.3", Paths: []string{"/app"}}
}
