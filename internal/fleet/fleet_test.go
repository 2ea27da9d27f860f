package fleet_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
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

func corpusImage(t *testing.T, ref string) v1.Image {
	t.Helper()
	p, err := layout.FromPath(filepath.Join(testenv.Corpus(t), "oci"))
	if err != nil {
		t.Fatal(err)
	}
	idx, _ := p.ImageIndex()
	im, _ := idx.IndexManifest()
	for _, d := range im.Manifests {
		if d.Annotations["org.opencontainers.image.ref.name"] == ref {
			img, err := idx.Image(d.Digest)
			if err != nil {
				t.Fatal(err)
			}
			return img
		}
	}
	t.Fatalf("%s not in the corpus", ref)
	return nil
}

func push(t *testing.T, img v1.Image, dst string) {
	t.Helper()
	tag, _ := name.NewTag(dst, name.Insecure)
	if err := remote.Write(tag, img); err != nil {
		t.Fatal(err)
	}
}

func syncFleet(t *testing.T, db *store.DB, a *analyze.Analyzer, host, prefix string) fleet.SyncStats {
	t.Helper()
	st, err := fleet.SyncRegistry(context.Background(), db, a, fleet.Registry{Host: host, Insecure: true, RepoPattern: prefix + "/**"}, image.Options{})
	if err != nil || len(st.Problems) > 0 {
		t.Fatalf("sync: %v %v", err, st.Problems)
	}
	return st
}

