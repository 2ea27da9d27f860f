package match

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/patchbay/patchbay/internal/analyze"
	"github.com/patchbay/patchbay/internal/image"
	"github.com/patchbay/patchbay/internal/sbom"
	"github.com/patchbay/patchbay/internal/store"
	"github.com/patchbay/patchbay/internal/store/storetest"
	"github.com/patchbay/patchbay/internal/testenv"
	"github.com/patchbay/patchbay/internal/vulndb"
)

var corpusImages = []string{"debian-base:v1", "debian-base:v2", "customers-service:2.1.4", "vets-frontend:1.0.0",
	"reports-job:0.3.0", "visits-service:1.0.0", "nginx:1.22", "alpine:3.20.3-amd64"}

// typeName maps Patchbay's package types to the corpus ground truth's.
var typeName = map[string]string{sbom.TypeDeb: "deb", sbom.TypeNPM: "npm", sbom.TypeMaven: "maven",
	sbom.TypePython: "python", sbom.TypeGo: "golang", sbom.TypeApk: "apk"}

type fixture struct {
	corpus  string
	osvDirs []string
	sboms   map[string]*sbom.SBOM
	images  map[string]*image.Image
}

var (
	fixtureOnce sync.Once
	fixtureVal  *fixture
)

// corpusFixture analyses the corpus images once for the package's tests.
func corpusFixture(t *testing.T) *fixture { return corpusFixtureTB(t) }

func corpusFixtureTB(t testing.TB) *fixture {
	t.Helper()
	corpus := testenv.Corpus(t)
	osv := filepath.Join(testenv.SharedDir(), "osv")
	if _, err := os.Stat(filepath.Join(osv, "PROVENANCE.md")); err != nil {
		testenv.Unavailable(t, "the shared OSV records in %s", osv)
	}
	fixtureOnce.Do(func() {
		f := &fixture{corpus: corpus, sboms: map[string]*sbom.SBOM{}, images: map[string]*image.Image{}}
		for _, d := range []string{"debian", "go", "pypi", "npm", "maven"} {
			f.osvDirs = append(f.osvDirs, filepath.Join(osv, d))
		}
		a := &analyze.Analyzer{Catalogers: analyze.DefaultCatalogers()}
		for _, name := range corpusImages {
			img, err := image.Open(context.Background(), "oci:"+filepath.Join(corpus, "oci")+":corpus.local/"+name, image.Options{})
			if err != nil {
				t.Fatal(err)
			}
			res, err := a.Analyze(context.Background(), img)
			if err != nil {
				t.Fatal(err)
			}
			f.sboms[name], f.images[name] = res.SBOM, img
		}
		fixtureVal = f
	})
	if fixtureVal == nil {
		t.Fatal("corpus fixture failed")
	}
	return fixtureVal
}

func importShared(t testing.TB, db *store.DB, f *fixture) {
	t.Helper()
	if _, err := vulndb.Import(context.Background(), db, f.osvDirs); err != nil {
		t.Fatal(err)
	}
}

type oracleFinding struct {
	ID      string `json:"id"`
	Type    string `json:"type"`
	Name    string `json:"name"`
	Version string `json:"version"`
	Path    string `json:"path"`
}

func (o oracleFinding) key() string {
	return strings.Join([]string{o.ID, o.Type, o.Name, o.Version, o.Path}, " ")
}

// runOracle runs the deliberately simple, independent oracle (testdata/oracle: each ecosystem's reference
// version comparison — dpkg, node-semver, Maven's ComparableVersion, PyPA packaging — and OSV's evaluation
// algorithm written plainly in Python) over the ground truth and the records.
func runOracle(t *testing.T, f *fixture) map[string][]oracleFinding {
	t.Helper()
	if _, err := exec.LookPath("python3"); err != nil {
		testenv.Unavailable(t, "python3 for the matching oracle")
	}
	args := append([]string{"testdata/oracle/oracle.py", filepath.Join(f.corpus, "expected")}, f.osvDirs...)
	cmd := exec.Command("python3", args...)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("oracle: %v", err)
	}
	var res map[string][]oracleFinding
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("oracle output: %v", err)
	}
	return res
}

