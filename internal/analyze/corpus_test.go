package analyze

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/patchbay/patchbay/internal/image"
	"github.com/patchbay/patchbay/internal/sbom"
	"github.com/patchbay/patchbay/internal/testenv"
)

// expectedImage is the corpus's ground truth for one image, read from its root filesystems (never a scanner).
type expectedImage struct {
	Ref            string            `json:"ref"`
	Kind           string            `json:"kind"`
	ManifestDigest string            `json:"manifest_digest"`
	OS             map[string]string `json:"os"`
	Layers         []struct {
		Index  int    `json:"index"`
		DiffID string `json:"diff_id"`
	} `json:"layers"`
	Packages         []expectedPackage `json:"packages"`
	Optional         []expectedPackage `json:"optional"`
	UnidentifiedJars []string          `json:"unidentified_jars"`
	Platforms        []string          `json:"platforms"`
}

type expectedPackage struct {
	Type    string `json:"type"`
	Name    string `json:"name"`
	Version string `json:"version"`
	Arch    string `json:"arch"`
	Source  string `json:"source"`
	SrcVer  string `json:"source_version"`
	Path    string `json:"path"`
	Layer   int    `json:"layer"`
}

// corpusType maps the corpus's package types to Patchbay's (which follow PURL types).
var corpusType = map[string]string{"deb": sbom.TypeDeb, "apk": sbom.TypeApk, "npm": sbom.TypeNPM,
	"maven": sbom.TypeMaven, "python": sbom.TypePython, "golang": sbom.TypeGo}

// identity is what makes two packages the same for recall and precision: OS packages by name, architecture and
// version; language packages by name, version and evidence path.
func identityOf(typ, name, version, arch, path string) string {
	if typ == sbom.TypeDeb || typ == sbom.TypeApk || typ == sbom.TypeRPM {
		return fmt.Sprintf("%s %s:%s %s", typ, name, arch, version)
	}
	return fmt.Sprintf("%s %s %s %s", typ, name, version, path)
}

func loadExpected(t *testing.T, corpus string) []expectedImage {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(corpus, "expected", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no ground truth in %s/expected", corpus)
	}
	var out []expectedImage
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var e expectedImage
		if err := json.Unmarshal(b, &e); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		out = append(out, e)
	}
	return out
}

// TestCorpusGroundTruth analyses every corpus image from the OCI layout and compares its packages with the
// ground truth, ecosystem by ecosystem: recall and precision 100%, and the layer that brought in each exact
// version right for every package.
func TestCorpusGroundTruth(t *testing.T) {
	corpus := testenv.Corpus(t)
	a := &Analyzer{Catalogers: DefaultCatalogers()}
	for _, exp := range loadExpected(t, corpus) {
		if exp.Kind == "index" {
			continue
		}
		exp := exp
		t.Run(exp.Ref, func(t *testing.T) {
			plat := "linux/amd64"
			if strings.HasSuffix(exp.Ref, "-arm64") {
				plat = "linux/arm64/v8"
			}
			p, _ := image.ParsePlatform(plat)
			img, err := image.Open(context.Background(), "oci:"+filepath.Join(corpus, "oci")+":"+exp.Ref, image.Options{Platform: p})
			if err != nil {
				t.Fatal(err)
			}
			if img.ManifestDigest != exp.ManifestDigest {
				t.Errorf("manifest digest %s, want %s", img.ManifestDigest, exp.ManifestDigest)
			}
			res, err := a.Analyze(context.Background(), img)
			if err != nil {
				t.Fatal(err)
			}
			checkSBOM(t, exp, res.SBOM)
		})
	}
}

