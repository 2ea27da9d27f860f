package match

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/patchbay/patchbay/internal/sbom"
	"github.com/patchbay/patchbay/internal/store"
	"github.com/patchbay/patchbay/internal/store/storetest"
	"github.com/patchbay/patchbay/internal/vulndb"
)

// BenchmarkMatchCorpusImage: one corpus image's SBOM against every shared OSV record, the store already open
// (issue 3's goal: under 50 ms), on SQLite and on PostgreSQL.
func BenchmarkMatchCorpusImage(b *testing.B) {
	f := corpusFixtureB(b)
	for _, d := range storetest.Dialects(b) {
		db := d.Open(b)
		if _, err := vulndb.Import(context.Background(), db, f.osvDirs); err != nil {
			b.Fatal(err)
		}
		for _, name := range []string{"customers-service:2.1.4", "vets-frontend:1.0.0", "visits-service:1.0.0"} {
			b.Run(string(d.Dialect)+"/"+name, func(b *testing.B) {
				for b.Loop() {
					if _, err := Match(context.Background(), db, f.sboms[name], nil); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

func corpusFixtureB(b *testing.B) *fixture { return corpusFixtureTB(b) }

// BenchmarkImportShared imports every shared OSV record into an empty store; records/s is the figure.
func BenchmarkImportShared(b *testing.B) {
	f := corpusFixtureB(b)
	for _, d := range storetest.Dialects(b) {
		b.Run(string(d.Dialect), func(b *testing.B) {
			var n int
			for b.Loop() {
				b.StopTimer()
				dir := b.TempDir()
				var db *store.DB
				var err error
				if d.Dialect == store.SQLite {
					db, err = store.Open(context.Background(), filepath.Join(dir, "p.db"))
				} else {
					db = d.Open(b)
					_, err = db.Exec(`DELETE FROM vulns`)
				}
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				st, err := vulndb.Import(context.Background(), db, f.osvDirs)
				if err != nil {
					b.Fatal(err)
				}
				n = st.Added
				if d.Dialect == store.SQLite {
					db.Close()
				}
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
		})
	}
}

// synthetic writes a deterministic set of OSV records: advisories spread over packages of four ecosystems,
// each with one or two ranges of realistic shapes (introduced 0 or a version, fixed or last_affected), and an
// SBOM of packages drawn from the same names (about half of them affected by something) plus names no record
// mentions.
func synthetic(dir string, advisories, packages int) (*sbom.SBOM, error) {
	r := rand.New(rand.NewPCG(1, 2))
	type eco struct{ name, typ string }
	ecos := []eco{{"npm", sbom.TypeNPM}, {"PyPI", sbom.TypePython}, {"Maven", sbom.TypeMaven}, {"Go", sbom.TypeGo}}
	nameOf := func(e eco, i int) string {
		switch e.name {
		case "Maven":
			return fmt.Sprintf("org.example%d:lib%d", i%97, i)
		case "Go":
			return fmt.Sprintf("github.com/example%d/mod%d", i%97, i)
		}
		return fmt.Sprintf("pkg-%d", i)
	}
	ver := func(maj, min, pat int, e eco) string {
		if e.name == "Go" {
			return fmt.Sprintf("v%d.%d.%d", maj, min, pat)
		}
		return fmt.Sprintf("%d.%d.%d", maj, min, pat)
	}
	names := advisories / 3 // about three advisories per vulnerable package
	for i := 0; i < advisories; i++ {
		e := ecos[i%len(ecos)]
		pkg := r.IntN(names)
		fixMaj, fixMin := r.IntN(5), r.IntN(20)
		events := []map[string]string{{"introduced": "0"}, {"fixed": fmt.Sprintf("%d.%d.0", fixMaj, fixMin)}}
		if r.IntN(4) == 0 {
			events = []map[string]string{{"introduced": fmt.Sprintf("%d.0.0", fixMaj)}, {"last_affected": fmt.Sprintf("%d.%d.9", fixMaj, fixMin)}}
		}
		rangeType := "ECOSYSTEM"
		if e.name == "Go" {
			rangeType = "SEMVER"
		}
		rec := map[string]any{
			"id": fmt.Sprintf("SYN-%06d", i), "modified": "2026-01-01T00:00:00Z", "aliases": []string{fmt.Sprintf("CVE-2026-%06d", i)},
			"summary":  "synthetic",
			"affected": []any{map[string]any{"package": map[string]string{"ecosystem": e.name, "name": nameOf(e, pkg)}, "ranges": []any{map[string]any{"type": rangeType, "events": events}}}},
		}
		data, _ := json.Marshal(rec)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("SYN-%06d.json", i)), data, 0o644); err != nil {
			return nil, err
		}
	}
	s := &sbom.SBOM{}
	for i := 0; i < packages; i++ {
		e := ecos[i%len(ecos)]
		idx := r.IntN(names * 2) // half the names have no record
		s.Packages = append(s.Packages, sbom.Package{Type: e.typ, Name: nameOf(e, idx), Version: ver(r.IntN(5), r.IntN(20), r.IntN(10), e),
			Paths: []string{fmt.Sprintf("/app/%d", i)}})
	}
	return s, nil
}

// BenchmarkMatchSynthetic: 100,000 packages against 50,000 advisories (issue 3's goal: under 1 s), the store
// open and filled.
func BenchmarkMatchSynthetic(b *testing.B) {
	dir := b.TempDir()
	s, err := synthetic(dir, 50_000, 100_000)
	if err != nil {
		b.Fatal(err)
	}
	for _, d := range storetest.Dialects(b) {
		db := d.Open(b)
		if _, err := vulndb.Import(context.Background(), db, []string{dir}); err != nil {
			b.Fatal(err)
		}
		b.Run(string(d.Dialect), func(b *testing.B) {
			var findings int
			for b.Loop() {
				rep, err := Match(context.Background(), db, s, nil)
				if err != nil {
					b.Fatal(err)
				}
				findings = len(rep.Findings)
			}
			b.ReportMetric(float64(findings), "findings")
		})
	}
}
