package dpkg

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"github.com/patchbay/patchbay/internal/catalog"
	"github.com/patchbay/patchbay/internal/sbom"
)

func run(t testing.TB, c *Cataloger, path string, data []byte) (catalog.Result, error) {
	f := catalog.NewFile(catalog.Entry{Path: path, Mode: 0o644, Size: int64(len(data))}, bytes.NewReader(data), "")
	defer f.Close()
	return c.Catalog(context.Background(), f)
}

func TestStatus(t *testing.T) {
	data, err := os.ReadFile("testdata/status")
	if err != nil {
		t.Fatal(err)
	}
	res, err := run(t, New(nil), statusPath, data)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]sbom.Package{}
	for _, p := range res.Packages {
		got[p.Name] = p
	}
	// expected values read off testdata/status by eye; the config-files stanza must not count
	want := []sbom.Package{
		{Name: "bash", Version: "5.2.15-2+b13", Arch: "amd64", SourceName: "bash", SourceVersion: "5.2.15-2"},
		{Name: "bsdutils", Version: "1:2.38.1-5+deb12u3", Arch: "amd64", SourceName: "util-linux", SourceVersion: "2.38.1-5+deb12u3"},
		{Name: "e2fsprogs", Version: "1.47.0-2+b2", Arch: "amd64", SourceName: "e2fsprogs", SourceVersion: "1.47.0-2"},
		{Name: "base-files", Version: "12.4+deb12u15", Arch: "amd64", SourceName: "base-files", SourceVersion: "12.4+deb12u15"},
	}
	for _, w := range want {
		g, ok := got[w.Name]
		if !ok {
			t.Errorf("%s missing", w.Name)
			continue
		}
		if g.Type != sbom.TypeDeb || g.Version != w.Version || g.Arch != w.Arch || g.SourceName != w.SourceName || g.SourceVersion != w.SourceVersion {
			t.Errorf("%s: got %+v, want %+v", w.Name, g, w)
		}
	}
	if _, ok := got["removed-example"]; ok {
		t.Error("a package in config-files state was listed")
	}
	if len(res.Packages) != 6 {
		t.Errorf("%d packages, want 6", len(res.Packages))
	}
}

func TestStatusD(t *testing.T) {
	// distroless writes one stanza per file, without a Status field
	stanza := "Package: libssl3\nVersion: 3.0.15-1~deb12u1\nArchitecture: amd64\nSource: openssl\n"
	c := New(nil)
	if !c.Wants(catalog.Entry{Path: "/var/lib/dpkg/status.d/libssl3"}) || c.Wants(catalog.Entry{Path: "/var/lib/dpkg/status.d/libssl3.md5sums"}) {
		t.Fatal("Wants is wrong for status.d")
	}
	res, err := run(t, c, "/var/lib/dpkg/status.d/libssl3", []byte(stanza))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Packages) != 1 || res.Packages[0].SourceName != "openssl" || res.Packages[0].SourceVersion != "3.0.15-1~deb12u1" {
		t.Fatalf("got %+v", res.Packages)
	}
}

func TestFileList(t *testing.T) {
	data, err := os.ReadFile("testdata/bash.list")
	if err != nil {
		t.Fatal(err)
	}
	c := New(func(p string) bool { return strings.Contains(p, "/bin/") })
	if !c.Wants(catalog.Entry{Path: "/var/lib/dpkg/info/bash.list"}) {
		t.Fatal("file lists not wanted")
	}
	res, err := run(t, c, "/var/lib/dpkg/info/bash.list", data)
	if err != nil {
		t.Fatal(err)
	}
	// bash.list names /bin/bash; merged /usr puts it at /usr/bin/bash too
	for _, p := range []string{"/bin/bash", "/usr/bin/bash"} {
		if res.Owned[p] != "deb:bash" {
			t.Errorf("%s owned by %q, want deb:bash", p, res.Owned[p])
		}
	}
	if _, ok := res.Owned["/usr/share/doc/bash/copyright"]; ok {
		t.Error("kept a path the filter rejects")
	}
	if New(nil).Wants(catalog.Entry{Path: "/var/lib/dpkg/info/bash.list"}) {
		t.Error("file lists wanted without a filter")
	}
}

func TestBadStatus(t *testing.T) {
	for name, data := range map[string]string{
		"continuation first": " leading continuation\nPackage: x\n",
		"not a field":        "Package: x\nthis is not a field\n",
		"no version":         "Package: x\nStatus: install ok installed\n",
	} {
		if _, err := run(t, New(nil), statusPath, []byte(data)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func FuzzStatus(f *testing.F) {
	if data, err := os.ReadFile("testdata/status"); err == nil {
		f.Add(data)
	}
	f.Add([]byte("Package: a\nVersion: 1\nSource: b (2)\n\n\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := run(t, New(nil), statusPath, data)
		if err == nil {
			for _, p := range res.Packages {
				if p.Name == "" || p.Version == "" {
					t.Fatalf("package without name or version: %+v", p)
				}
			}
		}
	})
}

func TestCopyright(t *testing.T) {
	c := New(nil)
	for p, want := range map[string]bool{
		"/usr/share/doc/bash/copyright":       true,
		"/usr/share/doc/bash/changelog.gz":    false,
		"/usr/share/doc/copyright":            false,
		"/usr/share/doc/bash/sub/copyright":   false,
		"/usr/local/share/doc/bash/copyright": false,
	} {
		if got := c.Wants(catalog.Entry{Path: p}); got != want {
			t.Errorf("Wants(%s) = %v", p, got)
		}
	}
	data, err := os.ReadFile("testdata/bash.copyright")
	if err != nil {
		t.Fatal(err)
	}
	res, err := run(t, c, "/usr/share/doc/bash/copyright", data)
	if err != nil {
		t.Fatal(err)
	}
	// every distinct "License:" value of the file, in order: counted here with a plain line scan
	var want []string
	seen := map[string]bool{}
	for _, l := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(l, "License:"); ok && !seen[strings.TrimSpace(v)] {
			seen[strings.TrimSpace(v)] = true
			want = append(want, strings.TrimSpace(v))
		}
	}
	if len(want) == 0 || strings.Join(res.Licenses, "|") != strings.Join(want, "|") {
		t.Errorf("licences %q, want %q", res.Licenses, want)
	}
	free, err := run(t, c, "/usr/share/doc/x/copyright", []byte("This package was debianized by someone.\nIt is GPL.\n"))
	if err != nil || len(free.Licenses) != 0 {
		t.Errorf("a free-form copyright file gave %q, %v", free.Licenses, err)
	}
}
