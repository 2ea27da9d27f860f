package sbom

import (
	"regexp"
	"testing"
)

func TestUUIDV5(t *testing.T) {
	// Expected values from Python's uuid.uuid5(uuid.NAMESPACE_URL, name), an independent implementation.
	tests := map[string]string{
		"http://www.python.org":  "5e077b6f-5fcc-5a59-b52a-0092db3520c3",
		"https://patchbay.dev/x": "36440cb7-b41b-50ef-865a-e6df06ba4d37",
	}
	for name, want := range tests {
		if got := uuidV5(uuidNamespaceURL, name); got != want {
			t.Errorf("uuidV5(URL, %q) = %s, want %s", name, got, want)
		}
	}
}

func TestCycloneDXPackageRefs(t *testing.T) {
	jarA := Package{Type: TypeMaven, Name: "g:a", Version: "1", Paths: []string{"/a.jar"}}
	jarB := Package{Type: TypeMaven, Name: "g:a", Version: "1", Paths: []string{"/b.jar"}}
	deb := Package{Type: TypeDeb, Name: "x", Version: "1", Paths: []string{"/var/lib/dpkg/status"}}
	odd := Package{Type: "", Name: "nameless-type"}
	pkgs := []Package{jarA, jarB, deb, odd, deb}
	purls := []string{"pkg:maven/g/a@1", "pkg:maven/g/a@1", "pkg:deb/debian/x@1?arch=amd64", "", "pkg:deb/debian/x@1?arch=amd64"}

	refs := cyclonedxPackageRefs(pkgs, purls)

	want := []string{
		"pkg:maven/g/a@1?package-id=" + shortHash(jarA.Key()),
		"pkg:maven/g/a@1?package-id=" + shortHash(jarB.Key()),
		"pkg:deb/debian/x@1?arch=amd64&package-id=" + shortHash(deb.Key()),
		"patchbay::" + shortHash(odd.Key()),
		// the same Key twice cannot be told apart by its hash: a counter keeps the document valid
		"pkg:deb/debian/x@1?arch=amd64&package-id=" + shortHash(deb.Key()) + "-2",
	}
	for i := range want {
		if refs[i] != want[i] {
			t.Errorf("ref %d = %q, want %q", i, refs[i], want[i])
		}
	}
}

func TestSPDXPackageIDs(t *testing.T) {
	pkgs := []Package{
		{Type: TypeNPM, Name: "@babel/core", Version: "7.24.0"},
		{Type: TypeDeb, Name: "libstdc++6", Version: "12"},
		{Type: TypeDeb, Name: "libstdc++6", Version: "12"},
	}
	ids := spdxPackageIDs(pkgs)
	valid := regexp.MustCompile(`^[A-Za-z0-9.-]+$`)
	seen := map[string]bool{}
	for _, id := range ids {
		if !valid.MatchString(id) {
			t.Errorf("SPDX id %q holds a character SPDX does not allow", id)
		}
		if seen[id] {
			t.Errorf("SPDX id %q used twice", id)
		}
		seen[id] = true
	}
	if want := "Package-npm--babel-core-" + shortHash(pkgs[0].Key()); ids[0] != want {
		t.Errorf("ids[0] = %q, want %q", ids[0], want)
	}
}
