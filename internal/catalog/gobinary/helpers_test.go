package gobinary

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/patchbay/patchbay/internal/catalog"
	"github.com/patchbay/patchbay/internal/sbom"
)

// run catalogs content as the framework would: a File around a stream, closed afterwards.
func run(tb testing.TB, c *Cataloger, path string, content io.Reader, size int64) (catalog.Result, error) {
	tb.Helper()
	f := catalog.NewFile(catalog.Entry{Path: path, Mode: 0o755, Size: size}, content, tb.TempDir())
	defer f.Close()
	return c.Catalog(context.Background(), f)
}

// runBytes catalogs b.
func runBytes(tb testing.TB, c *Cataloger, path string, b []byte) (catalog.Result, error) {
	tb.Helper()
	return run(tb, c, path, bytes.NewReader(b), int64(len(b)))
}

// runFile catalogs the file at path, streamed from disk.
func runFile(tb testing.TB, c *Cataloger, path string) (catalog.Result, error) {
	tb.Helper()
	fh, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer fh.Close()
	st, err := fh.Stat()
	if err != nil {
		tb.Fatal(err)
	}
	return run(tb, c, path, fh, st.Size())
}

// coords lists packages as sorted "name@version" strings; duplicates stay, so that a comparison catches them.
func coords(pkgs []sbom.Package) []string {
	out := make([]string, 0, len(pkgs))
	for _, p := range pkgs {
		out = append(out, p.Name+"@"+p.Version)
	}
	slices.Sort(out)
	return out
}

// checkShape checks what every package from the cataloger must look like.
func checkShape(t *testing.T, pkgs []sbom.Package, path string) {
	t.Helper()
	for _, p := range pkgs {
		if p.Type != sbom.TypeGo || p.FoundBy != "go-binary" || !slices.Equal(p.Paths, []string{path}) ||
			p.PURL != "" || p.Layer != (sbom.LayerRef{}) || p.Licenses != nil || p.Name == "" {
			t.Errorf("package %+v: want type %q, found_by go-binary, paths [%s], no PURL, layer or licenses",
				p, sbom.TypeGo, path)
		}
	}
}

// goVersionM returns what `go version -m` says is in a binary, as "name@version" strings in the cataloger's
// terms: stdlib at the toolchain version without "go" and experiments, the main module ("(devel)" as no
// version), and each dependency, or its replacement when that is a module version (a directory replacement,
// "(devel)", keeps the dependency's path with no version).
func goVersionM(t *testing.T, bin string) []string {
	t.Helper()
	out, err := exec.Command("go", "version", "-m", bin).Output()
	if err != nil {
		t.Fatalf("go version -m %s: %v", bin, err)
	}
	var want []string
	sc := bufio.NewScanner(bytes.NewReader(out))
	var lastDep []string // fields of the last dep line, until its replacement is known
	flush := func() {
		if lastDep != nil {
			want = append(want, lastDep[0]+"@"+lastDep[1])
			lastDep = nil
		}
	}
	first := true
	for sc.Scan() {
		line := sc.Text()
		if first {
			first = false
			_, v, ok := strings.Cut(line, ": go")
			if !ok {
				t.Fatalf("go version -m: unexpected first line %q", line)
			}
			v, _, _ = strings.Cut(v, " ")
			want = append(want, "stdlib@"+v)
			continue
		}
		f := strings.Split(strings.TrimPrefix(line, "\t"), "\t")
		switch f[0] {
		case "mod":
			v := f[2]
			if v == "(devel)" {
				v = ""
			}
			want = append(want, f[1]+"@"+v)
		case "dep":
			flush()
			lastDep = []string{f[1], f[2]}
		case "=>":
			if f[2] == "(devel)" {
				lastDep[1] = ""
			} else {
				lastDep = []string{f[1], f[2]}
			}
			flush()
		default:
			flush()
		}
	}
	flush()
	slices.Sort(want)
	return want
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
