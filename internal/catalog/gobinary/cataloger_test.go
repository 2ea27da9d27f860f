package gobinary

import (
	"bytes"
	"context"
	"debug/elf"
	"errors"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"slices"
	"testing"
	"testing/iotest"

	"github.com/patchbay/patchbay/internal/catalog"
)

func TestWants(t *testing.T) {
	c := New()
	tests := []struct {
		name string
		e    catalog.Entry
		want bool
	}{
		{"executable", catalog.Entry{Path: "/usr/local/bin/app", Mode: 0o755, Size: 10 << 20}, true},
		{"only group exec bit", catalog.Entry{Path: "/app", Mode: 0o610, Size: 4096}, true},
		{"only other exec bit", catalog.Entry{Path: "/app", Mode: 0o601, Size: 4096}, true},
		{"setuid executable", catalog.Entry{Path: "/bin/su", Mode: fs.ModeSetuid | 0o755, Size: 60000}, true},
		{"smallest wanted", catalog.Entry{Path: "/x", Mode: 0o700, Size: minSize}, true},
		{"largest wanted", catalog.Entry{Path: "/x", Mode: 0o700, Size: maxSize}, true},
		{"not executable", catalog.Entry{Path: "/usr/local/bin/app", Mode: 0o644, Size: 10 << 20}, false},
		{"too small", catalog.Entry{Path: "/x", Mode: 0o755, Size: minSize - 1}, false},
		{"empty", catalog.Entry{Path: "/x", Mode: 0o755, Size: 0}, false},
		{"too large", catalog.Entry{Path: "/x", Mode: 0o755, Size: maxSize + 1}, false},
		{"unknown size", catalog.Entry{Path: "/x", Mode: 0o755, Size: -1}, false},
		{"directory", catalog.Entry{Path: "/usr/bin", Mode: fs.ModeDir | 0o755, Size: 4096}, false},
		{"symlink", catalog.Entry{Path: "/usr/bin/x", Mode: fs.ModeSymlink | 0o777, Size: 4096}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.Wants(tt.e); got != tt.want {
				t.Errorf("Wants(%+v) = %v, want %v", tt.e, got, tt.want)
			}
		})
	}
	e := catalog.Entry{Path: "/usr/bin/ls", Mode: 0o755, Size: 150000}
	if n := testing.AllocsPerRun(100, func() { c.Wants(e) }); n != 0 {
		t.Errorf("Wants allocates %v times per call, want 0", n)
	}
}

// TestCatalogGoBinaries compares what the cataloger finds in binaries built by the local toolchain with what
// `go version -m` reports for them.
func TestCatalogGoBinaries(t *testing.T) {
	for _, name := range []string{"hello", "hello-pie", "hello-stripped", "hello-386", "hello-s390x", "deps"} {
		t.Run(name, func(t *testing.T) {
			bin := goBinary(t, name)
			res, err := runFile(t, New(), bin)
			if err != nil {
				t.Fatalf("Catalog: %v", err)
			}
			checkShape(t, res.Packages, bin)
			if got, want := coords(res.Packages), goVersionM(t, bin); !slices.Equal(got, want) {
				t.Errorf("packages\n got %q\nwant %q", got, want)
			}
			if res.Distro != nil || res.Owned != nil {
				t.Errorf("Distro or Owned set: %+v", res)
			}
		})
	}
}

// TestCatalogReplacements spells out what the deps fixture must give, so that a mistake shared by the cataloger
// and goVersionM's reading of replacements is caught too.
func TestCatalogReplacements(t *testing.T) {
	bin := goBinary(t, "deps")
	res, err := runFile(t, New(), bin)
	if err != nil {
		t.Fatal(err)
	}
	got := coords(res.Packages)
	for _, want := range []string{
		"example.com/deps@",           // main module built from a work tree: no version
		"example.com/alpha@v1.0.0",    // plain dependency
		"example.com/betafork@v1.2.0", // replaced by another module version: the replacement
		"example.com/gamma@",          // replaced by a directory: its own path, no version
	} {
		if !slices.Contains(got, want) {
			t.Errorf("missing %s in %q", want, got)
		}
	}
	if slices.Contains(got, "example.com/beta@v1.0.0") {
		t.Errorf("replaced module example.com/beta@v1.0.0 reported: %q", got)
	}
}

