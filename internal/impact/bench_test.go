package impact

import (
	"context"
	"math/rand/v2"
	"os"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/patchbay/patchbay/internal/fleet"
	"github.com/patchbay/patchbay/internal/store"
	"github.com/patchbay/patchbay/internal/store/storetest"
	"github.com/patchbay/patchbay/internal/vulndb"
)

// benchFleet is issue 4's benchmark fleet; PATCHBAY_BENCH_APPS shrinks it for a quick run.
func benchFleet() syntheticFleet {
	apps := 10_000
	if v, err := strconv.Atoi(os.Getenv("PATCHBAY_BENCH_APPS")); err == nil && v > 0 {
		apps = v
	}
	return syntheticFleet{bases: 100, apps: apps, basePkgs: 150, appPkgs: 50, advisories: 20_000}
}

// BenchmarkFleet builds the synthetic fleet on each engine, matches it, then measures: impact's latency over
// 200 vulnerabilities that hit the fleet (p50, p99), and re-matching after 1,000 new advisories are imported.
func BenchmarkFleet(b *testing.B) {
	g := benchFleet()
	for _, d := range storetest.Dialects(b) {
		b.Run(string(d.Dialect), func(b *testing.B) {
			ctx := context.Background()
			db := d.Open(b)
			dir := b.TempDir()
			start := time.Now()
			if err := g.write(ctx, db, dir); err != nil {
				b.Fatal(err)
			}
			var rows int
			db.QueryRowContext(ctx, `SELECT COUNT(*) FROM image_packages`).Scan(&rows)
			b.Logf("fleet: %d images, %d package rows, written in %s", g.bases+g.apps, rows, time.Since(start).Round(time.Millisecond))
			if _, err := vulndb.Import(ctx, db, []string{dir}); err != nil {
				b.Fatal(err)
			}
			start = time.Now()
			st, err := fleet.Rematch(ctx, db, nil)
			if err != nil {
				b.Fatal(err)
			}
			b.Logf("full match: %d targets, %d findings in %s", st.Targets, st.Open, time.Since(start).Round(time.Millisecond))
			// what autovacuum (PostgreSQL) or 'PRAGMA optimize' (SQLite) does on a store in use: planner statistics
			if _, err := db.ExecContext(ctx, "ANALYZE"); err != nil {
				b.Fatal(err)
			}

			ids := sampleRecords(b, db, 200)
			b.Run("impact", func(b *testing.B) {
				var lat []time.Duration
				for b.Loop() {
					for _, id := range ids {
						t0 := time.Now()
						if _, err := Query(ctx, db, id); err != nil {
							b.Fatal(err)
						}
						lat = append(lat, time.Since(t0))
					}
				}
				sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
				b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
				b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
			})
			b.Run("rematch-1000-new", func(b *testing.B) {
				n := g.advisories
				for b.Loop() {
					b.StopTimer()
					newDir := b.TempDir()
					if err := g.writeAdvisories(newDir, n, 1000, rand.New(rand.NewPCG(uint64(n), 7))); err != nil {
						b.Fatal(err)
					}
					n += 1000
					b.StartTimer()
					imp, err := vulndb.Import(ctx, db, []string{newDir})
					if err != nil {
						b.Fatal(err)
					}
					st, err := fleet.Rematch(ctx, db, imp.Changed)
					if err != nil {
						b.Fatal(err)
					}
					b.ReportMetric(float64(st.New), "new-findings")
				}
			})
		})
	}
}

// sampleRecords picks n records that have open findings, spread over the fleet.
func sampleRecords(b *testing.B, db *store.DB, n int) []string {
	rows, err := db.QueryContext(context.Background(), `SELECT DISTINCT record_id FROM findings WHERE resolved_at IS NULL ORDER BY record_id`)
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	var all []string
	for rows.Next() {
		var id string
		rows.Scan(&id)
		all = append(all, id)
	}
	if len(all) == 0 {
		b.Fatal("no findings in the synthetic fleet")
	}
	var out []string
	for i := 0; i < n; i++ {
		out = append(out, all[i*len(all)/n])
	}
	return out
}
