package java

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
)

// openZip opens an archive read through m, within the limits on entries and central directory size.
func openZip(m *meteredReaderAt, size int64, lim limits) (*zip.Reader, error) {
	m.openLeft = lim.maxCentralDirectory
	defer m.opened()
	if n, ok := declaredEntries(m, size); ok && n > uint64(lim.maxEntries) {
		return nil, fmt.Errorf("archive declares %d entries, more than the limit of %d", n, lim.maxEntries)
	}
	zr, err := zip.NewReader(m, size)
	// With GODEBUG=zipinsecurepath=0, archive/zip flags names like "../x" but still returns a usable reader; we
	// only read entries, we never write them to disk, so such names are harmless here.
	if err != nil && !(errors.Is(err, zip.ErrInsecurePath) && zr != nil) {
		if errors.Is(err, errCentralDirectoryTooLarge) {
			return nil, fmt.Errorf("open zip: %w (limit %d bytes)", err, lim.maxCentralDirectory)
		}
		return nil, fmt.Errorf("open zip: %w", err)
	}
	if len(zr.File) > lim.maxEntries {
		return nil, fmt.Errorf("archive has %d entries, more than the limit of %d", len(zr.File), lim.maxEntries)
	}
	return zr, nil
}

// readEntry reads a small entry whole, failing when it declares or turns out to be larger than max bytes.
func readEntry(f *zip.File, max int64, b *budget) ([]byte, error) {
	if f.UncompressedSize64 > uint64(max) {
		return nil, fmt.Errorf("declared size %d exceeds the limit of %d bytes", f.UncompressedSize64, max)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	content, err := io.ReadAll(io.LimitReader(meteredReader{rc, b}, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(content)) > max {
		return nil, fmt.Errorf("content exceeds the limit of %d bytes", max)
	}
	return content, nil
}
