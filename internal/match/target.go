package match

import (
	"strings"

	"github.com/patchbay/patchbay/internal/sbom"
	"github.com/patchbay/patchbay/internal/vulndb"
)

// Target is what a package is matched as: the package a record would name, its release and the version to
// compare. For a deb that is the source package and source version: Debian's security data is about source
// packages, and a binNMU's "+b1" exists only in the binary's version.
type Target struct {
	Key     vulndb.PackageKey
	Release string // the image's release in the ecosystem's spelling ("12", "v3.20"); "" where none applies
	Version string
}

// TargetOf says how to match a package, or ok=false when it cannot be matched: an OS package of an unknown
// distribution, a Go main module built from source (no version), or a language package that an OS package
// installed (its fixes come from the distribution, which backports them: matching its upstream version against
// upstream advisories would raise false alarms).
func TargetOf(p sbom.Package, d *sbom.Distro) (Target, bool) {
	if p.OwnedBy != "" || p.Version == "" {
		return Target{}, false
	}
	switch p.Type {
	case sbom.TypeDeb:
		if d == nil || (d.ID != "debian" && d.ID != "ubuntu") {
			return Target{}, false
		}
		eco, rel := "Debian", major(d.VersionID)
		if d.ID == "ubuntu" {
			eco, rel = "Ubuntu", d.VersionID
		}
		name, version := p.SourceName, p.SourceVersion
		if name == "" {
			name = p.Name
		}
		if version == "" {
			version = p.Version
		}
		return Target{Key: vulndb.PackageKey{Ecosystem: eco, Name: name}, Release: rel, Version: version}, true
	case sbom.TypeApk:
		if d == nil || d.ID != "alpine" {
			return Target{}, false
		}
		name := p.SourceName
		if name == "" {
			name = p.Name
		}
		return Target{Key: vulndb.PackageKey{Ecosystem: "Alpine", Name: name}, Release: "v" + majorMinor(d.VersionID), Version: p.Version}, true
	case sbom.TypeGo:
		return Target{Key: vulndb.PackageKey{Ecosystem: "Go", Name: p.Name}, Version: p.Version}, true
	case sbom.TypeMaven:
		return Target{Key: vulndb.PackageKey{Ecosystem: "Maven", Name: p.Name}, Version: p.Version}, true
	case sbom.TypeNPM:
		return Target{Key: vulndb.PackageKey{Ecosystem: "npm", Name: p.Name}, Version: p.Version}, true
	case sbom.TypePython:
		return Target{Key: vulndb.PackageKey{Ecosystem: "PyPI", Name: vulndb.NormalizeName("PyPI", p.Name)}, Version: p.Version}, true
	}
	return Target{}, false
}

func major(v string) string {
	m, _, _ := strings.Cut(v, ".")
	return m
}

func majorMinor(v string) string {
	parts := strings.SplitN(v, ".", 3)
	if len(parts) >= 2 {
		return parts[0] + "." + parts[1]
	}
	return v
}

// releaseApplies says whether a record's release (from "Debian:12") covers the image's: a record without one
// covers every release.
func releaseApplies(recordRelease, imageRelease string) bool {
	return recordRelease == "" || imageRelease == "" || recordRelease == imageRelease
}
