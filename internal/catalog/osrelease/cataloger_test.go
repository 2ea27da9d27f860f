package osrelease

import (
	"bytes"
	"context"
	"os"
	"testing"

	"github.com/patchbay/patchbay/internal/catalog"
	"github.com/patchbay/patchbay/internal/sbom"
)

func run(t testing.TB, path string, data []byte) (catalog.Result, error) {
	f := catalog.NewFile(catalog.Entry{Path: path, Mode: 0o644, Size: int64(len(data))}, bytes.NewReader(data), "")
	defer f.Close()
	return New().Catalog(context.Background(), f)
}

func TestFiles(t *testing.T) {
	tests := []struct {
		fixture, path string
		want          sbom.Distro
	}{
		{"debian-os-release", "/usr/lib/os-release", sbom.Distro{ID: "debian", VersionID: "12", VersionCodename: "bookworm", PrettyName: "Debian GNU/Linux 12 (bookworm)"}},
		{"alpine-os-release", "/etc/os-release", sbom.Distro{ID: "alpine", VersionID: "3.20.3", PrettyName: "Alpine Linux v3.20"}},
		{"alpine-release", "/etc/alpine-release", sbom.Distro{ID: "alpine", VersionID: "3.20.3"}},
		{"debian_version", "/etc/debian_version", sbom.Distro{ID: "debian", VersionID: "12"}},
	}
	for _, tc := range tests {
		data, err := os.ReadFile("testdata/" + tc.fixture)
		if err != nil {
			t.Fatal(err)
		}
		if !New().Wants(catalog.Entry{Path: tc.path}) {
			t.Errorf("%s not wanted", tc.path)
		}
		res, err := run(t, tc.path, data)
		if err != nil {
			t.Fatalf("%s: %v", tc.fixture, err)
		}
		if res.Distro == nil || res.Distro.ID != tc.want.ID || res.Distro.VersionID != tc.want.VersionID ||
			res.Distro.VersionCodename != tc.want.VersionCodename || res.Distro.PrettyName != tc.want.PrettyName {
			t.Errorf("%s: got %+v, want %+v", tc.fixture, res.Distro, tc.want)
		}
	}
}

func TestOddInput(t *testing.T) {
	res, err := run(t, "/etc/os-release", []byte("# comment\nID='rhel'\nID_LIKE=\"fedora centos\"\nVERSION_ID=\"9.4\"\n"))
	if err != nil || res.Distro.ID != "rhel" || res.Distro.VersionID != "9.4" || len(res.Distro.IDLike) != 2 {
		t.Errorf("quoted values: %+v, %v", res.Distro, err)
	}
	if _, err := run(t, "/etc/os-release", []byte("NAME=nothing\n")); err == nil {
		t.Error("os-release without ID accepted")
	}
	if _, err := run(t, "/etc/debian_version", []byte("trixie/sid\n")); err == nil {
		t.Error("a testing debian_version taken for a release")
	}
	if _, err := run(t, "/etc/os-release", bytes.Repeat([]byte("A"), maxSize+1)); err == nil {
		t.Error("an oversized os-release accepted")
	}
}

func FuzzOSRelease(f *testing.F) {
	for _, fx := range []string{"debian-os-release", "alpine-os-release"} {
		if data, err := os.ReadFile("testdata/" + fx); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, p := range Paths {
			if res, err := run(t, p, data); err == nil && res.Distro.ID == "" {
				t.Fatalf("%s: a distro without ID", p)
			}
		}
	})
}
