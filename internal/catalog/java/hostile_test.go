package java

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/patchbay/patchbay/internal/catalog"
)

// chain is an archive nesting depth archives: /deep.jar holds lib/level-1.jar, which holds lib/level-2.jar...
// Each level has its own pom.properties, org.example:level-N 1.0.
func chain(t testing.TB, depth int) []byte {
	t.Helper()
	level := buildZip(t, pomEntry("org.example", fmt.Sprintf("level-%d", depth), "1.0"))
	for k := depth - 1; k >= 0; k-- {
		level = buildZip(t, pomEntry("org.example", fmt.Sprintf("level-%d", k), "1.0"),
			deflated(fmt.Sprintf("lib/level-%d.jar", k+1), level))
	}
	return level
}

// chainPackages are the packages of chain's levels 0 to last, in /deep.jar.
func chainPackages(last int) []found {
	var want []found
	evidence := "/deep.jar"
	for k := 0; k <= last; k++ {
		if k > 0 {
			evidence += fmt.Sprintf("!/lib/level-%d.jar", k)
		}
		want = append(want, found{name: fmt.Sprintf("org.example:level-%d", k), version: "1.0", path: evidence})
	}
	return want
}

// zip64Declaring rewrites a zip's end records so that a zip64 record announces n entries.
func zip64Declaring(t testing.TB, z []byte, n uint64) []byte {
	t.Helper()
	end := z[len(z)-eocdLen:]
	if string(end[:4]) != eocdSignature {
		t.Fatal("zip has a comment")
	}
	dirSize, dirOffset := binary.LittleEndian.Uint32(end[12:]), binary.LittleEndian.Uint32(end[16:])
	out := slices.Clone(z[:len(z)-eocdLen])
	end64Offset := uint64(len(out))
	out = append(out, eocd64Signature...)
	out = binary.LittleEndian.AppendUint64(out, eocd64Len-12)
	out = binary.LittleEndian.AppendUint16(out, 45)
	out = binary.LittleEndian.AppendUint16(out, 45)
	out = binary.LittleEndian.AppendUint32(out, 0)
	out = binary.LittleEndian.AppendUint32(out, 0)
	out = binary.LittleEndian.AppendUint64(out, n)
	out = binary.LittleEndian.AppendUint64(out, n)
	out = binary.LittleEndian.AppendUint64(out, uint64(dirSize))
	out = binary.LittleEndian.AppendUint64(out, uint64(dirOffset))
	out = append(out, eocd64LocSig...)
	out = binary.LittleEndian.AppendUint32(out, 0)
	out = binary.LittleEndian.AppendUint64(out, end64Offset)
	out = binary.LittleEndian.AppendUint32(out, 1)
	out = append(out, eocdSignature...)
	out = append(out, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 0)
	return out
}

