package rpm

import (
	"context"
	"testing"

	"github.com/patchbay/patchbay/internal/sbom"
)

// The fuzz targets feed arbitrary bytes through Catalog, as a hostile image would, starting from the real
// databases of testdata/. They check that nothing panics and that whatever comes out is well formed.

func fuzzDatabase(f *testing.F, imagePath string, seeds ...string) {
	for _, s := range seeds {
		f.Add(readFixture(f, s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		res, _ := catalogBytes(t, New(), imagePath, data, int64(len(data)))
		checkWellFormed(t, res.Packages, imagePath)
	})
}

func checkWellFormed(t *testing.T, pkgs []sbom.Package, imagePath string) {
	t.Helper()
	for _, p := range pkgs {
		if p.Type != "rpm" || p.Name == "" || p.FoundBy != "rpm-db" || len(p.Paths) != 1 || p.Paths[0] != imagePath {
			t.Errorf("malformed package %+v", p)
		}
	}
}

func FuzzBDB(f *testing.F) {
	fuzzDatabase(f, "/var/lib/rpm/Packages", "bdb-le4096/Packages", "bdb-be512/Packages", "bdb-le16384/Packages")
}

func FuzzNDB(f *testing.F) {
	fuzzDatabase(f, "/usr/lib/sysimage/rpm/Packages.db", "ndb/Packages.db")
}

func FuzzSQLite(f *testing.F) {
	fuzzDatabase(f, "/var/lib/rpm/rpmdb.sqlite", "sqlite/rpmdb.sqlite")
}

// FuzzHeader goes straight at the header decoder, which every backend feeds, starting from the real headers.
func FuzzHeader(f *testing.F) {
	err := readSQLite(context.Background(), "testdata/sqlite/rpmdb.sqlite", func(blob []byte) error {
		f.Add(blob)
		return nil
	})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(buildHeader(str(tagName, "p"), str(tagVersion, "1"), strArray(tagDirnames, "/usr/bin/"),
		strArray(tagBasenames, "a"), int32Array(tagDirIndexes, 0)))
	all := func(string) bool { return true }
	f.Fuzz(func(t *testing.T, blob []byte) {
		ip, ok, err := readInstalledPackage(blob, all)
		if err != nil || !ok {
			return
		}
		if ip.pkg.Type != sbom.TypeRPM || ip.pkg.Name == "" {
			t.Errorf("malformed package %+v", ip.pkg)
		}
		for _, p := range ip.evidence {
			if p == "" || p[0] != '/' {
				t.Errorf("file path %q is not absolute", p)
			}
		}
	})
}
