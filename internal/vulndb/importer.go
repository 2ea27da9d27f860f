package vulndb

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/patchbay/patchbay/internal/store"
)

// ImportStats counts what an import did.
type ImportStats struct {
	Read      int // records read
	Added     int // new ids
	Updated   int // newer versions of known ids
	Unchanged int // not newer than what the store has: skipped
	Withdrawn int // of the added or updated, how many are withdrawn
	Failed    int // records that could not be read or parsed (each is in Problems)
	Problems  []string
	// Changed are the IDs of the records added or updated: the fleet re-matches only what they name.
	Changed []string `json:"-"`
}

// maxProblems keeps an import of a broken archive from listing a million lines.
const maxProblems = 50

// Import reads OSV records from files, directories and zip archives and stores those that are new or newer
// (by `modified`) than what the store holds. A record that cannot be read is reported and skipped: the others are
// still imported. The error is non-nil when any record failed, so that scripts notice.
func Import(ctx context.Context, db *store.DB, paths []string) (ImportStats, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	records := make(chan rawRecord, 64)
	readErr := make(chan error, 1)
	go func() {
		defer close(records)
		readErr <- readPaths(ctx, paths, records)
	}()
	stats, err := ingest(ctx, db, records, "file")
	if rerr := <-readErr; rerr != nil && err == nil && !errors.Is(rerr, context.Canceled) {
		err = rerr
	}
	return stats, err
}

// ingest stores the records that arrive on the channel; source says where they came from, for the record.
func ingest(ctx context.Context, db *store.DB, records <-chan rawRecord, source string) (ImportStats, error) {
	var st ImportStats
	known, err := knownModified(ctx, db)
	if err != nil {
		return st, err
	}
	w, err := newWriter(db)
	if err != nil {
		return st, err
	}
	defer w.abort()
	problem := func(where string, err error) {
		st.Failed++
		if len(st.Problems) < maxProblems {
			st.Problems = append(st.Problems, fmt.Sprintf("%s: %v", where, err))
		}
	}
	for rec := range records {
		st.Read++
		if rec.err != nil {
			problem(rec.where, rec.err)
			continue
		}
		v, err := Parse(rec.data)
		if err != nil {
			problem(rec.where, err)
			continue
		}
		prev, seen := known[v.ID]
		if seen && !v.Version().After(prev) {
			st.Unchanged++
			continue
		}
		if err := w.put(ctx, v, rec.data, source, !seen); err != nil {
			return st, err
		}
		known[v.ID] = v.Version().Time
		st.Changed = append(st.Changed, v.ID)
		if seen {
			st.Updated++
		} else {
			st.Added++
		}
		if v.Withdrawn != nil {
			st.Withdrawn++
		}
	}
	if err := ctx.Err(); err != nil {
		return st, err
	}
	if err := w.commit(); err != nil {
		return st, err
	}
	if st.Failed > 0 {
		return st, fmt.Errorf("%d record(s) could not be imported, first: %s", st.Failed, st.Problems[0])
	}
	return st, nil
}

// knownModified loads the modified time of every stored record: one scan, so that deciding whether a record is
// newer costs a map lookup.
func knownModified(ctx context.Context, db *store.DB) (map[string]time.Time, error) {
	rows, err := db.QueryContext(ctx, `SELECT id, modified FROM vulns`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]time.Time{}
	for rows.Next() {
		var id, mod string
		if err := rows.Scan(&id, &mod); err != nil {
			return nil, err
		}
		t, err := time.Parse(timeLayout, mod)
		if err != nil {
			return nil, fmt.Errorf("stored record %s: modified %q: %w", id, mod, err)
		}
		out[id] = t
	}
	return out, rows.Err()
}
