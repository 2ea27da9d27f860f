package impact

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/layout"
	"github.com/google/go-containerregistry/pkg/v1/remote"

	"github.com/patchbay/patchbay/internal/analyze"
	"github.com/patchbay/patchbay/internal/fleet"
	"github.com/patchbay/patchbay/internal/image"
	"github.com/patchbay/patchbay/internal/store"
	"github.com/patchbay/patchbay/internal/store/storetest"
	"github.com/patchbay/patchbay/internal/testenv"
	"github.com/patchbay/patchbay/internal/vulndb"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testenv.StopAll()
	os.Exit(code)
}

// corpusRefs are the corpus images and where the test pushes them: debian-base as Ops' base repository.
var corpusRefs = map[string]string{
	"corpus.local/debian-base:v1":          "ops/debian-base:v1",
	"corpus.local/debian-base:v2":          "ops/debian-base:v2",
	"corpus.local/customers-service:2.1.4": "petclinic/customers-service:2.1.4",
	"corpus.local/vets-frontend:1.0.0":     "petclinic/vets-frontend:1.0.0",
	"corpus.local/reports-job:0.3.0":       "petclinic/reports-job:0.3.0",
	"corpus.local/visits-service:1.0.0":    "petclinic/visits-service:1.0.0",
	"corpus.local/nginx:1.22":              "vendor/nginx:1.22",
}

// pushCorpus copies the corpus images into a real registry on loopback and returns its host.
func pushCorpus(t *testing.T) (string, []string) {
	t.Helper()
	corpus := testenv.Corpus(t)
	reg := testenv.StartRegistry(t, "fleet", "")
	p, err := layout.FromPath(filepath.Join(corpus, "oci"))
	if err != nil {
		t.Fatal(err)
	}
	idx, _ := p.ImageIndex()
	im, _ := idx.IndexManifest()
	diffIDs := map[string]bool{}
	for _, d := range im.Manifests {
		dst, ok := corpusRefs[d.Annotations["org.opencontainers.image.ref.name"]]
		if !ok {
			continue
		}
		img, err := idx.Image(d.Digest)
		if err != nil {
			t.Fatal(err)
		}
		tag, _ := name.NewTag(reg.Host+"/"+dst, name.Insecure)
		if err := remote.Write(tag, img); err != nil {
			t.Fatal(err)
		}
		cfg, _ := img.ConfigFile()
		for _, l := range cfg.RootFS.DiffIDs {
			diffIDs[l.String()] = true
		}
	}
	var unique []string
	for d := range diffIDs {
		unique = append(unique, d)
	}
	return reg.Host, unique
}

// setupFleet syncs the registry into a store, finds lineage, classifies, imports the Debian records and
// matches.
func setupFleet(t *testing.T, db *store.DB, host string) fleet.SyncStats {
	t.Helper()
	ctx := context.Background()
	if err := fleet.AddRegistry(ctx, db, fleet.Registry{Host: host, Insecure: true}); err != nil {
		t.Fatal(err)
	}
	cats := analyze.DefaultCatalogers()
	a := &analyze.Analyzer{Catalogers: cats, Cache: analyze.OpenCache(t.TempDir(), analyze.AnalyserVersion(cats))}
	st, err := fleet.SyncRegistry(ctx, db, a, fleet.Registry{Host: host, Insecure: true}, image.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Problems) > 0 {
		t.Fatalf("sync problems: %v", st.Problems)
	}
	if _, err := fleet.ComputeLineage(ctx, db); err != nil {
		t.Fatal(err)
	}
	rules, _ := fleet.ParseRules(host + "/vendor/** kind=still model=3\n" + host + "/ops/** owner=ops-team\n")
	if err := fleet.Classify(ctx, db, rules); err != nil {
		t.Fatal(err)
	}
	if _, err := vulndb.Import(ctx, db, []string{filepath.Join(testenv.SharedDir(), "osv", "debian")}); err != nil {
		t.Fatal(err)
	}
	if _, err := fleet.Rematch(ctx, db, nil); err != nil {
		t.Fatal(err)
	}
	return st
}

// TestImpactOfABaseOnlyRecord: a record that only debian-base:v1's packages carry lists v1 and every image built
// on it (Ops to act for the application images, a rebase onto v2 as the fix) and none built on v2.
func TestImpactOfABaseOnlyRecord(t *testing.T) {
	host, unique := pushCorpus(t)
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d.Dialect), func(t *testing.T) {
			db := d.Open(t)
			st := setupFleet(t, db, host)
			if st.NewImages != len(corpusRefs) || st.LayersRead != len(unique) {
				t.Errorf("sync: %d new images, %d layers read; want %d images and each of the %d unique layers read once", st.NewImages, st.LayersRead, len(corpusRefs), len(unique))
			}
			id := recordOnlyV1Has(t, db, host)
			res, err := Query(context.Background(), db, id)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, img := range res.Images {
				ref := strings.TrimPrefix(img.References[0], host+"/")
				got = append(got, ref)
				switch ref {
				case "ops/debian-base:v1":
					if img.Kind != fleet.KindBase || img.Actor != "ops" || img.Owner != "ops-team" {
						t.Errorf("%s: kind %s actor %s owner %q", ref, img.Kind, img.Actor, img.Owner)
					}
				default:
					if img.Actor != "ops" || img.Base == nil || !strings.HasSuffix(img.Base.References[0], "ops/debian-base:v1") {
						t.Errorf("%s: actor %s, base %+v: want Ops to act on a base-layer package of debian-base:v1", ref, img.Actor, img.Base)
					}
					if img.Fix.Action != "rebase" || !strings.HasSuffix(img.Fix.Target, "ops/debian-base:v2") {
						t.Errorf("%s: fix %+v: want a rebase onto debian-base:v2", ref, img.Fix)
					}
					if img.Base != nil && img.Base.Behind != 1 {
						t.Errorf("%s: base behind by %d, want 1 (v2)", ref, img.Base.Behind)
					}
				}
			}
			sort.Strings(got)
			want := []string{"ops/debian-base:v1", "petclinic/customers-service:2.1.4", "petclinic/vets-frontend:1.0.0", "vendor/nginx:1.22"}
			if strings.Join(got, ",") != strings.Join(want, ",") {
				t.Errorf("%s hits %v, want %v", id, got, want)
			}
		})
	}
}

// recordOnlyV1Has picks, from the findings, a record that debian-base:v1 has and v2 does not.
func recordOnlyV1Has(t *testing.T, db *store.DB, host string) string {
	t.Helper()
	ctx := context.Background()
	v1, err := fleet.ResolveRef(ctx, db, host+"/ops/debian-base:v1")
	if err != nil {
		t.Fatal(err)
	}
	v2, err := fleet.ResolveRef(ctx, db, host+"/ops/debian-base:v2")
	if err != nil {
		t.Fatal(err)
	}
	var id string
	err = db.QueryRowContext(ctx, db.Rebind(`SELECT record_id FROM findings WHERE image_digest = ? AND resolved_at IS NULL
		AND record_id NOT IN (SELECT record_id FROM findings WHERE image_digest = ?) ORDER BY record_id LIMIT 1`), v1, v2).Scan(&id)
	if err != nil {
		t.Fatalf("no record that v1 has and v2 lacks: %v", err)
	}
	return id
}