// TestMatchAgreesWithOracle: for every corpus image, the (record, package, version) triples Patchbay reports
// are exactly those the oracle derives from the ground truth and the records.
func TestMatchAgreesWithOracle(t *testing.T) {
	f := corpusFixture(t)
	want := runOracle(t, f)
	db := storetest.Dialects(t)[0].Open(t)
	importShared(t, db, f)
	for _, name := range corpusImages {
		t.Run(name, func(t *testing.T) {
			rep, err := Match(context.Background(), db, f.sboms[name], nil)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]bool{}
			for _, fd := range rep.Findings {
				path := fd.Package.Path
				if fd.Package.Type == sbom.TypeDeb {
					path = ""
				}
				for _, rec := range fd.Records {
					got[oracleFinding{ID: rec, Type: typeName[fd.Package.Type], Name: fd.Package.Name, Version: fd.Package.Version, Path: path}.key()] = true
				}
			}
			expected := map[string]bool{}
			for _, o := range want["corpus.local/"+name] {
				expected[o.key()] = true
			}
			var missing, extra []string
			for k := range expected {
				if !got[k] {
					missing = append(missing, k)
				}
			}
			for k := range got {
				if !expected[k] {
					extra = append(extra, k)
				}
			}
			sort.Strings(missing)
			sort.Strings(extra)
			for _, k := range missing {
				t.Errorf("missed: %s", k)
			}
			for _, k := range extra {
				t.Errorf("not in the oracle: %s", k)
			}
			t.Logf("%d record matches, %d findings, %d warnings", len(got), len(rep.Findings), len(rep.Warnings))
		})
	}
}

// TestPatchedBaseFixesWhatTheOldOneHas: debian-base:v2 is v1 plus bookworm-security: every record v1 shows is
// one v2 fixes, and v2 shows none.
func TestPatchedBaseFixesWhatTheOldOneHas(t *testing.T) {
	f := corpusFixture(t)
	db := storetest.Dialects(t)[0].Open(t)
	importShared(t, db, f)
	v1, err := Match(context.Background(), db, f.sboms["debian-base:v1"], nil)
	if err != nil {
		t.Fatal(err)
	}
	v2, err := Match(context.Background(), db, f.sboms["debian-base:v2"], nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(v1.Findings) == 0 {
		t.Fatal("debian-base:v1 shows no vulnerability; the shared records hold some that bookworm-security fixes")
	}
	if len(v2.Findings) != 0 {
		t.Errorf("debian-base:v2 shows %d findings, e.g. %s in %s", len(v2.Findings), v2.Findings[0].ID, v2.Findings[0].Package.Name)
	}
	installed := map[string]string{}
	for _, p := range f.sboms["debian-base:v2"].Packages {
		installed[p.SourceName] = p.SourceVersion
	}
	for _, fd := range v1.Findings {
		if len(fd.FixedVersions) == 0 {
			t.Errorf("%s in %s: no fixed version, yet v2 fixes it", fd.ID, fd.Package.Name)
			continue
		}
		// the fix is what v2 ships (or older): checked with dpkg itself where it is installed
		if _, err := exec.LookPath("dpkg"); err == nil {
			if err := exec.Command("dpkg", "--compare-versions", installed[fd.Package.MatchedName], "ge", fd.FixedVersions[0]).Run(); err != nil {
				t.Errorf("%s in %s: fixed in %s, but v2 has %s", fd.ID, fd.Package.MatchedName, fd.FixedVersions[0], installed[fd.Package.MatchedName])
			}
		}
	}
}

// TestOldJacksonAndOrigins: customers-service's jackson-databind 2.9.7 shows its advisories, with IDs merged
// and a fix; its Debian packages in the base layers are Ops' to fix, its jars the project's.
func TestOldJacksonAndOrigins(t *testing.T) {
	f := corpusFixture(t)
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d.Dialect), func(t *testing.T) {
			db := d.Open(t)
			importShared(t, db, f)
			img := f.images["customers-service:2.1.4"]
			b, err := image.FindBase(context.Background(), img, "", image.Options{})
			if err != nil || b == nil || b.Layers != 1 || b.Source != "annotation" {
				t.Fatalf("base from the annotations: %+v, %v", b, err)
			}
			rep, err := Match(context.Background(), db, f.sboms["customers-service:2.1.4"], &Base{Name: b.Name, Digest: b.Digest, Layers: b.Layers, Source: b.Source})
			if err != nil {
				t.Fatal(err)
			}
			jackson := 0
			for _, fd := range rep.Findings {
				switch fd.Package.Type {
				case sbom.TypeMaven:
					if fd.Origin != OriginApplication {
						t.Errorf("%s in %s: origin %s, want application", fd.ID, fd.Package.Name, fd.Origin)
					}
					if fd.Package.Name == "com.fasterxml.jackson.core:jackson-databind" && fd.Package.Version == "2.9.7" {
						jackson++
						if !strings.HasPrefix(fd.ID, "CVE-") && !strings.HasPrefix(fd.ID, "GHSA-") {
							t.Errorf("finding shown as %s", fd.ID)
						}
					}
				case sbom.TypeDeb:
					want := OriginApplication
					if fd.Package.Layer.Index == 0 {
						want = OriginBase
					}
					if fd.Origin != want {
						t.Errorf("%s in %s (layer %d): origin %s, want %s", fd.ID, fd.Package.Name, fd.Package.Layer.Index, fd.Origin, want)
					}
				}
			}
			if jackson < 40 {
				t.Errorf("jackson-databind 2.9.7: %d findings; the shared records hold 52 advisories for it", jackson)
			}
		})
	}
}
