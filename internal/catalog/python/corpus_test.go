package python

import (
	"context"
	"encoding/json"
	"github.com/patchbay/patchbay/internal/testenv"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/patchbay/patchbay/internal/catalog"
)

// The corpus is built outside the repository (an image's root filesystem and the packages known to be in it); the
// test runs where it exists.
var (
	corpusRoot     = filepath.Join(testenv.CacheDir(), "corpus")
	corpusRootfs   = corpusRoot + "/work/rootfs/pyvenv"
	corpusExpected = corpusRoot + "/expected/reports-job_0.3.0.json"
)

// TestCorpusPrecisionRecall feeds every regular file of the reports-job image's root filesystem through Wants and
// Catalog as the framework would, and requires exactly the Python packages the corpus lists: its packages (the
// virtualenv's) and its optional ones (those Debian's python3-* packages installed in dist-packages).
func TestCorpusPrecisionRecall(t *testing.T) {
	if _, err := os.Stat(corpusRootfs); err != nil {
		testenv.Unavailable(t, "corpus root filesystem not present (%v); it is built by the corpus scripts outside the repository", err)
	}
	want := expectedCorpusPackages(t)
	if len(want) == 0 {
		t.Fatal("the expected file lists no Python package: the test would prove nothing")
	}

	c := New()
	tempDir := t.TempDir()
	got := map[string]bool{}
	err := filepath.WalkDir(corpusRootfs, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.Type().IsRegular() {
			return nil
		}
		rel, err := filepath.Rel(corpusRootfs, p)
		if err != nil {
			return err
		}
		e := catalog.Entry{Path: "/" + filepath.ToSlash(rel)}
		if !c.Wants(e) {
			return nil
		}
		fh, err := os.Open(p)
		if err != nil {
			return err
		}
		defer fh.Close()
		f := catalog.NewFile(e, fh, tempDir)
		defer f.Close()
		res, err := c.Catalog(context.Background(), f)
		if err != nil {
			t.Errorf("%s: %v", e.Path, err)
			return nil
		}
		for _, pkg := range res.Packages {
			got[pkg.Name+"@"+pkg.Version+" "+pkg.Paths[0]] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range sortedKeys(want) {
		if !got[k] {
			t.Errorf("missed (recall): %s", k)
		}
	}
	for _, k := range sortedKeys(got) {
		if !want[k] {
			t.Errorf("invented (precision): %s", k)
		}
	}
	t.Logf("%d Python packages expected, %d found", len(want), len(got))
}

func expectedCorpusPackages(t *testing.T) map[string]bool {
	t.Helper()
	data, err := os.ReadFile(corpusExpected)
	if err != nil {
		t.Fatal(err)
	}
	type pkg struct {
		Type, Name, Version, Path string
	}
	var doc struct {
		Packages []pkg `json:"packages"`
		Optional []pkg `json:"optional"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("%s: %v", corpusExpected, err)
	}
	want := map[string]bool{}
	for _, p := range append(doc.Packages, doc.Optional...) {
		if p.Type == "python" {
			want[p.Name+"@"+p.Version+" "+p.Path] = true
		}
	}
	return want
}

func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
