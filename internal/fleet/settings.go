package fleet

import (
	"context"
	"database/sql"
	"errors"

	"github.com/patchbay/patchbay/internal/store"
)

// SetSetting stores a named piece of fleet configuration (the rules file's text).
func SetSetting(ctx context.Context, db *store.DB, name, value string) error {
	_, err := db.ExecContext(ctx, db.Rebind(`INSERT INTO settings (name, value) VALUES (?, ?)
		ON CONFLICT (name) DO UPDATE SET value = excluded.value`), name, value)
	return err
}

// Setting reads one; "" when it was never set.
func Setting(ctx context.Context, db *store.DB, name string) (string, error) {
	var v string
	err := db.QueryRowContext(ctx, db.Rebind(`SELECT value FROM settings WHERE name = ?`), name).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}

// StoredRules parses the rules kept in the store.
func StoredRules(ctx context.Context, db *store.DB) ([]Rule, error) {
	text, err := Setting(ctx, db, "rules")
	if err != nil {
		return nil, err
	}
	return ParseRules(text)
}

// HasImages says whether the fleet has any image yet (re-matching after a database update is pointless before).
func HasImages(ctx context.Context, db *store.DB) (bool, error) {
	var n int
	err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM images`).Scan(&n)
	return n > 0, err
}