// TestCatalogReadBoundaries reads Go binaries in reads of odd sizes, and one byte at a time, so that the build
// info magic and strings fall across read boundaries, and checks that the result does not change.
func TestCatalogReadBoundaries(t *testing.T) {
	for _, name := range []string{"hello", "hello-pie", "hello-386", "hello-s390x"} {
		bin := goBinary(t, name)
		b, err := os.ReadFile(bin)
		if err != nil {
			t.Fatal(err)
		}
		want := goVersionM(t, bin)
		for _, chunk := range []int{1, 3, 14, 15, 16, 17, 31, 33, 1000, 4096, defaultChunk} {
			for _, oneByte := range []bool{false, true} {
				if oneByte && chunk != 1000 {
					continue // one-byte reads take long; one chunk size is enough to see them work
				}
				var r io.Reader = bytes.NewReader(b)
				if oneByte {
					r = iotest.OneByteReader(r)
				}
				res, err := run(t, &Cataloger{chunk: chunk}, bin, r, int64(len(b)))
				if err != nil {
					t.Fatalf("%s chunk %d one-byte %v: %v", name, chunk, oneByte, err)
				}
				if got := coords(res.Packages); !slices.Equal(got, want) {
					t.Errorf("%s chunk %d one-byte %v:\n got %q\nwant %q", name, chunk, oneByte, got, want)
				}
			}
		}
	}
}

// TestCatalogReadsLittle checks how much of a file the cataloger reads: four bytes of a file that is not ELF, no
// further than the build info of a Go binary, no further than the data segments of another ELF file.
func TestCatalogReadsLittle(t *testing.T) {
	script := append([]byte("#!/bin/sh\necho hello\n"), bytes.Repeat([]byte("# padding\n"), 200)...)
	cr := &countingReader{r: bytes.NewReader(script)}
	if res, err := run(t, New(), "/usr/local/bin/script", cr, int64(len(script))); err != nil || len(res.Packages) != 0 {
		t.Errorf("script: %+v, %v; want nothing", res, err)
	}
	if cr.n != 4 {
		t.Errorf("script: read %d bytes, want 4", cr.n)
	}

	for _, name := range []string{"hello", "hello-pie", "hello-s390x"} {
		bin := goBinary(t, name)
		ef, err := elf.Open(bin)
		if err != nil {
			t.Fatal(err)
		}
		sec := ef.Section(".go.buildinfo")
		ef.Close()
		if sec == nil {
			t.Fatalf("%s: no .go.buildinfo section", name)
		}
		fh, err := os.Open(bin)
		if err != nil {
			t.Fatal(err)
		}
		st, _ := fh.Stat()
		cr := &countingReader{r: fh}
		_, err = run(t, New(), bin, cr, st.Size())
		fh.Close()
		if err != nil {
			t.Fatal(err)
		}
		limit := int64(sec.Offset + sec.Size + defaultChunk)
		if cr.n > limit || cr.n >= st.Size() {
			t.Errorf("%s: read %d of %d bytes; build info section ends at %d", name, cr.n, st.Size(), sec.Offset+sec.Size)
		}
		t.Logf("%s: read %d of %d bytes (%.0f%%), build info at %d", name, cr.n, st.Size(),
			100*float64(cr.n)/float64(st.Size()), sec.Offset)
	}

	for _, bin := range []string{"/bin/true", "/usr/bin/env"} {
		ef, err := elf.Open(bin)
		if err != nil {
			t.Logf("skip %s: %v", bin, err)
			continue
		}
		var dataEnd uint64
		for _, p := range ef.Progs {
			if p.Type == elf.PT_LOAD && p.Flags&(elf.PF_W|elf.PF_X) == elf.PF_W {
				dataEnd = max(dataEnd, p.Off+p.Filesz)
			}
		}
		ef.Close()
		fh, err := os.Open(bin)
		if err != nil {
			t.Fatal(err)
		}
		st, _ := fh.Stat()
		cr := &countingReader{r: fh}
		res, err := run(t, New(), bin, cr, st.Size())
		fh.Close()
		if err != nil || len(res.Packages) != 0 {
			t.Errorf("%s: %+v, %v; want nothing", bin, res, err)
		}
		if uint64(cr.n) != dataEnd {
			t.Errorf("%s: read %d of %d bytes; want %d, the end of its data segments", bin, cr.n, st.Size(), dataEnd)
		}
	}
}

