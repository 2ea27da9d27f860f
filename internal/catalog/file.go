package catalog

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
)

// ErrTooLarge is returned when a file is larger than a limit that keeps memory bounded.
var ErrTooLarge = errors.New("file exceeds the size limit")

// MaxInMemory is the largest file content that ReadAll or ReaderAt keep in memory; ReaderAt spools larger files to
// a temp file so that memory stays flat whatever the file size.
const MaxInMemory = 8 << 20

// File is a file that a cataloger wanted: its entry and its content as a stream, read at most once.
type File struct {
	Entry
	r       io.Reader
	tempDir string
	cleanup []func()
}

// NewFile wraps content for a cataloger. tempDir is where ReaderAt may spool ("" means os.TempDir()).
// Close must be called when the cataloger is done.
func NewFile(e Entry, content io.Reader, tempDir string) *File {
	return &File{Entry: e, r: content, tempDir: tempDir}
}

// Read reads the file's content as a stream.
func (f *File) Read(p []byte) (int, error) { return f.r.Read(p) }

// ReadAll reads the whole content if it is at most max bytes, and fails with ErrTooLarge otherwise, without ever
// holding more than max+1 bytes.
func (f *File) ReadAll(max int64) ([]byte, error) {
	return ReadAtMost(f.r, max)
}

// ReadAtMost reads r to its end if that is at most max bytes; otherwise it fails with ErrTooLarge.
func ReadAtMost(r io.Reader, max int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("%w (%d bytes)", ErrTooLarge, max)
	}
	return b, nil
}

// ReaderAt gives random access to the content, for formats that must seek (zip, ELF). Content up to MaxInMemory
// is kept in memory; larger content is spooled to a temp file that Close removes. The stream must not have been
// read before.
func (f *File) ReaderAt() (io.ReaderAt, int64, error) {
	if f.Size >= 0 && f.Size <= MaxInMemory {
		// the tar header tells the size: one allocation, no growing
		b := make([]byte, f.Size)
		n, err := io.ReadFull(f.r, b)
		if err != nil && err != io.ErrUnexpectedEOF {
			return nil, 0, err
		}
		return bytes.NewReader(b[:n]), int64(n), nil
	}
	tmp, err := os.CreateTemp(f.tempDir, "patchbay-spool-*")
	if err != nil {
		return nil, 0, fmt.Errorf("spool to temp file: %w", err)
	}
	f.cleanup = append(f.cleanup, func() { tmp.Close(); os.Remove(tmp.Name()) })
	n, err := io.Copy(tmp, f.r)
	if err != nil {
		return nil, 0, fmt.Errorf("spool to temp file: %w", err)
	}
	return tmp, n, nil
}

// Close releases what ReaderAt spooled.
func (f *File) Close() error {
	for _, c := range f.cleanup {
		c()
	}
	f.cleanup = nil
	return nil
}
