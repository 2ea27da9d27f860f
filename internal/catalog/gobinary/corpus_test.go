package gobinary

import (
	"encoding/json"
	"github.com/patchbay/patchbay/internal/testenv"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// The test corpus, when present, has a real service binary and the packages an independent tool found in it.
var (
	corpusExpected = filepath.Join(testenv.CacheDir(), "corpus/expected/visits-service_1.0.0.json")
	corpusBinary   = filepath.Join(testenv.CacheDir(), "corpus/work/rootfs/goapp/usr/local/bin/app")
	corpusPath     = "/usr/local/bin/app" // the binary's path in the image
)

func TestCatalogCorpusGroundTruth(t *testing.T) {
	raw, err := os.ReadFile(corpusExpected)
	if err != nil {
		testenv.Unavailable(t, "corpus not present: %v", err)
	}
	if _, err := os.Stat(corpusBinary); err != nil {
		testenv.Unavailable(t, "corpus binary not present: %v", err)
	}
	var expected struct {
		Packages []struct {
			Type    string `json:"type"`
			Name    string `json:"name"`
			Version string `json:"version"`
			Path    string `json:"path"`
		} `json:"packages"`
	}
	if err := json.Unmarshal(raw, &expected); err != nil {
		t.Fatalf("%s: %v", corpusExpected, err)
	}
	var want []string
	for _, p := range expected.Packages {
		if p.Type == "golang" && p.Path == corpusPath {
			want = append(want, p.Name+"@"+p.Version)
		}
	}
	slices.Sort(want)
	if len(want) == 0 {
		t.Fatalf("%s lists no golang package for %s", corpusExpected, corpusPath)
	}

	res, err := runFile(t, New(), corpusBinary)
	if err != nil {
		t.Fatalf("Catalog: %v", err)
	}
	if got := coords(res.Packages); !slices.Equal(got, want) {
		t.Errorf("packages\n got %q\nwant %q", got, want)
	}
}
