package java

import (
	"errors"
	"fmt"
	"io"
)

// errBudgetExhausted is returned by reads once a file has used up limits.maxBytesRead.
var errBudgetExhausted = errors.New("read budget exhausted (zip bomb guard)")

// budget counts the bytes read and decompressed for one file, nested archives included.
type budget struct {
	left  int64
	limit int64
}

func newBudget(limit int64) *budget { return &budget{left: limit, limit: limit} }

// take spends n bytes, or fails without spending when fewer are left.
func (b *budget) take(n int64) error {
	if n > b.left {
		b.left = 0
		return fmt.Errorf("%w: more than %d bytes", errBudgetExhausted, b.limit)
	}
	b.left -= n
	return nil
}

func (b *budget) exhausted() bool { return b.left <= 0 }

// meteredReaderAt charges every read of an archive's bytes to the budget, and while the archive is being opened
// also to a separate cap on the central directory (see limits.maxCentralDirectory).
type meteredReaderAt struct {
	r      io.ReaderAt
	budget *budget
	// openLeft is what may still be read while opening; it is negative once the archive is open.
	openLeft int64
}

var errCentralDirectoryTooLarge = errors.New("central directory too large")

func (m *meteredReaderAt) ReadAt(p []byte, off int64) (int, error) {
	n := int64(len(p))
	if m.openLeft >= 0 {
		if n > m.openLeft {
			return 0, errCentralDirectoryTooLarge
		}
		m.openLeft -= n
	}
	if err := m.budget.take(n); err != nil {
		return 0, err
	}
	return m.r.ReadAt(p, off)
}

// opened ends the opening phase: from now on only the budget applies.
func (m *meteredReaderAt) opened() { m.openLeft = -1 }

// meteredReader charges what is decompressed from an entry to the budget.
type meteredReader struct {
	r      io.Reader
	budget *budget
}

func (m meteredReader) Read(p []byte) (int, error) {
	n, err := m.r.Read(p)
	if n > 0 {
		if berr := m.budget.take(int64(n)); berr != nil {
			return 0, berr
		}
	}
	return n, err
}
