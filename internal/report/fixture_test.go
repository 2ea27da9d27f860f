package report

import (
	"testing"
	"time"

	"github.com/patchbay/patchbay/internal/match"
	"github.com/patchbay/patchbay/internal/sbom"
	"github.com/patchbay/patchbay/internal/severity"
)

// fixtureTime is the creation time the CycloneDX golden document is encoded with.
var fixtureTime = time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)

const (
	fixtureBaseLayer = "sha256:1111111111111111111111111111111111111111111111111111111111111111"
	fixtureAptLayer  = "sha256:2222222222222222222222222222222222222222222222222222222222222222"
	fixtureAppLayer  = "sha256:3333333333333333333333333333333333333333333333333333333333333333"
)

// fixtureSBOM is a small Debian image: a one-layer base with glibc, a layer of the image's own that installs
// libssl3, and an application layer with npm packages and the same jar twice, once on its own and once inside
// a Spring Boot jar (same purl, so only the path tells them apart). @babel/core has no finding.
func fixtureSBOM() *sbom.SBOM {
	return &sbom.SBOM{
		Source: sbom.Source{
			Reference:      "corpus.local/shop:v3",
			Name:           "corpus.local/shop:v3",
			ManifestDigest: "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
			ConfigDigest:   "sha256:cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc",
			Platform:       "linux/amd64",
		},
		Distro: &sbom.Distro{ID: "debian", VersionID: "12", VersionCodename: "bookworm", PrettyName: "Debian GNU/Linux 12 (bookworm)"},
		Layers: []sbom.Layer{
			{Index: 0, DiffID: fixtureBaseLayer, Size: 29000000, CreatedBy: "ADD rootfs.tar.xz /"},
			{Index: 1, DiffID: fixtureAptLayer, Size: 3000000, CreatedBy: "RUN apt-get install -y libssl3"},
			{Index: 2, DiffID: fixtureAppLayer, Size: 9000000, CreatedBy: "COPY app /app"},
		},
		Packages: []sbom.Package{
			{
				Type: sbom.TypeDeb, Name: "libc6", Version: "2.36-9+deb12u1", Arch: "amd64", SourceName: "glibc",
				Licenses: []string{"LGPL-2.1"}, Paths: []string{"/var/lib/dpkg/status"},
				Layer: sbom.LayerRef{Index: 0, DiffID: fixtureBaseLayer}, FoundBy: "dpkg",
			},
			{
				Type: sbom.TypeDeb, Name: "libssl3", Version: "3.0.11-1~deb12u2", Arch: "amd64", SourceName: "openssl",
				Licenses: []string{"Apache-2.0"}, Paths: []string{"/var/lib/dpkg/status"},
				Layer: sbom.LayerRef{Index: 1, DiffID: fixtureAptLayer}, FoundBy: "dpkg",
			},
			{
				Type: sbom.TypeNPM, Name: "semver", Version: "7.5.1", Licenses: []string{"ISC"},
				Paths: []string{"/app/node_modules/semver/package.json"},
				Layer: sbom.LayerRef{Index: 2, DiffID: fixtureAppLayer}, FoundBy: "npm-package",
			},
			{
				Type: sbom.TypeNPM, Name: "@babel/core", Version: "7.24.0", Licenses: []string{"MIT"},
				Paths: []string{"/app/node_modules/@babel/core/package.json"},
				Layer: sbom.LayerRef{Index: 2, DiffID: fixtureAppLayer}, FoundBy: "npm-package",
			},
			{
				Type: sbom.TypeMaven, Name: "org.apache.commons:commons-text", Version: "1.9", Licenses: []string{"Apache-2.0"},
				Paths: []string{"/app/lib/commons-text-1.9.jar"},
				Layer: sbom.LayerRef{Index: 2, DiffID: fixtureAppLayer}, FoundBy: "java-archive",
			},
			{
				Type: sbom.TypeMaven, Name: "org.apache.commons:commons-text", Version: "1.9", Licenses: []string{"Apache-2.0"},
				Paths: []string{"/app/app.jar!/BOOT-INF/lib/commons-text-1.9.jar"},
				Layer: sbom.LayerRef{Index: 2, DiffID: fixtureAppLayer}, FoundBy: "java-archive",
			},
		},
		Warnings: []string{"layer 2: /app/broken.jar: zip: not a valid zip file"},
		Tool:     sbom.Tool{Name: "patchbay", Version: "0.1.0"},
	}
}

