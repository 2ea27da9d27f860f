package vulndb

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/klauspost/compress/zstd"

	"github.com/patchbay/patchbay/internal/store"
)

// writer puts records into the store in batches, one transaction per batch.
type writer struct {
	db      *store.DB
	tx      *sql.Tx
	pending int
	enc     *zstd.Encoder
	stmts   map[string]*sql.Stmt
}

const batchSize = 500

var writerSQL = map[string]string{
	"upsert": `INSERT INTO vulns (id, modified, published, withdrawn, summary, severity_type, severity_vector,
		severity_score, severity_rating, source, raw) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET modified = excluded.modified, published = excluded.published,
		withdrawn = excluded.withdrawn, summary = excluded.summary, severity_type = excluded.severity_type,
		severity_vector = excluded.severity_vector, severity_score = excluded.severity_score,
		severity_rating = excluded.severity_rating, source = excluded.source, raw = excluded.raw`,
	"delAliases":  `DELETE FROM vuln_aliases WHERE vuln_id = ?`,
	"delAffected": `DELETE FROM vuln_affected WHERE vuln_id = ?`,
	"alias":       `INSERT INTO vuln_aliases (vuln_id, alias) VALUES (?, ?) ON CONFLICT DO NOTHING`,
	"affected": `INSERT INTO vuln_affected (vuln_id, seq, ecosystem, release, name, ranges, versions, extra)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
}

func newWriter(db *store.DB) (*writer, error) {
	enc, err := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedDefault), zstd.WithEncoderConcurrency(1))
	if err != nil {
		return nil, err
	}
	return &writer{db: db, enc: enc}, nil
}

func (w *writer) begin(ctx context.Context) error {
	tx, err := w.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	w.tx, w.stmts = tx, map[string]*sql.Stmt{}
	for k, q := range writerSQL {
		st, err := tx.PrepareContext(ctx, w.db.Rebind(q))
		if err != nil {
			tx.Rollback()
			return fmt.Errorf("prepare %s: %w", k, err)
		}
		w.stmts[k] = st
	}
	return nil
}

// put writes one record (replacing what the store had under its id; a new one has nothing to replace).
func (w *writer) put(ctx context.Context, v *Vulnerability, raw []byte, source string, isNew bool) error {
	if w.tx == nil {
		if err := w.begin(ctx); err != nil {
			return err
		}
	}
	sev := severityOf(v)
	if _, err := w.stmts["upsert"].ExecContext(ctx, v.ID, formatTime(v.Version()), nullTime(v.Published), nullTime(v.Withdrawn),
		v.Summary, sev.Type, sev.Vector, sev.Base, string(sev.Rating), source, w.enc.EncodeAll(raw, nil)); err != nil {
		return fmt.Errorf("%s: %w", v.ID, err)
	}
	if !isNew {
		for _, k := range []string{"delAliases", "delAffected"} {
			if _, err := w.stmts[k].ExecContext(ctx, v.ID); err != nil {
				return fmt.Errorf("%s: %w", v.ID, err)
			}
		}
	}
	var aliasArgs []any
	for _, a := range v.Aliases {
		if a != v.ID {
			aliasArgs = append(aliasArgs, v.ID, a)
		}
	}
	if err := w.insertRows(ctx, "alias", `INSERT INTO vuln_aliases (vuln_id, alias) VALUES `, 2, aliasArgs, ` ON CONFLICT DO NOTHING`); err != nil {
		return fmt.Errorf("%s: aliases: %w", v.ID, err)
	}
	if v.Withdrawn != nil && v.Withdrawn.known() {
		// a withdrawn record never matches: it keeps its row in vulns (and its raw JSON), not its packages
		return w.done()
	}
	var affected []any
	for i, a := range v.Affected {
		eco, rel := SplitEcosystem(a.Package.Ecosystem)
		var ranges []Range
		for _, r := range a.Ranges {
			if r.Type != "GIT" { // commits cannot be compared with package versions
				ranges = append(ranges, Range{Type: r.Type, Events: r.Events})
			}
		}
		if len(ranges) == 0 && len(a.Versions) == 0 {
			continue
		}
		rj, _ := json.Marshal(nonNil(ranges))
		vj, _ := json.Marshal(nonNilStrings(a.Versions))
		extra := "{}"
		if len(a.EcosystemSpecific) > 0 && json.Valid(a.EcosystemSpecific) {
			extra = string(a.EcosystemSpecific)
		}
		affected = append(affected, v.ID, i, eco, rel, NormalizeName(eco, a.Package.Name), string(rj), string(vj), extra)
	}
	if err := w.insertRows(ctx, "affected", `INSERT INTO vuln_affected (vuln_id, seq, ecosystem, release, name, ranges, versions, extra) VALUES `, 8, affected, ``); err != nil {
		return fmt.Errorf("%s: affected: %w", v.ID, err)
	}
	return w.done()
}

// insertRows writes a record's rows of one table. On PostgreSQL they go in one statement: a round trip per row
// is what made imports slow there. SQLite, in process, has no round trip and is faster with the prepared
// single-row statement (stmt).
func (w *writer) insertRows(ctx context.Context, stmt, head string, cols int, args []any, tail string) error {
	if len(args) == 0 {
		return nil
	}
	if w.db.Dialect != store.Postgres {
		for i := 0; i < len(args); i += cols {
			if _, err := w.stmts[stmt].ExecContext(ctx, args[i:i+cols]...); err != nil {
				return err
			}
		}
		return nil
	}
	row := "(?" + strings.Repeat(", ?", cols-1) + ")"
	q := head + strings.TrimSuffix(strings.Repeat(row+", ", len(args)/cols), ", ") + tail
	_, err := w.tx.ExecContext(ctx, w.db.Rebind(q), args...)
	return err
}

// done counts a written record and commits the batch when it is full.
func (w *writer) done() error {
	w.pending++
	if w.pending >= batchSize {
		return w.commit()
	}
	return nil
}

func (w *writer) commit() error {
	if w.tx == nil {
		return nil
	}
	for _, st := range w.stmts {
		st.Close()
	}
	err := w.tx.Commit()
	w.tx, w.pending = nil, 0
	return err
}

func (w *writer) abort() {
	if w.tx != nil {
		w.tx.Rollback()
		w.tx = nil
	}
}

// timeLayout is fixed-width, so that stored times sort as text in both dialects.
const timeLayout = "2006-01-02T15:04:05.000000Z"

func formatTime(t Time) string { return t.UTC().Format(timeLayout) }

func nullTime(t *Time) any {
	if t == nil || !t.known() {
		return nil
	}
	return formatTime(*t)
}

func nonNil(r []Range) []Range {
	if r == nil {
		return []Range{}
	}
	return r
}

func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
