package store_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/patchbay/patchbay/internal/store"
	"github.com/patchbay/patchbay/internal/store/storetest"
)

func TestMigrateBothDialects(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d.Dialect), func(t *testing.T) {
			db := d.Open(t)
			v, err := db.CurrentSchema(context.Background())
			if err != nil || v != store.SchemaVersion() || v == 0 {
				t.Fatalf("schema %d (%v), want %d", v, err, store.SchemaVersion())
			}
			// opening again migrates nothing and keeps the data
			if _, err := db.ExecContext(context.Background(), db.Rebind(`INSERT INTO vulndb_sources (ecosystem, last_update) VALUES (?, ?)`), "Go", "2026-01-01T00:00:00Z"); err != nil {
				t.Fatal(err)
			}
			again, err := store.Open(context.Background(), d.Location)
			if err != nil {
				t.Fatal(err)
			}
			defer again.Close()
			var n int
			if err := again.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM vulndb_sources`).Scan(&n); err != nil || n != 1 {
				t.Errorf("after reopening: %d rows, %v", n, err)
			}
		})
	}
}

func TestRebindAndRedact(t *testing.T) {
	pg := &store.DB{Dialect: store.Postgres}
	if got := pg.Rebind("a = ? AND b IN (?, ?)"); got != "a = $1 AND b IN ($2, $3)" {
		t.Errorf("rebind: %s", got)
	}
	if got := (&store.DB{Dialect: store.SQLite}).Rebind("a = ?"); got != "a = ?" {
		t.Errorf("sqlite rebind: %s", got)
	}
	if got := store.Redact("postgres://bob:hunter2@db:5432/x"); got != "postgres://bob:***@db:5432/x" {
		t.Errorf("redact: %s", got)
	}
}

func TestNewerSchemaRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.db")
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	db.ExecContext(context.Background(), `INSERT INTO schema_migrations VALUES (9999, 'future.sql', 'now')`)
	db.Close()
	if _, err := store.Open(context.Background(), path); err == nil {
		t.Error("a store with a newer schema was opened")
	}
}
