package apk

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"github.com/patchbay/patchbay/internal/catalog"
)

func run(t testing.TB, c *Cataloger, data []byte) (catalog.Result, error) {
	f := catalog.NewFile(catalog.Entry{Path: dbPath, Mode: 0o644, Size: int64(len(data))}, bytes.NewReader(data), "")
	defer f.Close()
	return c.Catalog(context.Background(), f)
}

func TestInstalled(t *testing.T) {
	data, err := os.ReadFile("testdata/installed")
	if err != nil {
		t.Fatal(err)
	}
	res, err := run(t, New(func(p string) bool { return strings.HasPrefix(p, "/bin/") }), data)
	if err != nil {
		t.Fatal(err)
	}
	// the fixture has one stanza per "P:" line; count them independently of the parser
	want := bytes.Count(data, []byte("\nP:"))
	if bytes.HasPrefix(data, []byte("P:")) {
		want++
	}
	if len(res.Packages) != want {
		t.Errorf("%d packages, want %d", len(res.Packages), want)
	}
	byName := map[string]int{}
	for i, p := range res.Packages {
		byName[p.Name] = i
	}
	// musl-utils comes from the musl origin; values read off testdata/installed
	p := res.Packages[byName["musl-utils"]]
	if p.Version != "1.2.5-r0" || p.Arch != "x86_64" || p.SourceName != "musl" || len(p.Licenses) != 1 {
		t.Errorf("musl-utils: %+v", p)
	}
	if res.Owned["/bin/busybox"] != "apk:busybox" {
		t.Errorf("/bin/busybox owned by %q", res.Owned["/bin/busybox"])
	}
}

func TestBadDB(t *testing.T) {
	for name, data := range map[string]string{
		"not a field": "P:x\nV:1\nnonsense\n",
		"no version":  "P:x\n\n",
		"short line":  "P:x\nV\n",
	} {
		if _, err := run(t, New(nil), []byte(data)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func FuzzInstalled(f *testing.F) {
	if data, err := os.ReadFile("testdata/installed"); err == nil {
		f.Add(data)
	}
	f.Add([]byte("P:a\nV:1\nF:usr/bin\nR:x\n\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := run(t, New(func(string) bool { return true }), data)
		if err == nil {
			for _, p := range res.Packages {
				if p.Name == "" || p.Version == "" {
					t.Fatalf("package without name or version: %+v", p)
				}
			}
		}
	})
}
