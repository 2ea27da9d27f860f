package catalog

import (
	"archive/tar"
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/patchbay/patchbay/internal/sbom"
)

// recorder is a test cataloger: it wants files by suffix and reports one package per file, named by its content.
type recorder struct {
	suffix string
	read   []string
	panics bool
}

func (r *recorder) Name() string       { return "recorder" }
func (r *recorder) Version() int       { return 1 }
func (r *recorder) Wants(e Entry) bool { return strings.HasSuffix(e.Path, r.suffix) }
func (r *recorder) Catalog(ctx context.Context, f *File) (Result, error) {
	if r.panics {
		panic("hostile input")
	}
	b, err := f.ReadAll(1 << 20)
	if err != nil {
		return Result{}, err
	}
	r.read = append(r.read, f.Path)
	return Result{Packages: []sbom.Package{{Type: "test", Name: string(b), Version: "1"}}}, nil
}

type entry struct {
	name, body, link string
	typ              byte
	mode             int64
}

func tarOf(t testing.TB, entries ...entry) []byte {
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, e := range entries {
		typ := e.typ
		if typ == 0 {
			typ = tar.TypeReg
		}
		mode := e.mode
		if mode == 0 {
			mode = 0o644
		}
		h := &tar.Header{Name: e.name, Typeflag: typ, Mode: mode, Size: int64(len(e.body)), Linkname: e.link}
		if typ != tar.TypeReg {
			h.Size = 0
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if typ == tar.TypeReg {
			tw.Write([]byte(e.body))
		}
	}
	tw.Close()
	return buf.Bytes()
}

func TestWalkRecordsAndCatalogs(t *testing.T) {
	data := tarOf(t,
		entry{name: "./", typ: tar.TypeDir},
		entry{name: "./app/", typ: tar.TypeDir},
		entry{name: "./app/a.meta", body: "alpha"},
		entry{name: "app/b.txt", body: "ignored"},
		entry{name: "app/c.meta", typ: tar.TypeLink, link: "./app/a.meta"},
		entry{name: "app/d.meta", typ: tar.TypeSymlink, link: "a.meta"},
		entry{name: "app/.wh.old", typ: tar.TypeReg},
		entry{name: "etc/.wh..wh..opq", typ: tar.TypeReg},
		entry{name: "dev/null", typ: tar.TypeChar},
	)
	rec := &recorder{suffix: ".meta"}
	res, err := Walk(context.Background(), bytes.NewReader(data), []Cataloger{rec}, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]FileKind{}
	for _, f := range res.Files {
		kinds[f.Path] = f.Kind
	}
	want := map[string]FileKind{"/": KindDir, "/app": KindDir, "/app/a.meta": KindFile, "/app/b.txt": KindFile,
		"/app/c.meta": KindHardlink, "/app/d.meta": KindSymlink, "/app/old": KindWhiteout, "/etc": KindOpaque, "/dev/null": KindOther}
	for p, k := range want {
		if kinds[p] != k {
			t.Errorf("%s: kind %d, want %d", p, kinds[p], k)
		}
	}
	if len(rec.read) != 1 || rec.read[0] != "/app/a.meta" {
		t.Errorf("cataloger read %v, want only /app/a.meta (links are never read)", rec.read)
	}
	// the hard link is the same file: its package is reported at both paths
	var paths []string
	for _, p := range res.Packages {
		paths = append(paths, p.Paths[0])
		if p.FoundBy != "recorder" {
			t.Errorf("FoundBy %q", p.FoundBy)
		}
	}
	if strings.Join(paths, ",") != "/app/a.meta,/app/c.meta" {
		t.Errorf("packages at %v", paths)
	}
}

func TestWalkPathTraversal(t *testing.T) {
	data := tarOf(t, entry{name: "../../etc/evil.meta", body: "x"}, entry{name: "/abs/ok.meta", body: "y"})
	res, err := Walk(context.Background(), bytes.NewReader(data), []Cataloger{&recorder{suffix: ".meta"}}, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if res.Files[0].Path != "/etc/evil.meta" || res.Files[1].Path != "/abs/ok.meta" {
		t.Errorf("paths %q %q", res.Files[0].Path, res.Files[1].Path)
	}
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "../../etc/evil.meta") {
		t.Errorf("warnings %q: want one naming the escaping entry", res.Warnings)
	}
}

func TestWalkTruncated(t *testing.T) {
	data := tarOf(t, entry{name: "a.meta", body: "alpha"}, entry{name: "big.meta", body: strings.Repeat("x", 10000)})
	// cuts inside a header and inside a body; a cut at a block boundary looks like a clean end to any tar reader,
	// which is why the analyser also checks every layer's digest
	for _, cut := range []int{100, 1100, len(data) / 2} {
		_, err := Walk(context.Background(), bytes.NewReader(data[:cut]), []Cataloger{&recorder{suffix: ".meta"}}, DefaultLimits)
		if err == nil {
			t.Fatalf("cut at %d: no error", cut)
		}
		if !strings.Contains(err.Error(), ".meta") && !strings.Contains(err.Error(), "(start of layer)") {
			t.Errorf("cut at %d: %v does not say where", cut, err)
		}
	}
}

func TestWalkCatalogerPanicIsAWarning(t *testing.T) {
	data := tarOf(t, entry{name: "a.meta", body: "alpha"}, entry{name: "b.txt", body: "b"})
	res, err := Walk(context.Background(), bytes.NewReader(data), []Cataloger{&recorder{suffix: ".meta", panics: true}}, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "/a.meta") || len(res.Files) != 2 {
		t.Errorf("warnings %q, files %d", res.Warnings, len(res.Files))
	}
}

func TestWalkLimits(t *testing.T) {
	data := tarOf(t, entry{name: "a.meta", body: "alpha"}, entry{name: "b.meta", body: "beta"}, entry{name: "c", body: "c"})
	_, err := Walk(context.Background(), bytes.NewReader(data), nil, Limits{MaxEntries: 2, MaxFile: 10})
	if err == nil || !strings.Contains(err.Error(), "more than 2 entries") {
		t.Errorf("entry limit: %v", err)
	}
	res, err := Walk(context.Background(), bytes.NewReader(data), []Cataloger{&recorder{suffix: ".meta"}}, Limits{MaxEntries: 10, MaxFile: 4})
	// a.meta (5 bytes) is over the 4-byte limit, b.meta (4 bytes) is not
	if err != nil || len(res.Packages) != 1 || len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "/a.meta") {
		t.Errorf("file limit: %v, %d packages, warnings %q", err, len(res.Packages), res.Warnings)
	}
}

func TestWalkCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Walk(ctx, bytes.NewReader(tarOf(t, entry{name: "a", body: "a"})), nil, DefaultLimits)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want context.Canceled", err)
	}
}

// TestWalkHugeLayer streams a layer of 100,000 files and one of 2 GiB through the walk: both finish, memory
// stays bounded (the big file is never held), and nothing is written anywhere.
func TestWalkHugeLayer(t *testing.T) {
	if testing.Short() {
		t.Skip("streams 2 GiB; skipped with -short")
	}
	pr, pw := io.Pipe()
	go func() {
		tw := tar.NewWriter(pw)
		for i := 0; i < 100_000; i++ {
			tw.WriteHeader(&tar.Header{Name: "many/f" + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + "/" + itoa(i), Typeflag: tar.TypeReg, Mode: 0o644, Size: 1})
			tw.Write([]byte{'1'})
		}
		const big = 2 << 30
		tw.WriteHeader(&tar.Header{Name: "usr/bin/huge.meta", Typeflag: tar.TypeReg, Mode: 0o755, Size: big})
		zero := make([]byte, 1<<20)
		for n := 0; n < big; n += len(zero) {
			tw.Write(zero)
		}
		pw.CloseWithError(tw.Close())
	}()
	rec := &recorder{suffix: ".meta"}
	res, err := Walk(context.Background(), pr, []Cataloger{rec}, Limits{MaxEntries: 200_000, MaxFile: 1 << 30})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Files) != 100_001 {
		t.Errorf("%d files recorded", len(res.Files))
	}
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "/usr/bin/huge.meta") {
		t.Errorf("warnings %q: want the 2 GiB file refused by name", res.Warnings)
	}
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}

// FuzzWalk feeds arbitrary bytes as a layer: no panic, and an error or a consistent result.
func FuzzWalk(f *testing.F) {
	f.Add(tarOf(f, entry{name: "a.meta", body: "alpha"}, entry{name: "x/.wh.y"}, entry{name: "l", typ: tar.TypeLink, link: "a.meta"}))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := Walk(context.Background(), bytes.NewReader(data), []Cataloger{&recorder{suffix: ".meta"}}, Limits{MaxEntries: 1000, MaxFile: 1 << 20})
		if err != nil {
			return
		}
		for _, fr := range res.Files {
			if !strings.HasPrefix(fr.Path, "/") || strings.Contains(fr.Path, "/../") {
				t.Fatalf("unclean path %q", fr.Path)
			}
		}
	})
}

// TestWalkSeveralCatalogersShareOneFile: when two catalogers want the same file each reads all of it, from one
// copy of the stream.
func TestWalkSeveralCatalogersShareOneFile(t *testing.T) {
	data := tarOf(t, entry{name: "a.meta", body: "alpha"})
	one, two := &recorder{suffix: ".meta"}, &recorder{suffix: "a.meta"}
	res, err := Walk(context.Background(), bytes.NewReader(data), []Cataloger{one, two}, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if len(one.read) != 1 || len(two.read) != 1 || len(res.Packages) != 2 || res.Packages[0].Name != "alpha" || res.Packages[1].Name != "alpha" {
		t.Errorf("read %v %v, packages %+v", one.read, two.read, res.Packages)
	}
}