// TestFleetLifecycle follows a fleet through a base image's update: a tag moves, the application built on the
// old base keeps it as its base (one version behind), findings appear when records arrive and are resolved when
// a record is withdrawn.
func TestFleetLifecycle(t *testing.T) {
	reg := testenv.StartRegistry(t, "fleet", "")
	host := reg.Host
	base1 := corpusImage(t, "corpus.local/debian-base:v1")
	base2 := corpusImage(t, "corpus.local/debian-base:v2")
	app := corpusImage(t, "corpus.local/reports-job:0.3.0") // on v2, no owner label
	vets := corpusImage(t, "corpus.local/vets-frontend:1.0.0")
	ctx := context.Background()
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d.Dialect), func(t *testing.T) {
			repo := host + "/fleettest-" + string(d.Dialect) // each dialect its own repositories
			prefix := strings.TrimPrefix(repo, host+"/")
			push(t, base1, repo+"/base:latest")
			push(t, base1, repo+"/base:v1")
			push(t, vets, repo+"/vets:1.0.0")
			db := d.Open(t)
			if err := fleet.AddRegistry(ctx, db, fleet.Registry{Host: host, Insecure: true}); err != nil {
				t.Fatal(err)
			}
			cats := analyze.DefaultCatalogers()
			a := &analyze.Analyzer{Catalogers: cats, Cache: analyze.OpenCache(t.TempDir(), analyze.AnalyserVersion(cats))}
			first := syncFleet(t, db, a, host, prefix)
			if first.NewImages != 2 || first.Tags != 3 {
				t.Errorf("first sync: %+v", first)
			}
			again := syncFleet(t, db, a, host, prefix)
			if again.NewImages != 0 || again.LayersRead != 0 || again.KnownImages != 2 {
				t.Errorf("a second sync analysed again: %+v", again)
			}
			// the base is updated: latest moves to v2, and an application is built on it
			push(t, base2, repo+"/base:latest")
			push(t, base2, repo+"/base:v2")
			push(t, app, repo+"/reports:0.3.0")
			third := syncFleet(t, db, a, host, prefix)
			if third.NewImages != 2 || third.LayersRead != 3 {
				// v2 brings one new layer, reports-job two more: the shared v1 layer is not read again
				t.Errorf("third sync: %+v; want 2 new images and 3 layers read", third)
			}
			latest, err := fleet.ResolveRef(ctx, db, repo+"/base:latest")
			v2d, _ := base2.Digest()
			if err != nil || latest != v2d.String() {
				t.Errorf("latest resolves to %s (%v), want v2 %s", latest, err, v2d)
			}
			var history int
			db.QueryRowContext(ctx, db.Rebind(`SELECT COUNT(*) FROM image_tags WHERE repository = ? AND tag = 'latest'`), repo+"/base").Scan(&history)
			if history != 2 {
				t.Errorf("latest has %d history rows, want 2 (v1 then v2)", history)
			}

			if _, err := fleet.ComputeLineage(ctx, db); err != nil {
				t.Fatal(err)
			}
			rules, err := fleet.ParseRules(repo + "/base kind=base owner=platform-ops\n")
			if err != nil {
				t.Fatal(err)
			}
			if err := fleet.Classify(ctx, db, rules); err != nil {
				t.Fatal(err)
			}
			v1d, _ := base1.Digest()
			vetsd, _ := vets.Digest()
			appd, _ := app.Digest()
			l, err := fleet.LineageOf(ctx, db, v1d.String())
			if err != nil {
				t.Fatal(err)
			}
			var kids []string
			var walk func(n *fleet.Node)
			walk = func(n *fleet.Node) {
				for _, c := range n.Children {
					kids = append(kids, c.Digest)
					walk(c)
				}
			}
			walk(l.Image)
			// v1's descendants: v2 (built on it), vets (on v1), reports (on v2)
			if len(kids) != 3 {
				t.Errorf("v1 has %d descendants, want 3", len(kids))
			}
			vl, _ := fleet.LineageOf(ctx, db, vetsd.String())
			if len(vl.Ancestors) != 1 || vl.Ancestors[0].Digest != v1d.String() || vl.Image.Behind != 1 || vl.Image.Owner != "frontend-team@corpus.local" {
				t.Errorf("vets lineage: %+v %+v: want base v1, one version behind, owner from its label", vl.Ancestors, vl.Image)
			}
			orphans, err := fleet.Orphans(ctx, db)
			if err != nil {
				t.Fatal(err)
			}
			if len(orphans) != 1 || orphans[0].Digest != appd.String() {
				rows, _ := db.QueryContext(ctx, `SELECT repository, owner, owner_source, labels FROM images`)
				for rows.Next() {
					var r, o, src, l string
					rows.Scan(&r, &o, &src, &l)
					t.Logf("%s owner %q (%s) labels %s", r, o, src, l)
				}
				rows.Close()
				t.Errorf("orphans %+v: want reports-job alone (no owner label, no rule)", orphans)
			}

			// records arrive: findings appear with a time; the withdrawal of one resolves its findings
			if _, err := vulndb.Import(ctx, db, []string{filepath.Join(testenv.SharedDir(), "osv", "debian")}); err != nil {
				t.Fatal(err)
			}
			st, err := fleet.Rematch(ctx, db, nil)
			if err != nil || st.New == 0 {
				t.Fatalf("rematch: %+v %v", st, err)
			}
			var rec string
			db.QueryRowContext(ctx, db.Rebind(`SELECT record_id FROM findings WHERE image_digest = ? ORDER BY record_id LIMIT 1`), v1d.String()).Scan(&rec)
			withdrawn := withdrawnCopy(t, rec)
			imp, err := vulndb.Import(ctx, db, []string{withdrawn})
			if err != nil || len(imp.Changed) != 1 {
				t.Fatalf("import of the withdrawal: %+v %v", imp, err)
			}
			st2, err := fleet.Rematch(ctx, db, imp.Changed)
			if err != nil || st2.Resolved == 0 || st2.New != 0 {
				t.Errorf("after withdrawing %s: %+v %v: want its findings resolved, nothing new", rec, st2, err)
			}
			var open int
			db.QueryRowContext(ctx, db.Rebind(`SELECT COUNT(*) FROM findings WHERE record_id = ? AND resolved_at IS NULL`), rec).Scan(&open)
			if open != 0 {
				t.Errorf("%d findings of the withdrawn %s still open", open, rec)
			}
		})
	}
}

// withdrawnCopy writes the shared record with a later modified time and a withdrawn time, as OSV does when a
// record is withdrawn.
func withdrawnCopy(t *testing.T, id string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(testenv.SharedDir(), "osv", "debian", id+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var rec map[string]any
	if err := json.Unmarshal(data, &rec); err != nil {
		t.Fatal(err)
	}
	later := time.Now().UTC().Format(time.RFC3339)
	rec["modified"], rec["withdrawn"] = later, later
	out, _ := json.Marshal(rec)
	p := filepath.Join(t.TempDir(), strings.ReplaceAll(id, "/", "_")+".json")
	if err := os.WriteFile(p, out, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}
