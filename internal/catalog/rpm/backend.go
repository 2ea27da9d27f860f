package rpm

import (
	"context"
	"errors"
	"fmt"
	"io"
)

// headerSource is a database backend: it calls fn with the header blob of every package in the database.
type headerSource func(ctx context.Context, r io.ReaderAt, size int64, fn func(blob []byte) error) error

// backendFor tells the database format by its magic number, as rpm's own backend detection does.
func backendFor(r io.ReaderAt) (headerSource, error) {
	head := make([]byte, 16)
	n, err := r.ReadAt(head, 0)
	if n < len(head) && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("reading the database: %w", err)
	}
	head = head[:n]
	switch {
	case isSQLite(head):
		return forEachSQLiteHeader, nil
	case isNDB(head):
		return forEachNDBHeader, nil
	case isBDBHash(head):
		return forEachBDBHeader, nil
	}
	return nil, errors.New("not an rpm database: neither SQLite, Berkeley DB hash nor NDB")
}