func checkSBOM(t *testing.T, exp expectedImage, s *sbom.SBOM) {
	t.Helper()
	if len(s.Layers) != len(exp.Layers) {
		t.Fatalf("%d layers, want %d", len(s.Layers), len(exp.Layers))
	}
	for i, l := range exp.Layers {
		if s.Layers[i].DiffID != l.DiffID {
			t.Errorf("layer %d diff_id %s, want %s", i, s.Layers[i].DiffID, l.DiffID)
		}
	}
	if s.Distro == nil || s.Distro.ID != exp.OS["id"] || s.Distro.VersionID != exp.OS["version_id"] {
		t.Errorf("distro %+v, want %v", s.Distro, exp.OS)
	}
	want := map[string]expectedPackage{}
	optional := map[string]expectedPackage{}
	for _, p := range exp.Packages {
		want[identityOf(corpusType[p.Type], p.Name, p.Version, p.Arch, p.Path)] = p
	}
	for _, p := range exp.Optional {
		optional[identityOf(corpusType[p.Type], p.Name, p.Version, p.Arch, p.Path)] = p
	}
	unidentified := map[string]bool{}
	for _, j := range exp.UnidentifiedJars {
		unidentified[j] = true
	}
	got := map[string]sbom.Package{}
	type tally struct{ want, found, extra, wrongLayer int }
	perType := map[string]*tally{}
	tallyOf := func(typ string) *tally {
		if perType[typ] == nil {
			perType[typ] = &tally{}
		}
		return perType[typ]
	}
	for _, p := range s.Packages {
		id := identityOf(p.Type, p.Name, p.Version, p.Arch, p.Paths[0])
		got[id] = p
		e, inWant := want[id]
		o, inOptional := optional[id]
		switch {
		case inWant:
			if p.OwnedBy != "" {
				t.Errorf("%s: marked owned by %s, but no OS package installed it", id, p.OwnedBy)
			}
		case inOptional:
			e = o
			if p.OwnedBy == "" {
				t.Errorf("%s: a Debian package installed it, but it is not marked as owned", id)
			}
		case unidentified[p.Paths[0]]:
			continue // a jar with no pom.properties: naming it from its manifest is neither required nor wrong
		default:
			tallyOf(p.Type).extra++
			t.Errorf("not in the image (precision): %s (layer %d, found by %s)", id, p.Layer.Index, p.FoundBy)
			continue
		}
		if p.Layer.Index != e.Layer {
			tallyOf(p.Type).wrongLayer++
			t.Errorf("%s: attributed to layer %d, brought in by layer %d", id, p.Layer.Index, e.Layer)
		}
		if p.Layer.DiffID != exp.Layers[e.Layer].DiffID && p.Layer.Index == e.Layer {
			t.Errorf("%s: layer diff_id %s, want %s", id, p.Layer.DiffID, exp.Layers[e.Layer].DiffID)
		}
		if p.Type == sbom.TypeDeb && (p.SourceName != e.Source || p.SourceVersion != e.SrcVer) {
			t.Errorf("%s: source %s %s, want %s %s", id, p.SourceName, p.SourceVersion, e.Source, e.SrcVer)
		}
	}
	var missing []string
	for id, p := range want {
		tallyOf(corpusType[p.Type]).want++
		if _, ok := got[id]; ok {
			tallyOf(corpusType[p.Type]).found++
		} else {
			missing = append(missing, id)
		}
	}
	sort.Strings(missing)
	for _, id := range missing {
		t.Errorf("missed (recall): %s", id)
	}
	for typ, c := range perType {
		t.Logf("%-7s expected %3d found %3d extra %d wrong layer %d", typ, c.want, c.found, c.extra, c.wrongLayer)
	}
}

// TestDebLicensesFromCopyright: each deb of debian-base:v1 carries the licences its copyright file declares,
// read here straight from the root filesystem the image was made of (symlinked doc directories followed by the
// operating system, not by Patchbay).
func TestDebLicensesFromCopyright(t *testing.T) {
	corpus := testenv.Corpus(t)
	rootfs := filepath.Join(corpus, "work", "rootfs", "v1")
	if _, err := os.Stat(rootfs); err != nil {
		testenv.Unavailable(t, "the corpus root filesystem %s", rootfs)
	}
	img, err := image.Open(context.Background(), "oci:"+filepath.Join(corpus, "oci")+":corpus.local/debian-base:v1", image.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := (&Analyzer{Catalogers: DefaultCatalogers()}).Analyze(context.Background(), img)
	if err != nil {
		t.Fatal(err)
	}
	with := 0
	for _, p := range res.SBOM.Packages {
		data, err := os.ReadFile(filepath.Join(rootfs, "usr/share/doc", p.Name, "copyright"))
		var want []string
		seen := map[string]bool{}
		if err == nil {
			for _, l := range strings.Split(string(data), "\n") {
				if v, ok := strings.CutPrefix(l, "License:"); ok && strings.TrimSpace(v) != "" && !seen[strings.TrimSpace(v)] {
					seen[strings.TrimSpace(v)] = true
					want = append(want, strings.TrimSpace(v))
				}
			}
		}
		if strings.Join(p.Licenses, "|") != strings.Join(want, "|") {
			t.Errorf("%s: licences %q, its copyright file declares %q", p.Name, p.Licenses, want)
		}
		if len(want) > 0 {
			with++
		}
	}
	if with < len(res.SBOM.Packages)/2 {
		t.Errorf("only %d of %d packages have licences", with, len(res.SBOM.Packages))
	}
	t.Logf("%d of %d debs carry licences", with, len(res.SBOM.Packages))
}