// fixtureReport is what matching fixtureSBOM could give, in match's order (worst first, then package name, path
// and ID): one vulnerability in both copies of commons-text, one per severity besides, a fix in two versions
// (the table shows the lowest), findings without a fix, a Debian label (LOW) and an unrated one (UNKNOWN)
// without a summary. The IDs are real; scores, summaries and fixed versions are written for the test, not
// copied from the records.
func fixtureReport(t *testing.T) *match.Report {
	t.Helper()
	s := fixtureSBOM()
	pkg := func(i int, ecosystem, matchedName, matchedVersion string) match.PackageRef {
		p := s.Packages[i]
		return match.PackageRef{
			Type: p.Type, Name: p.Name, Version: p.Version, PURL: p.PURL, Ecosystem: ecosystem,
			MatchedName: matchedName, MatchedVersion: matchedVersion, Path: p.Paths[0], Layer: p.Layer,
		}
	}
	libc6 := pkg(0, "Debian:12", "glibc", "2.36-9+deb12u1")
	libssl3 := pkg(1, "Debian:12", "openssl", "3.0.11-1~deb12u2")
	semver := pkg(2, "npm", "semver", "7.5.1")
	textLib := pkg(4, "Maven", "org.apache.commons:commons-text", "1.9")
	textBoot := pkg(5, "Maven", "org.apache.commons:commons-text", "1.9")

	text4shell := func(p match.PackageRef) match.Finding {
		return match.Finding{
			ID: "CVE-2022-42889", Aliases: []string{"GHSA-599f-7c49-w659"}, Records: []string{"GHSA-599f-7c49-w659"},
			Summary:  "Arbitrary code execution in Apache Commons Text",
			Severity: cvss(t, severity.TypeCVSSV3, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"),
			Package:  p, FixedVersions: []string{"1.10.0"}, Origin: match.OriginApplication,
		}
	}
	return &match.Report{
		Source: s.Source,
		Distro: s.Distro,
		Base:   &match.Base{Name: "docker.io/library/debian:12-slim", Digest: "sha256:4444444444444444444444444444444444444444444444444444444444444444", Layers: 1, Source: "annotation"},
		Findings: []match.Finding{
			text4shell(textBoot),
			text4shell(textLib),
			{
				ID: "CVE-2023-4911", Aliases: []string{"DEBIAN-CVE-2023-4911", "DSA-5514-1"}, Records: []string{"DEBIAN-CVE-2023-4911"},
				Summary:  "Buffer overflow in the dynamic loader's GLIBC_TUNABLES handling",
				Severity: cvss(t, severity.TypeCVSSV3, "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H"),
				Package:  libc6, FixedVersions: []string{"2.36-9+deb12u3", "2.37-12"}, Origin: match.OriginBase,
			},
			{
				ID: "CVE-2022-25883", Aliases: []string{"GHSA-c2qf-rxjj-qqgw"}, Records: []string{"GHSA-c2qf-rxjj-qqgw"},
				Summary:  "semver vulnerable to Regular Expression Denial of Service",
				Severity: cvss(t, severity.TypeCVSSV3, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L"),
				Package:  semver, FixedVersions: []string{"7.5.2"}, Origin: match.OriginApplication,
			},
			{
				ID: "CVE-2010-4756", Aliases: []string{"DEBIAN-CVE-2010-4756"}, Records: []string{"DEBIAN-CVE-2010-4756"},
				Summary:  "glob() in the GNU C Library allows denial of service through crafted patterns",
				Severity: label(t, severity.TypeDebian, "unimportant"),
				Package:  libc6, FixedVersions: []string{}, Origin: match.OriginBase,
			},
			{
				ID: "CVE-2024-13176", Aliases: []string{"DEBIAN-CVE-2024-13176"}, Records: []string{"DEBIAN-CVE-2024-13176"},
				Severity: label(t, severity.TypeDebian, "not yet assigned"),
				Package:  libssl3, FixedVersions: []string{}, Origin: match.OriginApplication,
			},
		},
		Packages: len(s.Packages),
		Warnings: s.Warnings,
	}
}

func cvss(t *testing.T, typ, vector string) severity.Score {
	t.Helper()
	s, err := severity.FromVector(typ, vector)
	if err != nil {
		t.Fatalf("fixture vector %s: %v", vector, err)
	}
	return s
}

func label(t *testing.T, source, word string) severity.Score {
	t.Helper()
	s, err := severity.FromLabel(source, word)
	if err != nil {
		t.Fatalf("fixture label %s %q: %v", source, word, err)
	}
	return s
}

// emptyReport is a clean scan of an image whose base image is not known.
func emptyReport() *match.Report {
	return &match.Report{
		Source:   sbom.Source{Reference: "corpus.local/scratch-app:v1", ManifestDigest: "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"},
		Packages: 3,
		Findings: []match.Finding{},
	}
}
