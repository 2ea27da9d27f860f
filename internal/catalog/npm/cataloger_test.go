package npm

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/patchbay/patchbay/internal/catalog"
	"github.com/patchbay/patchbay/internal/sbom"
)

func catalogBytes(t *testing.T, path string, content []byte) (catalog.Result, error) {
	t.Helper()
	f := catalog.NewFile(catalog.Entry{Path: path, Size: int64(len(content))}, bytes.NewReader(content), t.TempDir())
	defer f.Close()
	return New().Catalog(context.Background(), f)
}

func TestCatalog(t *testing.T) {
	lodash, err := os.ReadFile(filepath.Join("testdata", "lodash-4.17.15.json"))
	if err != nil {
		t.Fatal(err)
	}
	project, err := os.ReadFile(filepath.Join("testdata", "vets-frontend-project.json"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		path    string
		content []byte
		want    []sbom.Package
	}{
		{"installed module", "/app/node_modules/lodash/package.json", lodash, []sbom.Package{{
			Type: sbom.TypeNPM, Name: "lodash", Version: "4.17.15", Licenses: []string{"MIT"},
			Paths: []string{"/app/node_modules/lodash/package.json"}, FoundBy: FoundByPackage,
		}}},
		{"Debian global module", "/usr/share/nodejs/lodash/package.json", lodash, []sbom.Package{{
			Type: sbom.TypeNPM, Name: "lodash", Version: "4.17.15", Licenses: []string{"MIT"},
			Paths: []string{"/usr/share/nodejs/lodash/package.json"}, FoundBy: FoundByPackage,
		}}},
		{"project candidate is marked", "/app/package.json", project, []sbom.Package{{
			Type: sbom.TypeNPM, Name: "vets-frontend", Version: "1.0.0",
			Paths: []string{"/app/package.json"}, FoundBy: FoundByProject,
		}}},
		{"no version: not a package", "/app/package.json", []byte(`{"name":"app","private":true}`), nil},
		{"no name: not a package", "/app/node_modules/x/package.json", []byte(`{"version":"1.0.0"}`), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := catalogBytes(t, tt.path, tt.content)
			if err != nil {
				t.Fatalf("Catalog: %v", err)
			}
			if !reflect.DeepEqual(res.Packages, tt.want) {
				t.Errorf("packages = %+v, want %+v", res.Packages, tt.want)
			}
			if res.Distro != nil || res.Owned != nil {
				t.Errorf("unexpected distro or owned paths: %+v", res)
			}
		})
	}
}

func TestCatalogErrors(t *testing.T) {
	huge := append([]byte(`{"name":"a","version":"1","readme":"`), bytes.Repeat([]byte("x"), maxManifestSize)...)
	huge = append(huge, `"}`...)
	tests := []struct {
		name    string
		content []byte
		check   func(error) bool
	}{
		{"malformed JSON", []byte(`{"name": "a", "version": `), func(err error) bool {
			return strings.Contains(err.Error(), "not valid JSON")
		}},
		{"over the size limit", huge, func(err error) bool { return errors.Is(err, catalog.ErrTooLarge) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := catalogBytes(t, "/app/node_modules/a/package.json", tt.content)
			if err == nil || !tt.check(err) {
				t.Fatalf("error = %v, not the one expected", err)
			}
			if len(res.Packages) != 0 {
				t.Errorf("packages despite the error: %+v", res.Packages)
			}
		})
	}
}
