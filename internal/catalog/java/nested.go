package java

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"

	"github.com/patchbay/patchbay/internal/catalog"
)

// zipFlagEncrypted is bit 0 of a zip entry's general purpose flags.
const zipFlagEncrypted = 0x1

var errHeldInMemory = errors.New("nested archives held in memory would exceed the limit")

// nestedContent gives random access to an archive nested in a. An entry stored without compression (Spring Boot
// requires that of BOOT-INF/lib, so that its launcher can do the same) is a window on a's bytes: no copy, no
// memory. A compressed entry is decompressed into memory, within the limits on nested size, memory held and bytes
// read; release gives the memory back to the count.
func (w *walk) nestedContent(a archive, f *zip.File) (r io.ReaderAt, size int64, release func(), err error) {
	if f.Method == zip.Store && f.CompressedSize64 == f.UncompressedSize64 && f.Flags&zipFlagEncrypted == 0 {
		r, size, err := storedWindow(a, f)
		return r, size, func() {}, err
	}
	declared := f.UncompressedSize64
	if declared > uint64(w.lim.maxNestedSize) {
		return nil, 0, nil, fmt.Errorf("%w: declared size %d, limit for a compressed nested archive %d bytes",
			catalog.ErrTooLarge, declared, w.lim.maxNestedSize)
	}
	size = int64(declared)
	if w.held+size > w.lim.maxHeldInMemory {
		return nil, 0, nil, fmt.Errorf("%w (%d bytes)", errHeldInMemory, w.lim.maxHeldInMemory)
	}
	// The declared size is charged before anything is allocated: a header that lies about it cannot make us
	// allocate more than the budget, and archive/zip fails a read that goes past it.
	if err := w.budget.take(size); err != nil {
		return nil, 0, nil, err
	}
	content, err := decompress(f, size)
	if err != nil {
		return nil, 0, nil, err
	}
	w.held += size
	return bytes.NewReader(content), size, func() { w.held -= size }, nil
}

// storedWindow is the section of a's bytes that holds an entry stored without compression.
func storedWindow(a archive, f *zip.File) (io.ReaderAt, int64, error) {
	off, err := f.DataOffset()
	if err != nil {
		return nil, 0, fmt.Errorf("locate stored data: %w", err)
	}
	if f.UncompressedSize64 > math.MaxInt64 || off < 0 || off > a.size ||
		int64(f.UncompressedSize64) > a.size-off {
		return nil, 0, fmt.Errorf("stored data (%d bytes at offset %d) goes past the end of the archive (%d bytes)",
			f.UncompressedSize64, off, a.size)
	}
	size := int64(f.UncompressedSize64)
	return io.NewSectionReader(a.raw, off, size), size, nil
}

// decompress reads an entry whole, checking that it is exactly as long as declared.
func decompress(f *zip.File, size int64) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("open entry: %w", err)
	}
	defer rc.Close()
	content := make([]byte, size)
	if _, err := io.ReadFull(rc, content); err != nil {
		return nil, fmt.Errorf("decompress: %w", err)
	}
	// Reading on makes archive/zip check the CRC-32, and proves the content ends where the header says.
	var probe [1]byte
	switch _, err := io.ReadFull(rc, probe[:]); {
	case err == io.EOF:
		return content, nil
	case err == nil:
		return nil, fmt.Errorf("decompress: content is longer than its declared %d bytes", size)
	default:
		return nil, fmt.Errorf("decompress: %w", err)
	}
}
