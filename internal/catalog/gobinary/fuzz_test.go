package gobinary

import (
	"bytes"
	"context"
	"debug/buildinfo"
	"debug/elf"
	"encoding/binary"
	"runtime/debug"
	"slices"
	"testing"

	"github.com/patchbay/patchbay/internal/catalog"
)

// FuzzCatalog feeds arbitrary files to the cataloger. It must not panic; it must read the same whatever the
// read size; and where debug/buildinfo, with random access, reads build info from a file laid out so that both
// must look in the same place, the cataloger must read the same.
func FuzzCatalog(f *testing.F) {
	// Small seeds: the fuzzer's mutations then land in the headers and the blob, not in padding.
	mod := framed(sampleModInfo)
	compact := func(class elf.Class, bo binary.ByteOrder, vaddr uint64, blob []byte) []byte {
		return synthELF{class: class, bo: bo, segs: []synthSeg{
			{flags: rx, off: 0, vaddr: 0x400000, filesz: 0x100},
			{flags: rw, off: 0x100, vaddr: vaddr, data: append(blob, make([]byte, 16)...)},
		}}.bytes()
	}
	f.Add(compact(elf.ELFCLASS64, binary.LittleEndian, 0x401000, inlineBlob("go1.21.0", mod)))
	f.Add(compact(elf.ELFCLASS64, binary.BigEndian, 0x401000, inlineBlob("go1.21.0 X:boringcrypto", mod)))
	f.Add(compact(elf.ELFCLASS32, binary.LittleEndian, 0x401000, inlineBlob("go1.22.1", "")))
	f.Add(compact(elf.ELFCLASS32, binary.BigEndian, 0x401000, inlineBlob("go1.22.1", framed("dep\tbad\n"))))
	f.Add(compact(elf.ELFCLASS64, binary.LittleEndian, 0x401008, append(make([]byte, 8), inlineBlob("go1.21.0", mod)...)))
	f.Add(synthOldGo("go1.16.15", framed("path\texample.com/old\nmod\texample.com/old\tv1.0.0\t\n")))
	f.Add([]byte("#!/bin/sh\necho hi\n"))
	f.Add([]byte(elf.ELFMAG))

	f.Fuzz(func(t *testing.T, data []byte) {
		ctx := context.Background()
		catalogWith := func(chunk int) (catalog.Result, error) {
			file := catalog.NewFile(catalog.Entry{Path: "/bin/fuzz", Mode: 0o755, Size: int64(len(data))}, bytes.NewReader(data), "")
			defer file.Close()
			return (&Cataloger{chunk: chunk}).Catalog(ctx, file)
		}
		res, err := catalogWith(defaultChunk)
		small, smallErr := catalogWith(17)
		if (err == nil) != (smallErr == nil) || !slices.Equal(coords(res.Packages), coords(small.Packages)) {
			t.Fatalf("read size changes the result: %q, %v; with 17-byte reads %q, %v",
				coords(res.Packages), err, coords(small.Packages), smallErr)
		}
		if len(res.Packages) > 0 && res.Packages[0].Name != "stdlib" {
			t.Fatalf("first package %+v, want stdlib", res.Packages[0])
		}
		for _, p := range res.Packages {
			if p.Type != "golang" || p.FoundBy != "go-binary" || len(p.Paths) != 1 || p.Paths[0] != "/bin/fuzz" {
				t.Fatalf("malformed package %+v", p)
			}
		}

		raw, rawErr := New().readRaw(ctx, bytes.NewReader(data))
		if rawErr != nil || !comparableWithDebugBuildinfo(data) {
			return
		}
		want, wantErr := buildinfo.Read(bytes.NewReader(data))
		if wantErr != nil {
			return // debug/buildinfo is stricter in places (see synthGo); no more to compare
		}
		if raw == nil {
			t.Fatalf("debug/buildinfo reads %q, the cataloger nothing", want)
		}
		got, err := debug.ParseBuildInfo(raw.modInfo)
		if err != nil {
			t.Fatalf("debug/buildinfo parses module info the cataloger cannot: %v", err)
		}
		got.GoVersion = raw.goVersion
		if got.String() != want.String() {
			t.Fatalf("cataloger reads\n%s\ndebug/buildinfo\n%s", got, want)
		}
	})
}

// comparableWithDebugBuildinfo tells whether debug/buildinfo searches the same bytes as the cataloger: it
// searches a .go.buildinfo section if there is one, else the first writable segment, where the cataloger
// searches every writable segment.
func comparableWithDebugBuildinfo(data []byte) bool {
	ef, err := elf.NewFile(bytes.NewReader(data))
	if err != nil || ef.Section(".go.buildinfo") != nil {
		return false
	}
	n := 0
	for _, p := range ef.Progs {
		if p.Type == elf.PT_LOAD && p.Flags&(elf.PF_X|elf.PF_W) == elf.PF_W {
			n++
		}
	}
	return n == 1
}
