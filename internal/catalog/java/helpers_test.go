package java

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"hash/crc32"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/patchbay/patchbay/internal/catalog"
	"github.com/patchbay/patchbay/internal/sbom"
)

// zipEntry is one entry of an archive a test builds.
type zipEntry struct {
	name   string
	body   []byte
	stored bool // written without compression, as Spring Boot stores BOOT-INF/lib
}

func deflated(name string, body []byte) zipEntry { return zipEntry{name: name, body: body} }
func stored(name string, body []byte) zipEntry   { return zipEntry{name: name, body: body, stored: true} }

// buildZip writes entries into a zip in memory.
func buildZip(t testing.TB, entries ...zipEntry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		method := zip.Deflate
		if e.stored {
			method = zip.Store
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: e.name, Method: method})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(e.body); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// rawEntry writes an entry whose header says what the test wants, whatever the data: headers lie.
type rawEntry struct {
	header zip.FileHeader
	data   []byte // written as is, already compressed when header.Method says so
}

func buildRawZip(t testing.TB, entries ...rawEntry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		h := e.header
		w, err := zw.CreateRaw(&h)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(e.data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// deflate compresses b as a zip entry's data.
func deflate(t testing.TB, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	fw, err := flate.NewWriter(&buf, flate.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fw.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := fw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func crc(b []byte) uint32 { return crc32.ChecksumIEEE(b) }

// pomProperties is a pom.properties as Maven writes it.
func pomProperties(group, artifact, version string) []byte {
	return []byte("#Created by Apache Maven 3.9.6\ngroupId=" + group + "\nartifactId=" + artifact + "\nversion=" +
		version + "\n")
}

// pomEntry is the pom.properties entry of an artifact, where Maven puts it.
func pomEntry(group, artifact, version string) zipEntry {
	return deflated("META-INF/maven/"+group+"/"+artifact+"/pom.properties", pomProperties(group, artifact, version))
}

// fixture reads a file of testdata/.
func fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// runCatalog hands content to the cataloger as the framework does: as the file at path p.
func runCatalog(t testing.TB, c *Cataloger, p string, content []byte) (catalog.Result, error) {
	t.Helper()
	return runCatalogCtx(t, context.Background(), c, p, content)
}

func runCatalogCtx(t testing.TB, ctx context.Context, c *Cataloger, p string, content []byte) (catalog.Result, error) {
	t.Helper()
	f := catalog.NewFile(catalog.Entry{Path: p, Mode: 0o644, Size: int64(len(content))}, bytes.NewReader(content),
		t.TempDir())
	defer f.Close()
	return c.Catalog(ctx, f)
}

// withLimits is a cataloger with limits small enough for a test to reach.
func withLimits(change func(*limits)) *Cataloger {
	lim := defaultLimits
	change(&lim)
	return &Cataloger{lim: lim}
}

// found is what a test checks of a package.
type found struct {
	name, version, path string
	licenses            string // joined with ","
}

func summarize(pkgs []sbom.Package) []found {
	var out []found
	for _, p := range pkgs {
		out = append(out, found{p.Name, p.Version, strings.Join(p.Paths, "|"), strings.Join(p.Licenses, ",")})
	}
	return out
}

// checkPackages compares packages with the expected ones, in order, and checks what every package must hold.
func checkPackages(t *testing.T, got []sbom.Package, want []found) {
	t.Helper()
	if g := summarize(got); !slices.Equal(g, want) {
		t.Errorf("packages:\n got  %v\n want %v", g, want)
	}
	for _, p := range got {
		if p.Type != sbom.TypeMaven || p.FoundBy != "java-archive" || p.PURL != "" || len(p.Paths) != 1 {
			t.Errorf("package %s: type %q, found by %q, purl %q, paths %v", p.Name, p.Type, p.FoundBy, p.PURL, p.Paths)
		}
	}
}
