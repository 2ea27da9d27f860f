package fleet

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/patchbay/patchbay/internal/match"
	"github.com/patchbay/patchbay/internal/store"
	"github.com/patchbay/patchbay/internal/vulndb"
)

// RematchStats says what re-matching changed.
type RematchStats struct {
	Targets  int `json:"targets"` // distinct (package, version, release) tested
	New      int `json:"new"`     // findings that appeared: their patch clock starts now
	Resolved int `json:"resolved"`
	Open     int `json:"open"` // open findings in scope after the run
}

type findingKey struct {
	image, record string
	seq           int
}

type pkgRow struct {
	image      string
	seq, layer int
	target     match.Target
}

// Rematch matches the packages stored with the fleet's images against the store's records, without reading any
// image, and records what changed: a finding that appears gets the time it appeared (the patch clock starts), one
// that is gone (a record withdrawn or corrected, an image's packages fixed) gets the time it was resolved. With
// records given (the IDs an import added or changed), only the packages those records name are tested again.
func Rematch(ctx context.Context, db *store.DB, records []string) (RematchStats, error) {
	var st RematchStats
	keys, err := scopeKeys(ctx, db, records)
	if err != nil {
		return st, err
	}
	rows, err := vulndb.Affecting(ctx, db, keys)
	if err != nil {
		return st, err
	}
	only := map[string]bool{}
	for _, r := range records {
		only[r] = true
	}
	if records != nil {
		kept := rows[:0]
		for _, r := range rows {
			if only[r.VulnID] {
				kept = append(kept, r)
			}
		}
		rows = kept
	}
	ev := match.NewEvaluator(rows)
	var pkgs []pkgRow
	if records == nil {
		pkgs, err = allPackages(ctx, db)
	} else {
		pkgs, err = packagesNamed(ctx, db, keys)
	}
	if err != nil {
		return st, err
	}
	baseLayers, err := imageBaseLayers(ctx, db)
	if err != nil {
		return st, err
	}
	cache := map[match.Target][]match.Hit{}
	current := map[findingKey]match.Hit{}
	layerOf := map[findingKey]int{}
	for _, p := range pkgs {
		hits, ok := cache[p.target]
		if !ok {
			hits = ev.Hits(p.target)
			cache[p.target] = hits
		}
		for _, h := range hits {
			k := findingKey{p.image, h.Record, p.seq}
			current[k] = h
			layerOf[k] = p.layer
		}
	}
	st.Targets = len(cache)
	open, err := openFindings(ctx, db, keys, records)
	if err != nil {
		return st, err
	}
	display, err := displayInfo(ctx, db, current)
	if err != nil {
		return st, err
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return st, err
	}
	defer tx.Rollback()
	ins := &findingInserter{tx: tx, db: db}
	res, err := tx.PrepareContext(ctx, db.Rebind(`UPDATE findings SET resolved_at = ? WHERE image_digest = ? AND record_id = ? AND pkg_seq = ?`))
	if err != nil {
		return st, err
	}
	defer res.Close()
	t := now()
	for k, h := range current {
		if open[k] {
			continue
		}
		d := display[k.record]
		fixed, _ := json.Marshal(nonNil(h.Fixed))
		origin := string(match.OriginUnknown)
		if bl, ok := baseLayers[k.image]; ok {
			origin = string(match.OriginApplication)
			if layerOf[k] < bl {
				origin = string(match.OriginBase)
			}
		}
		if err := ins.add(ctx, k.image, k.record, k.seq, d.id, d.rating, string(fixed), origin, t); err != nil {
			return st, err
		}
		st.New++
	}
	if err := ins.flush(ctx); err != nil {
		return st, err
	}
	for k := range open {
		if _, still := current[k]; still {
			continue
		}
		if _, err := res.ExecContext(ctx, t, k.image, k.record, k.seq); err != nil {
			return st, err
		}
		st.Resolved++
	}
	st.Open = len(current)
	return st, tx.Commit()
}

