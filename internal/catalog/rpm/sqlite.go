package rpm

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// SQLite, rpm's default backend since 4.16 (Fedora 33, RHEL 9): rpmdb.sqlite, whose Packages table holds one
// header blob per row. It is read with modernc.org/sqlite, a translation of SQLite's C to Go, so the build needs
// no cgo, and SQLite's own defences against damaged files apply.

var sqliteMagic = []byte("SQLite format 3\x00")

func isSQLite(head []byte) bool { return bytes.HasPrefix(head, sqliteMagic) }

// forEachSQLiteHeader calls fn with every header blob of an rpmdb.sqlite file. SQLite needs a file name, so
// content held in memory is written to a temp file first.
func forEachSQLiteHeader(ctx context.Context, r io.ReaderAt, size int64, fn func(blob []byte) error) error {
	path, cleanup, err := fileFor(r, size)
	if err != nil {
		return err
	}
	defer cleanup()
	return readSQLite(ctx, path, fn)
}

// fileFor returns the name of a file that holds r's content: the spool file when r is one, a new temp file
// otherwise. cleanup removes what fileFor made.
func fileFor(r io.ReaderAt, size int64) (string, func(), error) {
	if f, ok := r.(*os.File); ok {
		return f.Name(), func() {}, nil
	}
	tmp, err := os.CreateTemp("", "patchbay-rpmdb-*.sqlite")
	if err != nil {
		return "", nil, fmt.Errorf("sqlite: temp file: %w", err)
	}
	cleanup := func() { tmp.Close(); os.Remove(tmp.Name()) }
	if _, err := io.Copy(tmp, io.NewSectionReader(r, 0, size)); err != nil {
		cleanup()
		return "", nil, fmt.Errorf("sqlite: writing temp file: %w", err)
	}
	if err := tmp.Close(); err != nil {
		cleanup()
		return "", nil, fmt.Errorf("sqlite: writing temp file: %w", err)
	}
	return tmp.Name(), cleanup, nil
}

func readSQLite(ctx context.Context, path string, fn func(blob []byte) error) error {
	// A relative name would read as the URI's authority ("file://tmp/x"), so it is made absolute first.
	path, err := filepath.Abs(path)
	if err != nil {
		return fmt.Errorf("sqlite: %w", err)
	}
	// immutable: the file is a copy nobody writes, so SQLite takes no locks and leaves no journal or -shm file
	// beside it. trusted_schema off: the schema is the image's, not ours, so it may not call risky functions.
	dsn := (&url.URL{Scheme: "file", Path: path,
		RawQuery: "mode=ro&immutable=1&_pragma=trusted_schema(0)&_pragma=query_only(1)"}).String()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return fmt.Errorf("sqlite: open: %w", err)
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("sqlite: open: %w", err)
	}
	defer conn.Close()
	// No value of a sound rpmdb comes near this; a damaged or crafted one cannot make SQLite allocate beyond it.
	if _, err := sqlite.Limit(conn, sqlite3.SQLITE_LIMIT_LENGTH, maxHeaderBlob); err != nil {
		return fmt.Errorf("sqlite: limit value sizes: %w", err)
	}
	var kind string
	err = conn.QueryRowContext(ctx, "SELECT type FROM sqlite_master WHERE name = 'Packages'").Scan(&kind)
	if errors.Is(err, sql.ErrNoRows) {
		return errors.New("sqlite: no Packages table")
	}
	if err != nil {
		return fmt.Errorf("sqlite: reading the schema: %w", err)
	}
	// A view could make SQLite compute whatever its author liked; rpm's Packages is a plain table.
	if kind != "table" {
		return fmt.Errorf("sqlite: Packages is a %s, want a table", kind)
	}
	rows, err := conn.QueryContext(ctx, "SELECT blob FROM Packages")
	if err != nil {
		return fmt.Errorf("sqlite: reading Packages: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var blob []byte
		if err := rows.Scan(&blob); err != nil {
			return fmt.Errorf("sqlite: reading Packages: %w", err)
		}
		if err := fn(blob); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("sqlite: reading Packages: %w", err)
	}
	return nil
}
