package gobinary

import (
	"bytes"
	"context"
	"debug/buildinfo"
	"debug/elf"
	"encoding/binary"
	"errors"
	"runtime/debug"
	"slices"
	"strings"
	"testing"
)

// readRawBytes runs the cataloger's reading on b, without turning the result into packages.
func readRawBytes(c *Cataloger, b []byte) (*rawBuildInfo, error) {
	return c.readRaw(context.Background(), bytes.NewReader(b))
}

// sameAsDebugBuildinfo checks that the raw build info read from b is what debug/buildinfo reads from it.
func sameAsDebugBuildinfo(t *testing.T, b []byte, raw *rawBuildInfo) {
	t.Helper()
	want, err := buildinfo.Read(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("debug/buildinfo cannot read the fixture: %v", err)
	}
	if raw.goVersion != want.GoVersion {
		t.Errorf("Go version %q, debug/buildinfo says %q", raw.goVersion, want.GoVersion)
	}
	got, err := debug.ParseBuildInfo(raw.modInfo)
	if err != nil {
		t.Fatalf("module info: %v", err)
	}
	got.GoVersion = raw.goVersion
	if got.String() != want.String() {
		t.Errorf("build info\n%s\ndebug/buildinfo says\n%s", got, want)
	}
}

// TestReadRawSynthetic reads hand-made Go binaries of each ELF class and byte order, with the build info where a
// read boundary cuts it, and compares with debug/buildinfo.
func TestReadRawSynthetic(t *testing.T) {
	const vers = "go1.21.0 X:boringcrypto"
	mod := framed(sampleModInfo)
	// A data segment whose aligned addresses are at file offsets 8 mod 16, with the blob at the last aligned
	// position of the first 64 KiB read: the magic is cut by the read boundary.
	straddle := synthELF{segs: []synthSeg{
		{flags: rw, off: 0x1000, vaddr: 0x401008, data: append(make([]byte, defaultChunk-8), inlineBlob(vers, mod)...)},
	}}.bytes()
	tests := []struct {
		name string
		b    []byte
	}{
		{"64-bit little-endian", synthGo(elf.ELFCLASS64, binary.LittleEndian, vers, mod)},
		{"64-bit big-endian", synthGo(elf.ELFCLASS64, binary.BigEndian, vers, mod)},
		{"32-bit little-endian", synthGo(elf.ELFCLASS32, binary.LittleEndian, vers, mod)},
		{"32-bit big-endian", synthGo(elf.ELFCLASS32, binary.BigEndian, vers, mod)},
		{"magic across a read boundary", straddle},
		{"no module info", synthGo(elf.ELFCLASS64, binary.LittleEndian, "go1.22.1", "")},
		{"module info without framing", synthGo(elf.ELFCLASS64, binary.LittleEndian, "go1.22.1", sampleModInfo)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw, err := readRawBytes(New(), tt.b)
			if err != nil || raw == nil {
				t.Fatalf("readRaw: %v, %v", raw, err)
			}
			sameAsDebugBuildinfo(t, tt.b, raw)
		})
	}
}

