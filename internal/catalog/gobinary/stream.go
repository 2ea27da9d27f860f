package gobinary

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
)

// defaultChunk is how much is read at a time: large enough that the per-read cost of the tar and gzip readers
// underneath does not show, small enough to stay in cache.
const defaultChunk = 64 << 10

// bufSize is the size of the window buffer. It holds the ELF header and program headers, so it also bounds
// where the program headers may be.
const bufSize = 64 << 10

// bufPool recycles window buffers: an image has hundreds of executables and each would otherwise allocate one.
var bufPool = sync.Pool{New: func() any { b := make([]byte, bufSize); return &b }}

// stream is a forward-only window on a file: the bytes buf[lo:hi] are the file's bytes at offsets
// [off, off+hi-lo). Bytes before the window are gone; the window moves forward by skipping or reading.
type stream struct {
	r      io.Reader
	pooled *[]byte
	buf    []byte
	lo, hi int
	off    uint64
	chunk  int // most bytes read by one fill
}

func newStream(r io.Reader, chunk int) *stream {
	p := bufPool.Get().(*[]byte)
	if chunk <= 0 || chunk > bufSize {
		chunk = bufSize
	}
	return &stream{r: r, pooled: p, buf: *p, chunk: chunk}
}

// release returns the buffer to the pool; nothing may use the stream, or a slice of its window, afterwards.
func (s *stream) release() {
	if s.pooled != nil {
		bufPool.Put(s.pooled)
		s.pooled, s.buf = nil, nil
	}
}

// end is the file offset just past the window.
func (s *stream) end() uint64 { return s.off + uint64(s.hi-s.lo) }

// window returns the bytes of the window.
func (s *stream) window() []byte { return s.buf[s.lo:s.hi] }

// fill reads more bytes into the window, but none at or past the file offset limit, and returns how many it
// read: 0 means the file ended (or the limit was reached). It compacts the window to the start of the buffer
// first, so that the window can always grow while it is smaller than the buffer.
func (s *stream) fill(ctx context.Context, limit uint64) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	if s.lo > 0 {
		s.hi = copy(s.buf, s.buf[s.lo:s.hi])
		s.lo = 0
	}
	want := len(s.buf) - s.hi
	if want > s.chunk {
		want = s.chunk
	}
	if e := s.end(); e >= limit {
		return 0, nil
	} else if uint64(want) > limit-e {
		want = int(limit - e)
	}
	n, err := io.ReadFull(s.r, s.buf[s.hi:s.hi+want])
	s.hi += n
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
		return n, fmt.Errorf("read at offset %#x: %w", s.end(), err)
	}
	return n, nil
}

// fillTo reads until the window reaches the file offset to; it fails with errTruncated if the file ends first.
func (s *stream) fillTo(ctx context.Context, to uint64) error {
	for s.end() < to {
		n, err := s.fill(ctx, to)
		if err != nil {
			return err
		}
		if n == 0 {
			return fmt.Errorf("%w: it ends at offset %#x, before %#x", errTruncated, s.end(), to)
		}
	}
	return nil
}

// advance moves the start of the window to the file offset to (never backwards), reading and dropping the bytes
// in between. It fails with errTruncated if the file ends before to.
func (s *stream) advance(ctx context.Context, to uint64) error {
	if to <= s.off {
		return nil
	}
	if to <= s.end() {
		s.lo += int(to - s.off)
		s.off = to
		return nil
	}
	s.off, s.lo, s.hi = s.end(), 0, 0
	for s.off < to {
		if err := ctx.Err(); err != nil {
			return err
		}
		want := uint64(len(s.buf))
		if want > to-s.off {
			want = to - s.off
		}
		n, err := io.ReadFull(s.r, s.buf[:want])
		s.off += uint64(n)
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return fmt.Errorf("%w: it ends at offset %#x, before %#x", errTruncated, s.off, to)
		} else if err != nil {
			return fmt.Errorf("read at offset %#x: %w", s.off, err)
		}
	}
	return nil
}