func TestCatalogHostileArchives(t *testing.T) {
	nop := fixture(t, "slf4j-nop.jar")
	nopPkg := func(evidence string) found {
		return found{name: "org.slf4j:slf4j-nop", version: "1.7.32", path: evidence}
	}
	outerPom := pomEntry("com.example", "app", "1.0")
	outerPkg := found{name: "com.example:app", version: "1.0", path: "/app.jar"}
	nestedNop := buildZip(t, pomEntry("com.example", "inner", "2.0"), deflated("lib/slf4j-nop.jar", nop))
	manyEntries := make([]zipEntry, 100)
	for i := range manyEntries {
		manyEntries[i] = deflated(fmt.Sprintf("org/example/C%03d.class", i), nil)
	}
	nopDeflated := deflate(t, nop)

	tests := []struct {
		name    string
		path    string        // of the file in the image; "/app.jar" when empty
		lim     func(*limits) // nil for the defaults
		content func(t *testing.T) []byte
		want    []found
		fails   bool     // the file itself is refused: no packages
		errIs   []error  // the error wraps these
		errText []string // and names these paths
	}{
		{name: "not a zip", content: func(t *testing.T) []byte { return []byte("hello, world") },
			fails: true, errIs: []error{zip.ErrFormat}},
		{name: "truncated", content: func(t *testing.T) []byte { return nop[:len(nop)/2] },
			fails: true, errIs: []error{zip.ErrFormat}},
		{name: "corrupt nested jar", content: func(t *testing.T) []byte {
			return buildZip(t, outerPom, stored("BOOT-INF/lib/broken.jar", []byte("PK\x03\x04 not really a zip")),
				stored("BOOT-INF/lib/slf4j-nop.jar", nop))
		}, want: []found{outerPkg, nopPkg("/app.jar!/BOOT-INF/lib/slf4j-nop.jar")},
			errIs: []error{zip.ErrFormat}, errText: []string{"BOOT-INF/lib/broken.jar: open zip"}},
		{name: "entry name with a line break", content: func(t *testing.T) []byte {
			return buildZip(t, outerPom, stored("lib/a\nb.jar", []byte("junk")))
		}, want: []found{outerPkg}, errIs: []error{zip.ErrFormat}, errText: []string{`"lib/a\nb.jar": open zip`}},
		{name: "zip bomb refused by its declared size", content: func(t *testing.T) []byte {
			return buildZip(t, outerPom, deflated("lib/bomb.jar", make([]byte, 100<<20)), deflated("lib/slf4j-nop.jar", nop))
		}, want: []found{outerPkg, nopPkg("/app.jar!/lib/slf4j-nop.jar")},
			errIs: []error{catalog.ErrTooLarge}, errText: []string{"lib/bomb.jar: "}},
		{name: "header understates the size", content: func(t *testing.T) []byte {
			return buildRawZip(t, rawEntry{zip.FileHeader{Name: "lib/liar.jar", Method: zip.Deflate,
				CompressedSize64: uint64(len(nopDeflated)), UncompressedSize64: 1000, CRC32: crc(nop)}, nopDeflated})
		}, errIs: []error{zip.ErrFormat}, errText: []string{"lib/liar.jar: decompress"}},
		{name: "header overstates the size", content: func(t *testing.T) []byte {
			return buildRawZip(t, rawEntry{zip.FileHeader{Name: "lib/liar.jar", Method: zip.Deflate,
				CompressedSize64: uint64(len(nopDeflated)), UncompressedSize64: uint64(len(nop)) + 1, CRC32: crc(nop)},
				nopDeflated})
		}, errIs: []error{io.ErrUnexpectedEOF}, errText: []string{"lib/liar.jar: decompress"}},
		{name: "wrong checksum", content: func(t *testing.T) []byte {
			return buildRawZip(t, rawEntry{zip.FileHeader{Name: "lib/x.jar", Method: zip.Deflate,
				CompressedSize64: uint64(len(nopDeflated)), UncompressedSize64: uint64(len(nop)), CRC32: crc(nop) + 1},
				nopDeflated})
		}, errIs: []error{zip.ErrChecksum}, errText: []string{"lib/x.jar: decompress"}},
		{name: "stored entry past the end", content: func(t *testing.T) []byte {
			return buildRawZip(t, rawEntry{zip.FileHeader{Name: "lib/x.jar", Method: zip.Store,
				CompressedSize64: 1 << 30, UncompressedSize64: 1 << 30}, nop})
		}, errText: []string{"lib/x.jar: stored data (1073741824 bytes at offset"}},
		{name: "20-deep nesting stops at the depth limit", path: "/deep.jar", content: func(t *testing.T) []byte { return chain(t, 20) },
			want: chainPackages(defaultLimits.maxDepth), errIs: []error{errTooDeep},
			errText: []string{strings.TrimPrefix(chainPackages(9)[9].path, "/deep.jar!/") + ": "}},
		{name: "too many nested archives", lim: func(l *limits) { l.maxArchives = 2 }, content: func(t *testing.T) []byte {
			return buildZip(t, stored("a/slf4j-nop.jar", nop), stored("b/slf4j-nop.jar", nop), stored("c/slf4j-nop.jar", nop))
		}, want: []found{nopPkg("/app.jar!/a/slf4j-nop.jar"), nopPkg("/app.jar!/b/slf4j-nop.jar")},
			errIs: []error{errTooManyArchives}, errText: []string{"c/slf4j-nop.jar: "}},
		{name: "too many entries", lim: func(l *limits) { l.maxEntries = 10 }, content: func(t *testing.T) []byte {
			return buildZip(t, manyEntries...)
		}, fails: true, errText: []string{"100 entries, more than the limit of 10"}},
		{name: "zip64 record declaring 2^40 entries", content: func(t *testing.T) []byte {
			return zip64Declaring(t, buildZip(t, outerPom), 1<<40)
		}, fails: true, errText: []string{"declares 1099511627776 entries"}},
		{name: "central directory too large", lim: func(l *limits) { l.maxCentralDirectory = 4096 },
			content: func(t *testing.T) []byte { return buildZip(t, manyEntries...) },
			fails:   true, errIs: []error{errCentralDirectoryTooLarge}},
		{name: "memory held along the chain", content: func(t *testing.T) []byte {
			return buildZip(t, outerPom, deflated("lib/inner.jar", nestedNop))
		}, lim: func(l *limits) { l.maxHeldInMemory = int64(len(nestedNop)) + 100 },
			want:  []found{outerPkg, {name: "com.example:inner", version: "2.0", path: "/app.jar!/lib/inner.jar"}},
			errIs: []error{errHeldInMemory}, errText: []string{"lib/inner.jar!/lib/slf4j-nop.jar: "}},
		{name: "bad pom.properties", content: func(t *testing.T) []byte {
			return buildZip(t, outerPom, deflated("META-INF/maven/g/noversion/pom.properties", []byte("groupId=g\n")),
				deflated("META-INF/maven/g/big/pom.properties", make([]byte, 100<<10)))
		}, want: []found{outerPkg}, errIs: []error{errNoVersion},
			errText: []string{"META-INF/maven/g/big/pom.properties: declared size 102400 exceeds the limit"}},
		{name: "problems are capped", lim: func(l *limits) { l.maxProblems = 3 }, content: func(t *testing.T) []byte {
			var entries []zipEntry
			for i := range 10 {
				entries = append(entries, stored(fmt.Sprintf("lib/broken-%d.jar", i), []byte("junk")))
			}
			return buildZip(t, entries...)
		}, errText: []string{"lib/broken-2.jar: ", "and 7 more problems"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := New()
			if tt.lim != nil {
				c = withLimits(tt.lim)
			}
			p := tt.path
			if p == "" {
				p = "/app.jar"
			}
			res, err := runCatalog(t, c, p, tt.content(t))
			if err == nil {
				t.Fatalf("no error; packages %v", summarize(res.Packages))
			}
			if tt.fails && len(res.Packages) > 0 {
				t.Errorf("refused file gave packages %v", summarize(res.Packages))
			}
			checkPackages(t, res.Packages, tt.want)
			for _, target := range tt.errIs {
				if !errors.Is(err, target) {
					t.Errorf("error %q does not wrap %q", err, target)
				}
			}
			for _, text := range tt.errText {
				if !strings.Contains(err.Error(), text) {
					t.Errorf("error %q does not name %q", err, text)
				}
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error %q spans several lines", err)
			}
		})
	}
}

