package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Migrations are SQL files named NNNN_what.sql, applied in order, each once, each in a transaction;
// schema_migrations remembers which ran. They are written once, in the SQL that SQLite and PostgreSQL share;
// the few type names that differ are translated for PostgreSQL (see forDialect).
//
//go:embed migrations
var migrations embed.FS

type migration struct {
	version int
	name    string
	sql     string
}

func loadMigrations(d Dialect) ([]migration, error) {
	dir := "migrations"
	entries, err := fs.ReadDir(migrations, dir)
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || !strings.HasSuffix(e.Name(), ".sql") {
			return nil, fmt.Errorf("migration %s: want NNNN_name.sql", e.Name())
		}
		b, err := migrations.ReadFile(path.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: v, name: e.Name(), sql: forDialect(d, string(b))})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	return out, nil
}

// SchemaVersion is the newest migration this build knows.
func SchemaVersion() int {
	ms, _ := loadMigrations(SQLite)
	if len(ms) == 0 {
		return 0
	}
	return ms[len(ms)-1].version
}

func (db *DB) migrate(ctx context.Context) error {
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("schema_migrations: %w", err)
	}
	ms, err := loadMigrations(db.Dialect)
	if err != nil {
		return err
	}
	current, err := db.CurrentSchema(ctx)
	if err != nil {
		return err
	}
	if len(ms) > 0 && current > ms[len(ms)-1].version {
		return fmt.Errorf("the store's schema is version %d, newer than this patchbay knows (%d): upgrade patchbay", current, ms[len(ms)-1].version)
	}
	for _, m := range ms {
		if m.version <= current {
			continue
		}
		if err := db.apply(ctx, m); err != nil {
			return err
		}
	}
	return nil
}

func (db *DB) apply(ctx context.Context, m migration) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if db.Dialect == Postgres {
		// two patchbay processes starting at once must not both migrate
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(7243012)`); err != nil {
			return err
		}
		var done int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations WHERE version = $1`, m.version).Scan(&done); err != nil {
			return err
		}
		if done > 0 {
			return nil
		}
	}
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return fmt.Errorf("migration %s: %w", m.name, err)
	}
	if _, err := tx.ExecContext(ctx, db.Rebind(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`),
		m.version, m.name, time.Now().UTC().Format(time.RFC3339)); err != nil {
		return fmt.Errorf("migration %s: %w", m.name, err)
	}
	return tx.Commit()
}

// CurrentSchema is the newest migration applied to the store.
func (db *DB) CurrentSchema(ctx context.Context) (int, error) {
	var v int
	if err := db.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&v); err != nil {
		return 0, fmt.Errorf("schema version: %w", err)
	}
	return v, nil
}

// pgTypes are SQLite's type names that PostgreSQL spells otherwise.
var pgTypes = regexp.MustCompile(`\b(BLOB|REAL)\b`)

// forDialect translates a migration written for SQLite to the dialect's types: BLOB is BYTEA and REAL is
// DOUBLE PRECISION in PostgreSQL (its REAL is a 4-byte float).
func forDialect(d Dialect, sql string) string {
	if d != Postgres {
		return sql
	}
	return pgTypes.ReplaceAllStringFunc(sql, func(t string) string {
		if t == "BLOB" {
			return "BYTEA"
		}
		return "DOUBLE PRECISION"
	})
}
