// Package gobinary finds the Go toolchain and the Go modules that went into an executable, from the build
// information that the Go linker (Go 1.18 and later) writes into every binary it links.
//
// It reads the file as a stream, once, and never spools it: the ELF header and program headers at the start of
// the file tell where the writable data segments are, the bytes before them are skipped, and the segments are
// searched for the build info header, which the linker puts first in the data segment. Reading stops as soon as
// the build info has been read, or at once when the file is not ELF.
package gobinary

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"

	"github.com/patchbay/patchbay/internal/catalog"
)

const (
	// minSize keeps Wants from offering files too small to hold an ELF header, its program headers and a build
	// info blob. The smallest Go binary is over a megabyte; 1 KiB leaves room for hand-made ELF files.
	minSize = 1 << 10
	// maxSize is the largest file looked at. Go binaries of hundreds of megabytes exist; a gigabyte is not an
	// executable anyone ships, and reading one costs seconds.
	maxSize = 1 << 30
)

// Cataloger reads Go build information from executables.
type Cataloger struct {
	chunk int // read size; tests make it small to exercise chunk boundaries
}

// New returns the go-binary cataloger.
func New() *Cataloger { return &Cataloger{chunk: defaultChunk} }

// Name implements catalog.Cataloger.
func (*Cataloger) Name() string { return "go-binary" }

// Version implements catalog.Cataloger.
func (*Cataloger) Version() int { return 1 }

// Wants takes regular files with an execute bit and a plausible size. Files without any execute bit are not
// offered even though they might be Go binaries: images are full of large non-executable files, and an
// executable that has lost its mode bits cannot be run anyway.
func (*Cataloger) Wants(e catalog.Entry) bool {
	return e.Mode&fs.ModeType == 0 && e.Mode&0o111 != 0 && e.Size >= minSize && e.Size <= maxSize
}

// Catalog reads the Go build info of f. A file that is not ELF, or an ELF file without build info, gives no
// packages and no error; an ELF file whose headers or build info are broken, or cut short, gives an error.
func (c *Cataloger) Catalog(ctx context.Context, f *catalog.File) (catalog.Result, error) {
	raw, err := c.readRaw(ctx, f)
	if err != nil || raw == nil {
		return catalog.Result{}, err
	}
	pkgs, err := packages(raw, f.Path, c.Name())
	return catalog.Result{Packages: pkgs}, err
}

// readRaw returns the raw build info of f, or nil when f is not a Go binary.
func (c *Cataloger) readRaw(ctx context.Context, f io.Reader) (*rawBuildInfo, error) {
	s := newStream(f, c.chunk)
	defer s.release()

	// The first four bytes decide: most executables in an image are not Go, and many are not even ELF.
	if ok, err := s.hasELFMagic(ctx); err != nil || !ok {
		return nil, err
	}
	segs, err := s.elfWritableSegments(ctx)
	if err != nil {
		return nil, err
	}
	for _, seg := range segs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		at, found, err := s.findMagic(ctx, seg)
		if err != nil {
			return nil, err
		}
		if found {
			// The first aligned magic is the build info, as for debug/buildinfo: a bad blob there is an error,
			// not a reason to search on.
			raw, err := decodeBuildInfo(s.tail(at, seg.end))
			if err != nil {
				return nil, fmt.Errorf("go build info at offset %#x: %w", at, err)
			}
			return raw, nil
		}
	}
	return nil, nil
}

// errTruncated says that the file ends before a range that its own headers declare.
var errTruncated = errors.New("file is shorter than its ELF headers say (truncated?)")
