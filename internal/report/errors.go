package report

import (
	"errors"
	"io"
)

// errNilReport is returned by every output given no report: a bug in the caller, said plainly.
var errNilReport = errors.New("report: no report to write (nil)")

// errWriter remembers the first write error, so that a long run of Fprintf calls is checked once.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}
