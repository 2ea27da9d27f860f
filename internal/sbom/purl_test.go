package sbom

import (
	"testing"

	packageurl "github.com/package-url/packageurl-go"
)

func TestPURL(t *testing.T) {
	debian := &Distro{ID: "debian", VersionID: "12", VersionCodename: "bookworm"}
	sid := &Distro{ID: "debian", VersionCodename: "trixie"}
	ubuntu := &Distro{ID: "ubuntu", VersionID: "22.04"}
	alpine := &Distro{ID: "alpine", VersionID: "3.20.3"}
	rhel := &Distro{ID: "rhel", VersionID: "9.4"}

	tests := []struct {
		name   string
		pkg    Package
		distro *Distro
		want   string
	}{
		// deb
		{"deb, own source", Package{Type: TypeDeb, Name: "adduser", Version: "3.134", Arch: "all"}, debian,
			"pkg:deb/debian/adduser@3.134?arch=all&distro=debian-12"},
		{"deb, source name differs", Package{Type: TypeDeb, Name: "libc6", Version: "2.36-9+deb12u7", Arch: "amd64", SourceName: "glibc"}, debian,
			"pkg:deb/debian/libc6@2.36-9%2Bdeb12u7?arch=amd64&distro=debian-12&upstream=glibc"},
		{"deb, source name and version differ", Package{Type: TypeDeb, Name: "libstdc++6", Version: "12.2.0-14", Arch: "amd64", SourceName: "gcc-12", SourceVersion: "12.2.0-14+b1"}, debian,
			"pkg:deb/debian/libstdc%2B%2B6@12.2.0-14?arch=amd64&distro=debian-12&upstream=gcc-12%4012.2.0-14%2Bb1"},
		{"deb, binNMU: same source name, other version", Package{Type: TypeDeb, Name: "bash", Version: "5.2.15-2+b7", Arch: "amd64", SourceVersion: "5.2.15-2"}, debian,
			"pkg:deb/debian/bash@5.2.15-2%2Bb7?arch=amd64&distro=debian-12&upstream=bash%405.2.15-2"},
		{"deb, source equal to the package is not an upstream", Package{Type: TypeDeb, Name: "bash", Version: "5.2.15-2", SourceName: "bash", SourceVersion: "5.2.15-2"}, debian,
			"pkg:deb/debian/bash@5.2.15-2?distro=debian-12"},
		{"deb, epoch in the version keeps its colon", Package{Type: TypeDeb, Name: "perl-base", Version: "1:5.36.0-7", Arch: "amd64", SourceName: "perl"}, debian,
			"pkg:deb/debian/perl-base@1:5.36.0-7?arch=amd64&distro=debian-12&upstream=perl"},
		{"deb on ubuntu", Package{Type: TypeDeb, Name: "zlib1g", Version: "1:1.2.11.dfsg-2ubuntu9", Arch: "amd64", SourceName: "zlib"}, ubuntu,
			"pkg:deb/ubuntu/zlib1g@1:1.2.11.dfsg-2ubuntu9?arch=amd64&distro=ubuntu-22.04&upstream=zlib"},
		{"deb on a release without VERSION_ID uses the codename", Package{Type: TypeDeb, Name: "tzdata", Version: "2024a-4"}, sid,
			"pkg:deb/debian/tzdata@2024a-4?distro=debian-trixie"},
		{"deb, missing distro", Package{Type: TypeDeb, Name: "adduser", Version: "3.134", Arch: "all"}, nil,
			"pkg:deb/debian/adduser@3.134?arch=all"},
		{"deb, no version", Package{Type: TypeDeb, Name: "adduser"}, debian,
			"pkg:deb/debian/adduser?distro=debian-12"},

		// apk
		{"apk", Package{Type: TypeApk, Name: "busybox", Version: "1.36.1-r29", Arch: "x86_64"}, alpine,
			"pkg:apk/alpine/busybox@1.36.1-r29?arch=x86_64&distro=alpine-3.20.3"},
		{"apk, origin differs", Package{Type: TypeApk, Name: "libcrypto3", Version: "3.3.2-r0", Arch: "x86_64", SourceName: "openssl"}, alpine,
			"pkg:apk/alpine/libcrypto3@3.3.2-r0?arch=x86_64&distro=alpine-3.20.3&upstream=openssl"},
		{"apk, missing distro", Package{Type: TypeApk, Name: "musl", Version: "1.2.5-r0", Arch: "x86_64"}, nil,
			"pkg:apk/alpine/musl@1.2.5-r0?arch=x86_64"},

		// rpm
		{"rpm with epoch", Package{Type: TypeRPM, Name: "openssl-libs", Version: "3.0.7-27.el9", Arch: "x86_64", Epoch: "1", SourceName: "openssl-3.0.7-27.el9.src.rpm"}, rhel,
			"pkg:rpm/rhel/openssl-libs@3.0.7-27.el9?arch=x86_64&distro=rhel-9.4&epoch=1&upstream=openssl-3.0.7-27.el9.src.rpm"},
		{"rpm, epoch 0 is left out", Package{Type: TypeRPM, Name: "bash", Version: "5.1.8-9.el9", Arch: "x86_64", Epoch: "0"}, rhel,
			"pkg:rpm/rhel/bash@5.1.8-9.el9?arch=x86_64&distro=rhel-9.4"},
		{"rpm, missing distro has no namespace", Package{Type: TypeRPM, Name: "bash", Version: "5.1.8-9.el9", Arch: "x86_64"}, nil,
			"pkg:rpm/bash@5.1.8-9.el9?arch=x86_64"},

		// language packages take no distro qualifier
		{"maven", Package{Type: TypeMaven, Name: "org.apache.commons:commons-lang3", Version: "3.14.0"}, debian,
			"pkg:maven/org.apache.commons/commons-lang3@3.14.0"},
		{"maven without group", Package{Type: TypeMaven, Name: "commons-lang3", Version: "3.14.0"}, nil,
			"pkg:maven/commons-lang3@3.14.0"},
		{"npm", Package{Type: TypeNPM, Name: "lodash", Version: "4.17.21"}, debian,
			"pkg:npm/lodash@4.17.21"},
		{"npm, scoped", Package{Type: TypeNPM, Name: "@babel/core", Version: "7.24.0"}, nil,
			"pkg:npm/%40babel/core@7.24.0"},
		{"npm, prerelease with a plus", Package{Type: TypeNPM, Name: "@types/node", Version: "20.0.0-beta+sha.1"}, nil,
			"pkg:npm/%40types/node@20.0.0-beta%2Bsha.1"},
		{"pypi normalised", Package{Type: TypePython, Name: "Typing_Extensions", Version: "4.12.2"}, debian,
			"pkg:pypi/typing-extensions@4.12.2"},
		{"pypi keeps dots", Package{Type: TypePython, Name: "zope.interface", Version: "6.4"}, nil,
			"pkg:pypi/zope.interface@6.4"},
		{"golang module", Package{Type: TypeGo, Name: "github.com/spf13/cobra", Version: "v1.8.0"}, debian,
			"pkg:golang/github.com/spf13/cobra@v1.8.0"},
		{"golang module keeps case and major suffix", Package{Type: TypeGo, Name: "github.com/Masterminds/semver/v3", Version: "v3.2.1"}, nil,
			"pkg:golang/github.com/Masterminds/semver/v3@v3.2.1"},
		{"golang main module without version", Package{Type: TypeGo, Name: "example.com/app"}, nil,
			"pkg:golang/example.com/app"},
		{"golang stdlib", Package{Type: TypeGo, Name: "stdlib", Version: "go1.22.5"}, nil,
			"pkg:golang/stdlib@1.22.5"},
		{"golang stdlib with an experiment", Package{Type: TypeGo, Name: "stdlib", Version: "go1.22.5 X:boringcrypto"}, nil,
			"pkg:golang/stdlib@1.22.5"},
		{"golang stdlib already bare", Package{Type: TypeGo, Name: "stdlib", Version: "v1.21.0"}, nil,
			"pkg:golang/stdlib@1.21.0"},

		// degenerate input
		{"no name", Package{Type: TypeDeb, Version: "1"}, debian, ""},
		{"no type", Package{Name: "x", Version: "1"}, debian, ""},
		{"unknown type", Package{Type: "gem", Name: "rails", Version: "7.1.3"}, nil, "pkg:gem/rails@7.1.3"},
		{"type that cannot be a purl type", Package{Type: "my gem", Name: "rails", Version: "7.1.3"}, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := PURL(tt.pkg, tt.distro)
			if got != tt.want {
				t.Fatalf("PURL() = %q\n                 want %q", got, tt.want)
			}
			if got == "" {
				return
			}
			// Every purl we write must parse back to the same name and version.
			parsed, err := packageurl.FromString(got)
			if err != nil {
				t.Fatalf("FromString(%q): %v", got, err)
			}
			if parsed.Version != purlVersionOf(tt.pkg) {
				t.Errorf("parsed version = %q, want %q", parsed.Version, purlVersionOf(tt.pkg))
			}
		})
	}
}

// purlVersionOf is the version a package's purl should carry: the package's own, but the bare toolchain
// version for the Go standard library.
func purlVersionOf(p Package) string {
	if p.Type == TypeGo && p.Name == goStdlib {
		return goToolchainVersion(p.Version)
	}
	return p.Version
}

func TestFillPURLs(t *testing.T) {
	s := &SBOM{
		Distro: &Distro{ID: "alpine", VersionID: "3.20.3"},
		Packages: []Package{
			{Type: TypeApk, Name: "musl", Version: "1.2.5-r0", Arch: "x86_64"},
			{Type: TypeNPM, Name: "@scope/pkg", Version: "1.0.0", PURL: "pkg:npm/stale@0"},
		},
	}
	FillPURLs(s)
	want := []string{
		"pkg:apk/alpine/musl@1.2.5-r0?arch=x86_64&distro=alpine-3.20.3",
		"pkg:npm/%40scope/pkg@1.0.0",
	}
	for i, p := range s.Packages {
		if p.PURL != want[i] {
			t.Errorf("package %d: PURL = %q, want %q", i, p.PURL, want[i])
		}
	}
}