// TestCatalogReadBudget checks the zip bomb guard on the total read: the walk stops when the budget is spent, and
// what it found before is kept.
func TestCatalogReadBudget(t *testing.T) {
	nop := fixture(t, "slf4j-nop.jar")
	var entries []zipEntry
	var all []found
	for i := range 20 {
		name := fmt.Sprintf("lib/%02d/slf4j-nop.jar", i)
		entries = append(entries, deflated(name, nop))
		all = append(all, found{name: "org.slf4j:slf4j-nop", version: "1.7.32", path: "/app.jar!/" + name})
	}
	c := withLimits(func(l *limits) { l.maxBytesRead = 20 * int64(len(nop)) })
	res, err := runCatalog(t, c, "/app.jar", buildZip(t, entries...))
	if !errors.Is(err, errBudgetExhausted) {
		t.Fatalf("error %v, want the budget exhausted", err)
	}
	n := len(res.Packages)
	if n == 0 || n == len(all) {
		t.Fatalf("%d packages of %d: the budget should stop the walk midway", n, len(all))
	}
	checkPackages(t, res.Packages, all[:n])
	if strings.Count(err.Error(), errBudgetExhausted.Error()) != 1 {
		t.Errorf("the exhausted budget is reported more than once: %v", err)
	}
}

func TestCatalogStopsWhenCancelled(t *testing.T) {
	nop := fixture(t, "slf4j-nop.jar")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res, err := runCatalogCtx(t, ctx, New(), "/app.jar", buildZip(t, pomEntry("com.example", "app", "1.0"),
		stored("lib/slf4j-nop.jar", nop)))
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
	checkPackages(t, res.Packages, []found{{name: "com.example:app", version: "1.0", path: "/app.jar"}})
}

func TestDeclaredEntries(t *testing.T) {
	small := buildZip(t, pomEntry("g", "a", "1"), deflated("x", nil), deflated("y", nil))
	withComment := func() []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		zw.SetComment(strings.Repeat("c", 2000)) // beyond the first 1 KiB block
		zw.Create("x")
		zw.Close()
		return buf.Bytes()
	}()
	tests := []struct {
		name    string
		content []byte
		want    uint64
		ok      bool
	}{
		{"plain", small, 3, true},
		{"long comment", withComment, 1, true},
		{"zip64", zip64Declaring(t, small, 1<<40), 1 << 40, true},
		{"no end record", []byte("not a zip at all"), 0, false},
		{"empty", nil, 0, false},
	}
	for _, tt := range tests {
		n, ok := declaredEntries(bytes.NewReader(tt.content), int64(len(tt.content)))
		if n != tt.want || ok != tt.ok {
			t.Errorf("%s: declaredEntries = %d, %v; want %d, %v", tt.name, n, ok, tt.want, tt.ok)
		}
	}
}
