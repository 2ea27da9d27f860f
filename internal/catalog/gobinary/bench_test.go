package gobinary

import (
	"bytes"
	"context"
	"debug/buildinfo"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/patchbay/patchbay/internal/catalog"
)

// The benchmarks catalog executables held in memory, so that they measure the cataloger, not the disk; MB/s is
// per byte of the file, read or not. "discard" is the floor: reading the whole file and doing nothing with it.

// BenchmarkCatalogNonGoELF catalogs the largest ELF executable on the machine that is not Go: the common case,
// which must cost little.
func BenchmarkCatalogNonGoELF(b *testing.B) {
	var best string
	var bestSize int64
	for _, dir := range []string{"/usr/bin", "/usr/sbin", "/usr/local/bin"} {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			p := filepath.Join(dir, e.Name())
			st, err := os.Stat(p)
			if err != nil || !st.Mode().IsRegular() || st.Mode()&0o111 == 0 || st.Size() <= bestSize || st.Size() > 256<<20 {
				continue
			}
			if !isELF(p) {
				continue
			}
			if _, err := buildinfo.ReadFile(p); err == nil {
				continue // a Go binary
			}
			best, bestSize = p, st.Size()
		}
	}
	if best == "" {
		b.Skip("no non-Go ELF executable found")
	}
	benchFile(b, best)
}

// BenchmarkCatalogGoBinary catalogs a large Go binary: the corpus service when present, else the Go compiler.
func BenchmarkCatalogGoBinary(b *testing.B) {
	candidates := []string{corpusBinary}
	if out, err := exec.Command("go", "env", "GOTOOLDIR").Output(); err == nil {
		candidates = append(candidates, filepath.Join(strings.TrimSpace(string(out)), "compile"))
	}
	for _, p := range candidates {
		if _, err := os.Stat(p); err == nil {
			benchFile(b, p)
			return
		}
	}
	b.Skip("no Go binary found")
}

func benchFile(b *testing.B, path string) {
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("%s: %d bytes", path, len(data))
	b.Run("cataloger", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		var read int64
		for b.Loop() {
			cr := &countingReader{r: bytes.NewReader(data)}
			f := catalog.NewFile(catalog.Entry{Path: path, Mode: 0o755, Size: int64(len(data))}, cr, "")
			res, err := New().Catalog(context.Background(), f)
			f.Close()
			if err != nil {
				b.Fatal(err)
			}
			_ = slices.Clone(res.Packages)
			read = cr.n
		}
		b.ReportMetric(100*float64(read)/float64(len(data)), "%read")
	})
	b.Run("discard", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		buf := make([]byte, defaultChunk)
		for b.Loop() {
			if _, err := io.CopyBuffer(io.Discard, struct{ io.Reader }{bytes.NewReader(data)}, buf); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func isELF(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	var m [4]byte
	_, err = io.ReadFull(f, m[:])
	return err == nil && string(m[:]) == "\x7fELF"
}
