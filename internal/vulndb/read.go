package vulndb

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/patchbay/patchbay/internal/severity"
	"github.com/patchbay/patchbay/internal/store"
)

// PackageKey names a package the way records name it: an ecosystem without its release, and the name
// normalised as the ecosystem compares names.
type PackageKey struct {
	Ecosystem string
	Name      string
}

// AffectedRow is one affected[] entry of a live record (the store keeps no entries of withdrawn ones).
type AffectedRow struct {
	VulnID   string
	Key      PackageKey
	Release  string // "12" of "Debian:12"; "" when the record names no release
	Ranges   []Range
	Versions []string
	Extra    json.RawMessage // ecosystem_specific
}

// Info is what a report shows of a record.
type Info struct {
	ID       string
	Aliases  []string
	Summary  string
	Severity severity.Score
}

// maxINList keeps each query's IN list within every engine's parameter limits.
const maxINList = 500

// scanAbove is how many names of one ecosystem make reading all of its entries cheaper than looking each name
// up: past a few thousand, one sequential scan beats thousands of index probes.
const scanAbove = 4000

// Affecting returns the affected[] entries of live records that name any of the given packages.
func Affecting(ctx context.Context, db *store.DB, keys []PackageKey) ([]AffectedRow, error) {
	byEco := map[string][]string{}
	for _, k := range keys {
		byEco[k.Ecosystem] = append(byEco[k.Ecosystem], k.Name)
	}
	var out []AffectedRow
	for eco, names := range byEco {
		if len(names) > scanAbove {
			rows, err := scanEcosystem(ctx, db, eco, names)
			if err != nil {
				return nil, err
			}
			out = append(out, rows...)
			continue
		}
		for start := 0; start < len(names); start += maxINList {
			chunk := names[start:min(start+maxINList, len(names))]
			args := []any{eco}
			for _, n := range chunk {
				args = append(args, n)
			}
			q := db.Rebind(`SELECT vuln_id, name, release, ranges, versions, extra FROM vuln_affected
				WHERE ecosystem = ? AND name IN (?` + strings.Repeat(", ?", len(chunk)-1) + `)`)
			rows, err := db.QueryContext(ctx, q, args...)
			if err != nil {
				return nil, err
			}
			for rows.Next() {
				r := AffectedRow{Key: PackageKey{Ecosystem: eco}}
				if err := scanAffected(rows, &r); err != nil {
					rows.Close()
					return nil, err
				}
				out = append(out, r)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// scanEcosystem reads every live entry of an ecosystem and keeps those naming one of the packages.
func scanEcosystem(ctx context.Context, db *store.DB, eco string, names []string) ([]AffectedRow, error) {
	want := make(map[string]bool, len(names))
	for _, n := range names {
		want[n] = true
	}
	rows, err := db.QueryContext(ctx, db.Rebind(`SELECT vuln_id, name, release, ranges, versions, extra FROM vuln_affected
		WHERE ecosystem = ?`), eco)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []AffectedRow
	for rows.Next() {
		r := AffectedRow{Key: PackageKey{Ecosystem: eco}}
		if err := scanAffected(rows, &r); err != nil {
			return nil, err
		}
		if want[r.Key.Name] {
			out = append(out, r)
		}
	}
	return out, rows.Err()
}

// scanAffected reads one row of vuln_affected (vuln_id, name, release, ranges, versions, extra).
func scanAffected(rows *sql.Rows, r *AffectedRow) error {
	var ranges, versions, extra string
	if err := rows.Scan(&r.VulnID, &r.Key.Name, &r.Release, &ranges, &versions, &extra); err != nil {
		return err
	}
	if err := json.Unmarshal([]byte(ranges), &r.Ranges); err != nil {
		return fmt.Errorf("stored ranges of %s: %w", r.VulnID, err)
	}
	if err := json.Unmarshal([]byte(versions), &r.Versions); err != nil {
		return fmt.Errorf("stored versions of %s: %w", r.VulnID, err)
	}
	r.Extra = json.RawMessage(extra)
	return nil
}

// Infos returns the summary, severity and aliases of records by id.
func Infos(ctx context.Context, db *store.DB, ids []string) (map[string]*Info, error) {
	out := map[string]*Info{}
	for start := 0; start < len(ids); start += maxINList {
		chunk := ids[start:min(start+maxINList, len(ids))]
		args := make([]any, len(chunk))
		for i, id := range chunk {
			args[i] = id
		}
		in := "(?" + strings.Repeat(", ?", len(chunk)-1) + ")"
		rows, err := db.QueryContext(ctx, db.Rebind(`SELECT id, summary, severity_type, severity_vector, severity_score,
			severity_rating FROM vulns WHERE id IN `+in), args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var i Info
			var rating string
			if err := rows.Scan(&i.ID, &i.Summary, &i.Severity.Type, &i.Severity.Vector, &i.Severity.Base, &rating); err != nil {
				rows.Close()
				return nil, err
			}
			i.Severity.Rating = severity.Rating(rating)
			out[i.ID] = &i
		}
		rows.Close()
		rows, err = db.QueryContext(ctx, db.Rebind(`SELECT vuln_id, alias FROM vuln_aliases WHERE vuln_id IN `+in+` ORDER BY vuln_id, alias`), args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id, alias string
			if err := rows.Scan(&id, &alias); err != nil {
				rows.Close()
				return nil, err
			}
			if i := out[id]; i != nil {
				i.Aliases = append(i.Aliases, alias)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}