// scopeKeys lists the packages to test: all the fleet has, or those the given records name (and those their
// open findings are about, in case a record no longer names them).
func scopeKeys(ctx context.Context, db *store.DB, records []string) ([]vulndb.PackageKey, error) {
	var q string
	var args []any
	if records == nil {
		q = `SELECT DISTINCT ecosystem, match_name FROM image_packages WHERE ecosystem <> ''`
	} else {
		if len(records) == 0 {
			return nil, nil
		}
		in := placeholders(len(records))
		for _, r := range records {
			args = append(args, r)
		}
		args = append(args, args...)
		q = `SELECT DISTINCT ecosystem, name FROM vuln_affected WHERE vuln_id IN ` + in + `
			UNION SELECT DISTINCT p.ecosystem, p.match_name FROM findings f JOIN image_packages p
			ON p.image_digest = f.image_digest AND p.seq = f.pkg_seq WHERE f.resolved_at IS NULL AND f.record_id IN ` + in
	}
	rows, err := db.QueryContext(ctx, db.Rebind(q), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []vulndb.PackageKey
	for rows.Next() {
		var k vulndb.PackageKey
		if err := rows.Scan(&k.Ecosystem, &k.Name); err != nil {
			return nil, err
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

func placeholders(n int) string { return "(?" + strings.Repeat(", ?", n-1) + ")" }

// allPackages reads every matchable package of the fleet in one scan.
func allPackages(ctx context.Context, db *store.DB) ([]pkgRow, error) {
	rows, err := db.QueryContext(ctx, `SELECT image_digest, seq, layer_index, ecosystem, release, match_name, match_version
		FROM image_packages WHERE ecosystem <> ''`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []pkgRow
	for rows.Next() {
		var p pkgRow
		if err := rows.Scan(&p.image, &p.seq, &p.layer, &p.target.Key.Ecosystem, &p.target.Release, &p.target.Key.Name, &p.target.Version); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// packagesNamed reads the fleet's packages that match as one of keys.
func packagesNamed(ctx context.Context, db *store.DB, keys []vulndb.PackageKey) ([]pkgRow, error) {
	byEco := map[string][]any{}
	for _, k := range keys {
		byEco[k.Ecosystem] = append(byEco[k.Ecosystem], k.Name)
	}
	var out []pkgRow
	for eco, names := range byEco {
		const chunk = 500
		for start := 0; start < len(names); start += chunk {
			part := names[start:min(start+chunk, len(names))]
			args := append([]any{eco}, part...)
			rows, err := db.QueryContext(ctx, db.Rebind(`SELECT image_digest, seq, layer_index, release, match_name, match_version
				FROM image_packages WHERE ecosystem = ? AND match_name IN `+placeholders(len(part))), args...)
			if err != nil {
				return nil, err
			}
			for rows.Next() {
				p := pkgRow{target: match.Target{Key: vulndb.PackageKey{Ecosystem: eco}}}
				if err := rows.Scan(&p.image, &p.seq, &p.layer, &p.target.Release, &p.target.Key.Name, &p.target.Version); err != nil {
					rows.Close()
					return nil, err
				}
				out = append(out, p)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// imageBaseLayers gives, for images whose base is known, how many bottom layers are the base's.
func imageBaseLayers(ctx context.Context, db *store.DB) (map[string]int, error) {
	rows, err := db.QueryContext(ctx, `SELECT digest, base_layers FROM images WHERE base_digest <> ''`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var d string
		var n int
		if err := rows.Scan(&d, &n); err != nil {
			return nil, err
		}
		out[d] = n
	}
	return out, rows.Err()
}

// openFindings reads the open findings in scope: all, or those of the given records.
func openFindings(ctx context.Context, db *store.DB, keys []vulndb.PackageKey, records []string) (map[findingKey]bool, error) {
	q := `SELECT image_digest, record_id, pkg_seq FROM findings WHERE resolved_at IS NULL`
	var args []any
	if records != nil {
		if len(records) == 0 {
			return map[findingKey]bool{}, nil
		}
		q += ` AND record_id IN ` + placeholders(len(records))
		for _, r := range records {
			args = append(args, r)
		}
	}
	rows, err := db.QueryContext(ctx, db.Rebind(q), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[findingKey]bool{}
	for rows.Next() {
		var k findingKey
		if err := rows.Scan(&k.image, &k.record, &k.seq); err != nil {
			return nil, err
		}
		out[k] = true
	}
	return out, rows.Err()
}

type recordDisplay struct{ id, rating string }

// displayInfo reads, for the records that matched, the ID to show (a CVE alias when there is one) and the
// severity rating.
func displayInfo(ctx context.Context, db *store.DB, current map[findingKey]match.Hit) (map[string]recordDisplay, error) {
	set := map[string]bool{}
	for k := range current {
		set[k.record] = true
	}
	ids := make([]string, 0, len(set))
	for id := range set {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	infos, err := vulndb.Infos(ctx, db, ids)
	if err != nil {
		return nil, fmt.Errorf("record details: %w", err)
	}
	out := map[string]recordDisplay{}
	for _, id := range ids {
		d := recordDisplay{id: id, rating: "UNKNOWN"}
		if info := infos[id]; info != nil {
			d.rating = string(info.Severity.Rating)
			for _, a := range info.Aliases {
				if strings.HasPrefix(a, "CVE-") {
					d.id = a
					break
				}
			}
		}
		out[id] = d
	}
	return out, nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// findingInserter writes new findings many rows a statement: a new advisory can hit thousands of images at once.
type findingInserter struct {
	tx   *sql.Tx
	db   *store.DB
	args []any
}

const findingColumns = 8

func (f *findingInserter) add(ctx context.Context, vals ...any) error {
	f.args = append(f.args, vals...)
	if len(f.args) >= 500*findingColumns {
		return f.flush(ctx)
	}
	return nil
}

func (f *findingInserter) flush(ctx context.Context) error {
	if len(f.args) == 0 {
		return nil
	}
	one := "(?" + strings.Repeat(", ?", findingColumns-1) + ")"
	rows := len(f.args) / findingColumns
	q := `INSERT INTO findings (image_digest, record_id, pkg_seq, display_id, rating, fixed, origin, first_seen) VALUES ` +
		strings.TrimSuffix(strings.Repeat(one+", ", rows), ", ") +
		` ON CONFLICT (image_digest, record_id, pkg_seq) DO UPDATE SET resolved_at = NULL, first_seen = excluded.first_seen,
		display_id = excluded.display_id, rating = excluded.rating, fixed = excluded.fixed`
	_, err := f.tx.ExecContext(ctx, f.db.Rebind(q), f.args...)
	f.args = f.args[:0]
	return err
}
