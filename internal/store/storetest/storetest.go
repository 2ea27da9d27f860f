// Package storetest gives tests fresh stores on both dialects: SQLite in a temp dir and PostgreSQL in a schema of
// their own.
package storetest

import (
	"context"
	"database/sql"
	"fmt"
	"github.com/patchbay/patchbay/internal/store"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestDSN is where tests find PostgreSQL: $PATCHBAY_TEST_POSTGRES, by default the machine's local server with
// trust auth and its "test" database.
func TestDSN() string {
	if v := os.Getenv("PATCHBAY_TEST_POSTGRES"); v != "" {
		return v
	}
	return "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
}

// TestStore is one dialect for a test to run against.
type TestStore struct {
	Dialect  store.Dialect
	Location string
	open     func(t testing.TB) *store.DB
}

// Open gives the test a fresh, migrated, empty store of this dialect, removed when the test ends.
func (s TestStore) Open(t testing.TB) *store.DB { return s.open(t) }

// Dialects returns SQLite and PostgreSQL, for tests that must hold on both. Each PostgreSQL store is a schema of
// its own, dropped at the end. Where PostgreSQL does not answer the test fails under CI=true, and runs on SQLite
// alone elsewhere, saying so.
func Dialects(t testing.TB) []TestStore {
	t.Helper()
	lite := TestStore{Dialect: store.SQLite}
	lite.Location = filepath.Join(t.TempDir(), "patchbay.db")
	lite.open = func(t testing.TB) *store.DB {
		db, err := store.Open(context.Background(), lite.Location)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	}
	admin, err := sql.Open("pgx", TestDSN())
	if err == nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		err = admin.PingContext(ctx)
		cancel()
	}
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true and PostgreSQL does not answer at %s: %v", store.Redact(TestDSN()), err)
		}
		t.Logf("PostgreSQL does not answer at %s (%v): SQLite only", store.Redact(TestDSN()), err)
		return []TestStore{lite}
	}
	schema := fmt.Sprintf("pbtest_%d_%d", os.Getpid(), time.Now().UnixNano())
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		t.Fatalf("postgres: %v", err)
	}
	t.Cleanup(func() {
		admin.Exec(`DROP SCHEMA ` + schema + ` CASCADE`)
		admin.Close()
	})
	pg := TestStore{Dialect: store.Postgres, Location: withSearchPath(TestDSN(), schema)}
	pg.open = func(t testing.TB) *store.DB {
		db, err := store.Open(context.Background(), pg.Location)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	}
	return []TestStore{lite, pg}
}

func withSearchPath(dsn, schema string) string {
	sep := "?"
	if strings.Contains(dsn, "?") {
		sep = "&"
	}
	return dsn + sep + "search_path=" + schema
}
