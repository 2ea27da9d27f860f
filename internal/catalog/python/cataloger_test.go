package python

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/patchbay/patchbay/internal/catalog"
	"github.com/patchbay/patchbay/internal/sbom"
)

func catalogString(t *testing.T, path, content string) (catalog.Result, error) {
	t.Helper()
	f := catalog.NewFile(catalog.Entry{Path: path, Size: int64(len(content))}, strings.NewReader(content), t.TempDir())
	defer f.Close()
	return New().Catalog(context.Background(), f)
}

func TestCatalog(t *testing.T) {
	six, err := os.ReadFile(filepath.Join("testdata", "debian-python3-six-1.16.0-4.PKG-INFO"))
	if err != nil {
		t.Fatal(err)
	}
	wsgiref, err := os.ReadFile(filepath.Join("testdata", "cpython-2.7.18-wsgiref.egg-info"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		path    string
		content string
		want    sbom.Package
	}{
		{"egg-info directory", "/usr/lib/python3/dist-packages/six-1.16.0.egg-info/PKG-INFO", string(six), sbom.Package{
			Type: sbom.TypePython, Name: "six", Version: "1.16.0", Licenses: []string{"MIT"},
			Paths: []string{"/usr/lib/python3/dist-packages/six-1.16.0.egg-info/PKG-INFO"}, FoundBy: "python-package",
		}},
		{"egg-info file", "/usr/lib/python2.7/site-packages/wsgiref.egg-info", string(wsgiref), sbom.Package{
			Type: sbom.TypePython, Name: "wsgiref", Version: "0.1.2", Licenses: []string{"PSF or ZPL"},
			Paths: []string{"/usr/lib/python2.7/site-packages/wsgiref.egg-info"}, FoundBy: "python-package",
		}},
		// the name is kept as written; the directory's spelling does not matter
		{"name as written", "/venv/lib/python3.11/site-packages/charset_normalizer-3.0.1.dist-info/METADATA",
			"Metadata-Version: 2.1\nName: charset-normalizer\nVersion: 3.0.1\n", sbom.Package{
				Type: sbom.TypePython, Name: "charset-normalizer", Version: "3.0.1",
				Paths:   []string{"/venv/lib/python3.11/site-packages/charset_normalizer-3.0.1.dist-info/METADATA"},
				FoundBy: "python-package",
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := catalogString(t, tt.path, tt.content)
			if err != nil {
				t.Fatalf("Catalog: %v", err)
			}
			if want := []sbom.Package{tt.want}; !reflect.DeepEqual(res.Packages, want) {
				t.Errorf("packages = %+v, want %+v", res.Packages, want)
			}
		})
	}
}

func TestCatalogError(t *testing.T) {
	res, err := catalogString(t, "/usr/lib/python3/dist-packages/x.egg-info", "Metadata-Version: 1.0\n")
	if err == nil || !strings.Contains(err.Error(), "no Name field") {
		t.Fatalf("error = %v, want one naming the missing Name", err)
	}
	if len(res.Packages) != 0 {
		t.Errorf("packages despite the error: %+v", res.Packages)
	}
}
