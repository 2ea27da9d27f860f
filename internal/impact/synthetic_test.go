package impact

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"

	"github.com/patchbay/patchbay/internal/store"
)

// syntheticFleet is the documented generator behind issue 4's benchmarks. It writes straight into the store, as
// a long-running Patchbay would have filled it:
//   - `bases` base images in `bases/10` repositories (10 versions each), each with `basePkgs` deb packages of 400
//     source packages (of 4,000) at versions that differ between a base's versions;
//   - `apps` application images, each built on a random base (its packages are the base's, attributed to the base's
//     layer, plus `appPkgs` npm/Maven/PyPI packages of 20,000 names in its own layer), in `apps/10` repositories;
//   - one workload per application image, in qa, staging or prod;
//   - `advisories` OSV records over the same package names (10% Debian:12 by source package, 40% npm, 50%
//     Maven), each affecting versions below a random fix: some 50 findings an image, as real images have.
//
// With bases=100, apps=10,000, basePkgs=150, appPkgs=50 the store holds 10,100 images and about 2,000,000
// package rows.
type syntheticFleet struct {
	bases, apps, basePkgs, appPkgs, advisories int
}

func (g syntheticFleet) debVersion(src, ver int) string { return fmt.Sprintf("1.%d.%d-1", src%7, ver) }

// write fills db, and writes the advisories as OSV files under dir (imported separately, as a user would).
func (g syntheticFleet) write(ctx context.Context, db *store.DB, dir string) error {
	r := rand.New(rand.NewPCG(4, 2))
	b := newBatcher(db)
	empty := []byte("{}") // the SBOM blob: not read by impact or re-matching
	baseDigests := make([]string, g.bases)
	for i := 0; i < g.bases; i++ {
		d := fmt.Sprintf("sha256:%064x", 0xB000000+i)
		baseDigests[i] = d
		repo := fmt.Sprintf("registry.example.com/ops/base%d", i/10)
		created := fmt.Sprintf("2026-01-%02dT00:00:00.000000Z", 1+i%10)
		if err := b.add(ctx, "images (digest, repository, created, layer_count, top_chain_id, kind, hosting_model, owner, analysed_at, sbom)",
			d, repo, created, 1, "chain-"+d, "base", 1, "platform-ops", created, empty); err != nil {
			return err
		}
		b.add(ctx, "image_layers (image_digest, idx, diff_id, chain_id)", d, 0, "diff-"+d, "chain-"+d)
		b.add(ctx, "image_tags (repository, tag, digest, first_seen, last_seen, current)", repo, fmt.Sprintf("v%d", i%10), d, created, created, 1)
		for p := 0; p < g.basePkgs; p++ {
			src := (p*13 + (i/10)*150) % 4000
			v := g.debVersion(src, i%10)
			b.add(ctx, "image_packages (image_digest, seq, type, name, version, path, layer_index, ecosystem, release, match_name, match_version)",
				d, p, "deb", fmt.Sprintf("libsrc%d-bin", src), v, "/var/lib/dpkg/status", 0, "Debian", "12", fmt.Sprintf("src%d", src), v)
		}
	}
	ecos := []struct{ typ, eco string }{{"npm", "npm"}, {"maven", "Maven"}, {"pypi", "PyPI"}}
	for i := 0; i < g.apps; i++ {
		d := fmt.Sprintf("sha256:%064x", 0xA000000+i)
		bi := r.IntN(g.bases)
		repo := fmt.Sprintf("registry.example.com/team%d/app%d", i%50, i/10)
		if err := b.add(ctx, "images (digest, repository, created, layer_count, top_chain_id, base_digest, base_layers, base_source, kind, hosting_model, owner, analysed_at, sbom)",
			d, repo, "2026-02-01T00:00:00.000000Z", 2, "chain-"+d, baseDigests[bi], 1, "layers", "application", 1, fmt.Sprintf("team%d", i%50), "2026-02-01T00:00:00.000000Z", empty); err != nil {
			return err
		}
		b.add(ctx, "image_layers (image_digest, idx, diff_id, chain_id)", d, 0, "diff-"+baseDigests[bi], "chain-"+baseDigests[bi])
		b.add(ctx, "image_layers (image_digest, idx, diff_id, chain_id)", d, 1, "diff-"+d, "chain-"+d)
		b.add(ctx, "image_tags (repository, tag, digest, first_seen, last_seen, current)", repo, fmt.Sprintf("1.%d", i%10), d, "2026-02-01T00:00:00.000000Z", "2026-02-01T00:00:00.000000Z", 1)
		for p := 0; p < g.basePkgs; p++ {
			src := (p*13 + (bi/10)*150) % 4000
			v := g.debVersion(src, bi%10)
			b.add(ctx, "image_packages (image_digest, seq, type, name, version, path, layer_index, ecosystem, release, match_name, match_version)",
				d, p, "deb", fmt.Sprintf("libsrc%d-bin", src), v, "/var/lib/dpkg/status", 0, "Debian", "12", fmt.Sprintf("src%d", src), v)
		}
		for p := 0; p < g.appPkgs; p++ {
			e := ecos[p%3]
			name := fmt.Sprintf("lib%d", r.IntN(20000))
			if e.eco == "Maven" {
				name = "org.example:" + name
			}
			v := fmt.Sprintf("%d.%d.%d", r.IntN(4), r.IntN(10), r.IntN(10))
			b.add(ctx, "image_packages (image_digest, seq, type, name, version, path, layer_index, ecosystem, release, match_name, match_version)",
				d, g.basePkgs+p, e.typ, name, v, fmt.Sprintf("/app/lib/%d", p), 1, e.eco, "", name, v)
		}
		env := []string{"qa", "staging", "prod"}[i%3]
		b.add(ctx, "workloads (source, namespace, kind, name, container, image, digest, environment, owner, seen_at)",
			"cluster-1", env+"-team"+fmt.Sprint(i%50), "Deployment", fmt.Sprintf("app%d", i), "main", repo+":1", d, env, fmt.Sprintf("team%d", i%50), "2026-02-01T00:00:00.000000Z")
	}
	if err := b.flush(ctx); err != nil {
		return err
	}
	return g.writeAdvisories(dir, 0, g.advisories, r)
}

