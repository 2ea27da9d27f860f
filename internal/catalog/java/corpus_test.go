package java

import (
	"encoding/json"
	"github.com/patchbay/patchbay/internal/testenv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The corpus is built outside the repository by the project's corpus tooling; the test runs where it exists.
var (
	corpusRoot     = filepath.Join(testenv.CacheDir(), "corpus")
	corpusAppJar   = filepath.Join(corpusRoot, "work/rootfs/javaapp/app/app.jar")
	corpusExpected = filepath.Join(corpusRoot, "expected/customers-service_2.1.4.json")
)

// TestCorpusCustomersService compares the packages of the customers-service image's Spring Boot jar with the
// maven packages the corpus expects in it.
func TestCorpusCustomersService(t *testing.T) {
	content, err := os.ReadFile(corpusAppJar)
	if err != nil {
		testenv.Unavailable(t, "corpus not built (%v): run the corpus tooling first", err)
	}
	raw, err := os.ReadFile(corpusExpected)
	if err != nil {
		testenv.Unavailable(t, "corpus expectations missing: %v", err)
	}
	var expected struct {
		Packages []struct {
			Type, Name, Version, Path string
		} `json:"packages"`
		UnidentifiedJars []string `json:"unidentified_jars"`
	}
	if err := json.Unmarshal(raw, &expected); err != nil {
		t.Fatalf("%s: %v", corpusExpected, err)
	}
	var want []found
	for _, p := range expected.Packages {
		if p.Type == "maven" && strings.HasPrefix(p.Path, "/app/app.jar") {
			want = append(want, found{name: p.Name, version: p.Version, path: p.Path})
		}
	}
	if len(want) == 0 {
		t.Fatalf("%s lists no maven package in /app/app.jar", corpusExpected)
	}

	res, err := runCatalog(t, New(), "/app/app.jar", content)
	if err != nil {
		t.Errorf("Catalog: %v", err)
	}
	var got []found
	for _, f := range summarize(res.Packages) {
		f.licenses = "" // the corpus does not list licenses
		got = append(got, f)
	}
	byPath := func(a, b found) int { return strings.Compare(a.path+a.name+a.version, b.path+b.name+b.version) }
	slices.SortFunc(got, byPath)
	slices.SortFunc(want, byPath)
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("missing %+v", w)
		}
	}
	for _, g := range got {
		if !slices.Contains(want, g) {
			t.Errorf("unexpected %+v", g)
		}
	}

	// The image's other jars name no artifact: no pom.properties, prose manifest titles, no version in the name.
	rootfs := filepath.Dir(filepath.Dir(corpusAppJar))
	for _, p := range expected.UnidentifiedJars {
		content, err := os.ReadFile(filepath.Join(rootfs, p))
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		res, err := runCatalog(t, New(), p, content)
		if err != nil || len(res.Packages) > 0 {
			t.Errorf("%s: packages %v, error %v; want neither", p, summarize(res.Packages), err)
		}
	}
}