// TestCatalogNotGo feeds files that are not Go binaries: they give no packages; broken ELF headers give an error.
func TestCatalogNotGo(t *testing.T) {
	rnd := make([]byte, 64<<10)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range rnd {
		rnd[i] = byte(rng.Uint32())
	}
	elfGarbage := append([]byte(elf.ELFMAG), rnd[4:]...)
	badClass := synthELF{size: 4096}.bytes()
	badClass[elf.EI_CLASS] = 7
	badData := synthELF{size: 4096}.bytes()
	badData[elf.EI_DATA] = 0

	tests := []struct {
		name    string
		content []byte
		wantErr error // nil: no error
	}{
		{"shell script", []byte("#!/bin/sh\nexec /usr/bin/true\n"), nil},
		{"random bytes", rnd, nil},
		{"zeros", make([]byte, 4096), nil},
		{"three bytes", []byte("\x7fEL"), nil},
		{"only the ELF magic", []byte(elf.ELFMAG), errTruncated},
		{"ELF magic then random bytes", elfGarbage, errBadELF},
		{"unknown ELF class", badClass, errBadELF},
		{"unknown ELF data encoding", badData, errBadELF},
		{"ELF without program headers", synthELF{size: 4096}.bytes(), nil},
		{"ELF without data segment", synthELF{size: 4096, segs: []synthSeg{{flags: rx, off: 0, vaddr: 0x400000, filesz: 4096}}}.bytes(), nil},
		{"ELF data segment without build info", synthELF{segs: []synthSeg{{flags: rw, off: 0x1000, vaddr: 0x401000, data: rnd[:8192]}}}.bytes(), nil},
		{"program headers beyond the first 64 KiB", synthELF{phoff: 1 << 20, size: 4096, segs: []synthSeg{{flags: rw, off: 0x1000, vaddr: 0x401000, data: rnd[:64]}}}.bytes(), errBadELF},
		{"program header size too small", synthELF{phentsize: 8, size: 4096, segs: []synthSeg{{flags: rw, off: 0x1000, vaddr: 0x401000, data: rnd[:64]}}}.bytes(), errBadELF},
		{"PN_XNUM program headers", synthELF{phnum: 0xffff, size: 4096}.bytes(), errBadELF},
	}
	for _, bin := range []string{"/bin/true", "/usr/bin/env", "/bin/sh"} {
		if b, err := os.ReadFile(bin); err == nil {
			tests = append(tests, struct {
				name    string
				content []byte
				wantErr error
			}{bin, b, nil})
		}
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := runBytes(t, New(), "/usr/bin/x", tt.content)
			if len(res.Packages) != 0 {
				t.Errorf("packages %q, want none", coords(res.Packages))
			}
			if tt.wantErr == nil && err != nil {
				t.Errorf("error %v, want none", err)
			}
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Errorf("error %v, want %v", err, tt.wantErr)
			}
		})
	}
}

// TestCatalogTruncated cuts a Go binary before its data segment, inside its build info and just after it.
func TestCatalogTruncated(t *testing.T) {
	bin := goBinary(t, "hello")
	b, err := os.ReadFile(bin)
	if err != nil {
		t.Fatal(err)
	}
	ef, err := elf.NewFile(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	sec := ef.Section(".go.buildinfo")
	if sec == nil {
		t.Fatal("no .go.buildinfo section")
	}
	tests := []struct {
		name    string
		size    uint64
		wantErr error
		wantPkg bool
	}{
		{"before the data segment", 8192, errTruncated, false},
		{"inside the header", sec.Offset + 20, errTruncated, false},
		{"inside the module info", sec.Offset + 100, errTruncated, false},
		{"after the build info", sec.Offset + sec.Size, nil, true},
	}
	want := goVersionM(t, bin)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := runBytes(t, New(), "/app", b[:tt.size])
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) || tt.wantErr == nil && err != nil {
				t.Errorf("error %v, want %v", err, tt.wantErr)
			}
			if got := coords(res.Packages); tt.wantPkg && !slices.Equal(got, want) || !tt.wantPkg && len(got) > 0 {
				t.Errorf("packages %q, want %v", got, tt.wantPkg)
			}
		})
	}
}

func TestCatalogCanceled(t *testing.T) {
	bin := goBinary(t, "hello")
	fh, err := os.Open(bin)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	f := catalog.NewFile(catalog.Entry{Path: bin, Mode: 0o755, Size: 1 << 20}, fh, t.TempDir())
	defer f.Close()
	if _, err := New().Catalog(ctx, f); !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want %v", err, context.Canceled)
	}
}