// writeAdvisories writes OSV records SYN-<n> for n in [from, from+count).
func (g syntheticFleet) writeAdvisories(dir string, from, count int, r *rand.Rand) error {
	for n := from; n < from+count; n++ {
		var pkg map[string]string
		var fixed string
		switch n % 10 {
		case 0: // Debian source packages: the base layers
			src := r.IntN(4000)
			pkg = map[string]string{"ecosystem": "Debian:12", "name": fmt.Sprintf("src%d", src)}
			fixed = g.debVersion(src, 1+r.IntN(10))
		case 1, 2, 3, 4:
			pkg = map[string]string{"ecosystem": "npm", "name": fmt.Sprintf("lib%d", r.IntN(20000))}
			fixed = fmt.Sprintf("%d.%d.0", r.IntN(4), r.IntN(10))
		default:
			pkg = map[string]string{"ecosystem": "Maven", "name": fmt.Sprintf("org.example:lib%d", r.IntN(20000))}
			fixed = fmt.Sprintf("%d.%d.0", r.IntN(4), r.IntN(10))
		}
		rec := map[string]any{"id": fmt.Sprintf("SYN-%06d", n), "modified": "2026-03-01T00:00:00Z",
			"aliases": []string{fmt.Sprintf("CVE-2026-%06d", n)}, "summary": "synthetic",
			"affected": []any{map[string]any{"package": pkg, "ranges": []any{map[string]any{"type": "ECOSYSTEM",
				"events": []map[string]string{{"introduced": "0"}, {"fixed": fixed}}}}}}}
		data, _ := json.Marshal(rec)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("SYN-%06d.json", n)), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// batcher writes rows with multi-row INSERTs, in transactions of many rows: a fleet of millions of rows is
// written in seconds, not minutes, on both engines.
type batcher struct {
	db      *store.DB
	pending map[string][][]any
}

func newBatcher(db *store.DB) *batcher { return &batcher{db: db, pending: map[string][][]any{}} }

func (b *batcher) add(ctx context.Context, table string, vals ...any) error {
	b.pending[table] = append(b.pending[table], vals)
	if len(b.pending[table])*len(vals) >= 30000 {
		return b.write(ctx, table)
	}
	return nil
}

func (b *batcher) write(ctx context.Context, table string) error {
	if !strings.HasPrefix(table, "images ") {
		// children after their parents: the foreign keys want the images first
		for t := range b.pending {
			if strings.HasPrefix(t, "images ") {
				if err := b.write(ctx, t); err != nil {
					return err
				}
			}
		}
	}
	rows := b.pending[table]
	if len(rows) == 0 {
		return nil
	}
	one := "(?" + strings.Repeat(", ?", len(rows[0])-1) + ")"
	q := "INSERT INTO " + table + " VALUES " + strings.TrimSuffix(strings.Repeat(one+", ", len(rows)), ", ")
	var args []any
	for _, r := range rows {
		args = append(args, r...)
	}
	b.pending[table] = nil
	_, err := b.db.ExecContext(ctx, b.db.Rebind(q), args...)
	return err
}

func (b *batcher) flush(ctx context.Context) error {
	// parents before children: the foreign keys want images first
	order := []string{}
	for t := range b.pending {
		if strings.HasPrefix(t, "images ") {
			order = append([]string{t}, order...)
		} else {
			order = append(order, t)
		}
	}
	for _, t := range order {
		if err := b.write(ctx, t); err != nil {
			return err
		}
	}
	return nil
}
