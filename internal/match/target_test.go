package match

import (
	"testing"

	"github.com/patchbay/patchbay/internal/sbom"
	"github.com/patchbay/patchbay/internal/vulndb"
)

func TestTargetOf(t *testing.T) {
	debian := &sbom.Distro{ID: "debian", VersionID: "12"}
	alpine := &sbom.Distro{ID: "alpine", VersionID: "3.20.3"}
	tests := []struct {
		name string
		p    sbom.Package
		d    *sbom.Distro
		want Target
		ok   bool
	}{
		{"a binNMU deb matches as its source", sbom.Package{Type: sbom.TypeDeb, Name: "bash", Version: "5.2.15-2+b13", SourceName: "bash", SourceVersion: "5.2.15-2"}, debian,
			Target{Key: vulndb.PackageKey{Ecosystem: "Debian", Name: "bash"}, Release: "12", Version: "5.2.15-2"}, true},
		{"a deb whose source has another name", sbom.Package{Type: sbom.TypeDeb, Name: "bsdutils", Version: "1:2.38.1-5+deb12u3", SourceName: "util-linux", SourceVersion: "2.38.1-5+deb12u3"}, debian,
			Target{Key: vulndb.PackageKey{Ecosystem: "Debian", Name: "util-linux"}, Release: "12", Version: "2.38.1-5+deb12u3"}, true},
		{"a deb on an unknown distribution", sbom.Package{Type: sbom.TypeDeb, Name: "bash", Version: "5"}, nil, Target{}, false},
		{"an apk matches as its origin in Alpine:vMAJOR.MINOR", sbom.Package{Type: sbom.TypeApk, Name: "musl-utils", Version: "1.2.5-r0", SourceName: "musl"}, alpine,
			Target{Key: vulndb.PackageKey{Ecosystem: "Alpine", Name: "musl"}, Release: "v3.20", Version: "1.2.5-r0"}, true},
		{"PyPI names are normalised", sbom.Package{Type: sbom.TypePython, Name: "Charset_Normalizer", Version: "3.0.1"}, debian,
			Target{Key: vulndb.PackageKey{Ecosystem: "PyPI", Name: "charset-normalizer"}, Version: "3.0.1"}, true},
		{"a Python package Debian installed is Debian's", sbom.Package{Type: sbom.TypePython, Name: "urllib3", Version: "1.26.12", OwnedBy: "deb:python3-urllib3"}, debian, Target{}, false},
		{"a Go main module built from source", sbom.Package{Type: sbom.TypeGo, Name: "example.com/app", Version: ""}, debian, Target{}, false},
		{"scoped npm names stay whole", sbom.Package{Type: sbom.TypeNPM, Name: "@types/node", Version: "18.0.0"}, debian,
			Target{Key: vulndb.PackageKey{Ecosystem: "npm", Name: "@types/node"}, Version: "18.0.0"}, true},
		{"Maven group:artifact", sbom.Package{Type: sbom.TypeMaven, Name: "com.fasterxml.jackson.core:jackson-databind", Version: "2.9.7"}, debian,
			Target{Key: vulndb.PackageKey{Ecosystem: "Maven", Name: "com.fasterxml.jackson.core:jackson-databind"}, Version: "2.9.7"}, true},
	}
	for _, tc := range tests {
		got, ok := TargetOf(tc.p, tc.d)
		if ok != tc.ok || got != tc.want {
			t.Errorf("%s: got %+v %v, want %+v %v", tc.name, got, ok, tc.want, tc.ok)
		}
	}
}
