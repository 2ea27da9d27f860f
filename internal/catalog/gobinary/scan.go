package gobinary

import (
	"context"
	"fmt"
	"io"
)

// The build info blob starts with this magic, at an address aligned to buildInfoAlign (see
// cmd/link/internal/ld.(*Link).buildinfo and debug/buildinfo).
const (
	buildInfoMagic  = "\xff Go buildinf:"
	buildInfoAlign  = 16
	buildInfoHeader = 32
)

// findMagic searches the segment for the build info magic at aligned addresses and returns its file offset. The
// window is left starting at the magic when it is found.
//
// Only aligned positions are compared, one byte and then the rest: a stride of 16 is cheaper than a general
// substring search over machine code, where 0xff is a common byte. A magic cut by the end of a read is not
// missed: the bytes from the first aligned position not yet compared are kept at the start of the window for the
// next read.
func (s *stream) findMagic(ctx context.Context, seg segment) (uint64, bool, error) {
	if err := s.advance(ctx, seg.off); err != nil {
		return 0, false, fmt.Errorf("skip to the data segment at %#x: %w", seg.off, err)
	}
	for {
		w := s.window()
		if rest := seg.end - s.off; uint64(len(w)) > rest {
			w = w[:rest]
		}
		// i: the first index whose address is aligned.
		i := int((buildInfoAlign - (seg.vaddr+(s.off-seg.off))%buildInfoAlign) % buildInfoAlign)
		for ; i+len(buildInfoMagic) <= len(w); i += buildInfoAlign {
			if w[i] == buildInfoMagic[0] && string(w[i:i+len(buildInfoMagic)]) == buildInfoMagic {
				at := s.off + uint64(i)
				s.lo += i
				s.off = at
				return at, true, nil
			}
		}
		// i is now the first aligned index not compared; a magic there would need bytes beyond the window.
		next := s.off + uint64(i)
		if next+uint64(len(buildInfoMagic)) > seg.end {
			return 0, false, nil
		}
		if err := s.advance(ctx, next); err != nil {
			return 0, false, fmt.Errorf("search the data segment [%#x, %#x): %w", seg.off, seg.end, err)
		}
		n, err := s.fill(ctx, seg.end)
		if err != nil {
			return 0, false, err
		}
		if n == 0 {
			return 0, false, fmt.Errorf("search the data segment [%#x, %#x): %w: it ends at offset %#x",
				seg.off, seg.end, errTruncated, s.end())
		}
	}
}

// tail is the file from the build info magic on, up to the end of its segment, read on demand. Its first bytes
// are those already in the stream's window; more are read from the stream as they are asked for.
type tail struct {
	r   io.Reader
	b   []byte // the bytes read so far, from the magic on
	max uint64 // how many bytes the segment holds from the magic on
	own bool   // b is tail's own and may grow in place; until then it aliases the stream's window
}

// tail returns the file from offset at, which must be the start of the window, up to end. The window may run
// past end (the first read is not bounded by segments); it is cut at end then, and since tail never reads past
// end, it never reads from the stream in that case, where the next byte would not be the one after b.
func (s *stream) tail(at, end uint64) *tail {
	b := s.window()
	if max := end - at; uint64(len(b)) > max {
		b = b[:max]
	}
	return &tail{r: s.r, b: b, max: end - at}
}

// bytes returns the first n bytes, reading what is missing. It fails with errSegmentEnd when the segment is
// shorter, and errTruncated when the file is.
func (t *tail) bytes(n uint64) ([]byte, error) {
	if n > t.max {
		return nil, errSegmentEnd
	}
	if n <= uint64(len(t.b)) {
		return t.b[:n], nil
	}
	if !t.own || uint64(cap(t.b)) < n {
		nb := make([]byte, len(t.b), n)
		copy(nb, t.b)
		t.b, t.own = nb, true
	}
	have := len(t.b)
	got, err := io.ReadFull(t.r, t.b[have:n])
	t.b = t.b[:have+got]
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return nil, fmt.Errorf("%w: it ends %d bytes after the build info magic", errTruncated, len(t.b))
	} else if err != nil {
		return nil, err
	}
	return t.b, nil
}
