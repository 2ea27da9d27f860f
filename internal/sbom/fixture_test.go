package sbom

import "time"

// fixtureTime is the creation time the golden documents are encoded with.
var fixtureTime = time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)

// fixtureSBOM is a small Debian image with three layers and packages of every ecosystem that lives in one:
// debs (one with a source package and version, one whose name needs escaping), a jar found twice at different
// paths (same purl: the bom-refs must still differ), a scoped npm package, a Python package owned by a deb, a
// Go module and the Go standard library. apk and rpm purls are covered by TestPURL: in a Debian image they
// would be nonsense.
func fixtureSBOM() *SBOM {
	const (
		base = "sha256:1111111111111111111111111111111111111111111111111111111111111111"
		apt  = "sha256:2222222222222222222222222222222222222222222222222222222222222222"
		app  = "sha256:3333333333333333333333333333333333333333333333333333333333333333"
	)
	return &SBOM{
		Source: Source{
			Reference:      "corpus.local/debian-base:v1",
			Name:           "corpus.local/debian-base:v1",
			ManifestDigest: "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
			ConfigDigest:   "sha256:cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc",
			Platform:       "linux/amd64",
			Created:        "2024-04-30T08:00:00Z",
		},
		Distro: &Distro{ID: "debian", VersionID: "12", VersionCodename: "bookworm", PrettyName: "Debian GNU/Linux 12 (bookworm)"},
		Layers: []Layer{
			{Index: 0, DiffID: base, Size: 29000000, CreatedBy: "ADD rootfs.tar.xz /"},
			{Index: 1, DiffID: apt, Size: 12000000, CreatedBy: "RUN apt-get install -y python3-urllib3"},
			{Index: 2, DiffID: app, Size: 9000000, CreatedBy: "COPY app /app"},
		},
		Packages: []Package{
			{
				Type: TypeDeb, Name: "libc6", Version: "2.36-9+deb12u7", Arch: "amd64",
				SourceName: "glibc", Licenses: []string{"LGPL-2.1", "GPL-2"},
				Paths: []string{"/var/lib/dpkg/status"}, Layer: LayerRef{Index: 0, DiffID: base}, FoundBy: "dpkg",
			},
			{
				Type: TypeDeb, Name: "libstdc++6", Version: "12.2.0-14", Arch: "amd64",
				SourceName: "gcc-12", SourceVersion: "12.2.0-14+b1", Licenses: []string{"GPL-3.0-or-later WITH GCC-exception-3.1"},
				Paths: []string{"/var/lib/dpkg/status"}, Layer: LayerRef{Index: 0, DiffID: base}, FoundBy: "dpkg",
			},
			{
				Type: TypeDeb, Name: "python3-urllib3", Version: "1.26.12-1", Arch: "all",
				SourceName: "python-urllib3", Licenses: []string{"mit"},
				Paths: []string{"/var/lib/dpkg/status"}, Layer: LayerRef{Index: 1, DiffID: apt}, FoundBy: "dpkg",
			},
			{
				Type: TypePython, Name: "urllib3", Version: "1.26.12", Licenses: []string{"MIT"},
				Paths: []string{"/usr/lib/python3/dist-packages/urllib3-1.26.12.egg-info/PKG-INFO"},
				Layer: LayerRef{Index: 1, DiffID: apt}, FoundBy: "python-installed", OwnedBy: "deb:python3-urllib3",
			},
			{
				Type: TypeMaven, Name: "org.apache.commons:commons-lang3", Version: "3.14.0", Licenses: []string{"Apache-2.0"},
				Paths: []string{"/app/lib/commons-lang3-3.14.0.jar"}, Layer: LayerRef{Index: 2, DiffID: app}, FoundBy: "java-archive",
			},
			{
				Type: TypeMaven, Name: "org.apache.commons:commons-lang3", Version: "3.14.0", Licenses: []string{"Apache-2.0"},
				Paths: []string{"/app/app.jar!/BOOT-INF/lib/commons-lang3-3.14.0.jar"}, Layer: LayerRef{Index: 2, DiffID: app}, FoundBy: "java-archive",
			},
			{
				Type: TypeNPM, Name: "@babel/core", Version: "7.24.0", Licenses: []string{"(MIT OR Apache-2.0)"},
				Paths: []string{"/app/node_modules/@babel/core/package.json"}, Layer: LayerRef{Index: 2, DiffID: app}, FoundBy: "npm-package",
			},
			{
				Type: TypeGo, Name: "github.com/spf13/cobra", Version: "v1.8.0",
				Paths: []string{"/app/bin/server"}, Layer: LayerRef{Index: 2, DiffID: app}, FoundBy: "go-binary",
			},
			{
				Type: TypeGo, Name: "stdlib", Version: "go1.22.5", Licenses: []string{"BSD-3-Clause"},
				Paths: []string{"/app/bin/server"}, Layer: LayerRef{Index: 2, DiffID: app}, FoundBy: "go-binary",
			},
		},
		Warnings: []string{"layer 2: /app/broken.jar: zip: not a valid zip file"},
		Tool:     Tool{Name: "patchbay", Version: "0.1.0"},
	}
}