// TestCatalogSynthetic checks the packages made from module info with a replacement, and cases that
// debug/buildinfo does not handle the same way.
func TestCatalogSynthetic(t *testing.T) {
	mod := framed(sampleModInfo)
	wantSample := []string{"example.com/a@v1.0.0", "example.com/bfork@v1.1.1", "example.com/synth@v0.3.0", "stdlib@1.21.0"}
	// Like a PIE: a first data segment (relro) without build info, and a second one with it.
	twoData := synthELF{segs: []synthSeg{
		{flags: rw, off: 0x1000, vaddr: 0x401000, data: make([]byte, 0x800)},
		{flags: rw, off: 0x2000, vaddr: 0x402000, data: inlineBlob("go1.21.0", mod)},
	}}.bytes()
	// Segments listed out of file order.
	reversed := synthELF{segs: []synthSeg{
		{flags: rw, off: 0x2000, vaddr: 0x402000, data: inlineBlob("go1.21.0", mod)},
		{flags: rw, off: 0x1000, vaddr: 0x401000, data: make([]byte, 0x800)},
	}}.bytes()
	// The blob sits in an executable segment, where the linker never puts it.
	inText := synthELF{segs: []synthSeg{
		{flags: rx | elf.PF_W, off: 0x1000, vaddr: 0x401000, data: inlineBlob("go1.21.0", mod)},
	}}.bytes()
	// The magic at an address that is not 16-aligned is not build info.
	misaligned := synthELF{segs: []synthSeg{
		{flags: rw, off: 0x1000, vaddr: 0x401008, data: inlineBlob("go1.21.0", mod)},
	}}.bytes()

	tests := []struct {
		name string
		b    []byte
		want []string
	}{
		{"module info with a replacement", synthGo(elf.ELFCLASS64, binary.LittleEndian, "go1.21.0 X:boringcrypto", mod), wantSample},
		{"build info in the second data segment", twoData, wantSample},
		{"program headers out of order", reversed, wantSample},
		{"build info in an executable segment", inText, nil},
		{"misaligned magic", misaligned, nil},
		{"devel toolchain", synthGo(elf.ELFCLASS64, binary.LittleEndian, "devel go1.27-abcdef Tue Jan 6 2026", ""), []string{"stdlib@devel"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := runBytes(t, New(), "/bin/app", tt.b)
			if err != nil {
				t.Fatalf("Catalog: %v", err)
			}
			checkShape(t, res.Packages, "/bin/app")
			if got := coords(res.Packages); !slices.Equal(got, tt.want) {
				t.Errorf("packages\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

// TestCatalogPreGo118 checks that a binary in the format of Go 1.13 to 1.17, which debug/buildinfo reads with
// random access, is reported as such rather than silently skipped.
func TestCatalogPreGo118(t *testing.T) {
	b := synthOldGo("go1.16.15", framed("path\texample.com/old\nmod\texample.com/old\tv1.0.0\t\n"))
	bi, err := buildinfo.Read(bytes.NewReader(b))
	if err != nil || bi.GoVersion != "go1.16.15" || bi.Main.Path != "example.com/old" {
		t.Fatalf("the fixture is not what debug/buildinfo reads as an old binary: %+v, %v", bi, err)
	}
	res, err := runBytes(t, New(), "/bin/old", b)
	if !errors.Is(err, ErrPreGo118) {
		t.Errorf("error %v, want %v", err, ErrPreGo118)
	}
	if len(res.Packages) != 0 {
		t.Errorf("packages %q, want none", coords(res.Packages))
	}
}

// TestCatalogCorruptBuildInfo checks that a build info header with bad contents gives an error that says what
// is wrong, and no more packages than can be trusted.
func TestCatalogCorruptBuildInfo(t *testing.T) {
	withData := func(data []byte, filesz uint64) []byte {
		return synthELF{size: 0x3000, segs: []synthSeg{{flags: rw, off: 0x1000, vaddr: 0x401000, data: data, filesz: filesz}}}.bytes()
	}
	header := inlineBlob("", "")[:buildInfoHeader]
	blob := inlineBlob("go1.22.0", framed(sampleModInfo))
	hugeMod := binary.AppendUvarint(append(slices.Clone(header), 8, 'g', 'o', '1', '.', '2', '2', '.', '0'), 1<<40)
	hugeVers := binary.AppendUvarint(slices.Clone(header), maxVersionLen+1)
	badVarint := append(slices.Clone(header), bytes.Repeat([]byte{0xff}, 11)...)

	tests := []struct {
		name     string
		b        []byte
		wantErr  error  // matched with errors.Is when set
		wantText string // else a part of the message
		wantPkgs []string
	}{
		{"header cut by the segment end", withData(header, 20), errSegmentEnd, "", nil},
		{"module info cut by the segment end", withData(blob, 60), errSegmentEnd, "", nil},
		{"huge module info length", withData(hugeMod, 0), nil, "exceeds the limit", nil},
		{"huge version length", withData(hugeVers, 0), nil, "exceeds the limit", nil},
		{"bad varint", withData(badVarint, 0), nil, "bad length", nil},
		{"empty version", withData(inlineBlob("", framed(sampleModInfo)), 0), nil, "empty toolchain version", nil},
		{"module info that does not parse", withData(inlineBlob("go1.22.0", framed("dep\tonly-a-path\n")), 0), nil,
			"go module info", []string{"stdlib@1.22.0"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := runBytes(t, New(), "/bin/app", tt.b)
			switch {
			case err == nil:
				t.Errorf("no error")
			case tt.wantErr != nil && !errors.Is(err, tt.wantErr):
				t.Errorf("error %v, want %v", err, tt.wantErr)
			case tt.wantText != "" && !strings.Contains(err.Error(), tt.wantText):
				t.Errorf("error %v, want one saying %q", err, tt.wantText)
			}
			if got := coords(res.Packages); !slices.Equal(got, tt.wantPkgs) {
				t.Errorf("packages %q, want %q", got, tt.wantPkgs)
			}
		})
	}
}

func TestStdlibVersion(t *testing.T) {
	tests := []struct{ in, want string }{
		{"go1.26.8", "1.26.8"},
		{"go1.26.8 X:nocoverageredesign", "1.26.8"},
		{"go1.21rc2", "1.21rc2"},
		{"go1.22.0-bigcorp", "1.22.0-bigcorp"},
		{"devel go1.27-abcdef Tue Jan 6 2026", "devel"},
	}
	for _, tt := range tests {
		if got := stdlibVersion(tt.in); got != tt.want {
			t.Errorf("stdlibVersion(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDisjoint(t *testing.T) {
	tests := []struct {
		name string
		in   []segment
		want []segment
	}{
		{"none", nil, nil},
		{"sorted", []segment{{0x100, 0x200, 0x1100}, {0x200, 0x300, 0x2200}}, []segment{{0x100, 0x200, 0x1100}, {0x200, 0x300, 0x2200}}},
		{"reversed", []segment{{0x200, 0x300, 0x2200}, {0x100, 0x200, 0x1100}}, []segment{{0x100, 0x200, 0x1100}, {0x200, 0x300, 0x2200}}},
		// the overlapping part is searched once, as part of the first segment; the second keeps its addresses
		{"overlapping", []segment{{0x100, 0x200, 0x1100}, {0x180, 0x280, 0x2180}}, []segment{{0x100, 0x200, 0x1100}, {0x200, 0x280, 0x2200}}},
		{"contained", []segment{{0x100, 0x300, 0x1100}, {0x180, 0x280, 0x2180}}, []segment{{0x100, 0x300, 0x1100}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := disjoint(slices.Clone(tt.in)); !slices.Equal(got, tt.want) {
				t.Errorf("disjoint(%v) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}
