// Package store is Patchbay's memory: one schema, versioned migrations, on SQLite (embedded, pure Go, WAL) by
// default or on PostgreSQL when Patchbay runs as a shared service. It knows SQL and nothing of HTTP or CLIs.
package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	_ "github.com/jackc/pgx/v5/stdlib" // registers "pgx"
	_ "modernc.org/sqlite"             // registers "sqlite"
)

// Dialect names the SQL engine behind a DB.
type Dialect string

const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// DB is an open, migrated store.
type DB struct {
	*sql.DB
	Dialect Dialect
	// Location is the file path (SQLite) or the DSN with its password removed (PostgreSQL), for messages.
	Location string
}

// DefaultLocation is $PATCHBAY_DB, or patchbay.db in the user's data dir ($XDG_DATA_HOME/patchbay, by default
// ~/.local/share/patchbay).
func DefaultLocation() (string, error) {
	if v := os.Getenv("PATCHBAY_DB"); v != "" {
		return v, nil
	}
	dir := os.Getenv("XDG_DATA_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("no data directory: %w (set PATCHBAY_DB or --db)", err)
		}
		dir = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(dir, "patchbay", "patchbay.db"), nil
}

// Open opens (and creates, and migrates to the current schema) the store at location: a postgres:// or
// postgresql:// URL, or a SQLite file path ("" means DefaultLocation).
func Open(ctx context.Context, location string) (*DB, error) {
	if location == "" {
		var err error
		if location, err = DefaultLocation(); err != nil {
			return nil, err
		}
	}
	var db *DB
	var err error
	if strings.HasPrefix(location, "postgres://") || strings.HasPrefix(location, "postgresql://") {
		db, err = openPostgres(ctx, location)
	} else {
		db, err = openSQLite(ctx, location)
	}
	if err != nil {
		return nil, err
	}
	if err := db.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store %s: %w", db.Location, err)
	}
	return db, nil
}

func openSQLite(ctx context.Context, path string) (*DB, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("store %s: %w", path, err)
	}
	// WAL lets readers go on while a writer writes; busy_timeout makes concurrent writers wait, not fail;
	// foreign keys are off by default in SQLite.
	// A 64 MiB page cache and memory-mapped reads keep a large fleet's hot pages in memory rather than a pread away.
	dsn := "file:" + path + "?_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)" +
		"&_pragma=cache_size(-65536)&_pragma=mmap_size(1073741824)"
	sdb, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("store %s: %w", path, err)
	}
	if err := sdb.PingContext(ctx); err != nil {
		sdb.Close()
		return nil, fmt.Errorf("store %s: %w", path, err)
	}
	return &DB{DB: sdb, Dialect: SQLite, Location: path}, nil
}

func openPostgres(ctx context.Context, dsn string) (*DB, error) {
	shown := Redact(dsn)
	sdb, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("store %s: %w", shown, err)
	}
	if err := sdb.PingContext(ctx); err != nil {
		sdb.Close()
		return nil, fmt.Errorf("store %s: %w", shown, err)
	}
	return &DB{DB: sdb, Dialect: Postgres, Location: shown}, nil
}

// Redact hides a password in a DSN for messages.
func Redact(dsn string) string {
	at := strings.LastIndexByte(dsn, '@')
	scheme := strings.Index(dsn, "://")
	if at < 0 || scheme < 0 {
		return dsn
	}
	userinfo := dsn[scheme+3 : at]
	if i := strings.IndexByte(userinfo, ':'); i >= 0 {
		return dsn[:scheme+3] + userinfo[:i] + ":***" + dsn[at:]
	}
	return dsn
}

// Rebind turns a query written with ? placeholders into the dialect's own ($1, $2... for PostgreSQL).
func (db *DB) Rebind(q string) string {
	if db.Dialect != Postgres {
		return q
	}
	var b strings.Builder
	n := 0
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			fmt.Fprintf(&b, "$%d", n)
			continue
		}
		b.WriteByte(q[i])
	}
	return b.String()
}

// Optimize refreshes the query planner's statistics after a large change (a fleet sync, a big re-match), as
// autovacuum would do later on PostgreSQL and 'PRAGMA optimize' does on SQLite: without them the planner may
// scan tables that an index would answer in a millisecond.
func (db *DB) Optimize(ctx context.Context) error {
	var err error
	if db.Dialect == Postgres {
		_, err = db.ExecContext(ctx, `ANALYZE`)
	} else {
		_, err = db.ExecContext(ctx, `PRAGMA optimize`)
	}
	return err
}
