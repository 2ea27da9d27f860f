package sbom

import (
	"strings"

	packageurl "github.com/package-url/packageurl-go"
)

// PURL returns the Package URL of p, or "" when p has no name or no type that can be a purl type. d is the image's distribution; it names
// the namespace and the distro qualifier of OS packages and may be nil.
//
// The shapes follow the purl spec's types and what syft and Trivy emit, so that vulnerability databases keyed by
// purl (OSV, GitHub) match without translation:
//
//	deb     pkg:deb/debian/libc6@2.36-9?arch=amd64&distro=debian-12&upstream=glibc
//	apk     pkg:apk/alpine/busybox@1.36.1-r29?arch=x86_64&distro=alpine-3.20.3
//	rpm     pkg:rpm/rhel/bash@5.1.8-6.el9?arch=x86_64&distro=rhel-9.4&epoch=1
//	maven   pkg:maven/org.apache.commons/commons-lang3@3.14.0
//	npm     pkg:npm/%40babel/core@7.24.0
//	pypi    pkg:pypi/typing-extensions@4.12.2
//	golang  pkg:golang/github.com/spf13/cobra@v1.8.0, and pkg:golang/stdlib@1.22.5
//
// Qualifiers come out in the canonical (sorted) order the purl library writes, not in syft's order; a purl
// parser does not care, and canonical output is what makes purls comparable as strings.
func PURL(p Package, d *Distro) string {
	if p.Type == "" || p.Name == "" {
		return ""
	}
	var u *packageurl.PackageURL
	switch p.Type {
	case TypeDeb:
		u = osPackageURL(p, d, "debian")
	case TypeApk:
		u = osPackageURL(p, d, "alpine")
	case TypeRPM:
		// RPM has no vendor everyone would agree on as a default: without a distro the purl has no namespace.
		u = osPackageURL(p, d, "")
		// rpm compares a missing epoch as 0, so epoch=0 would say nothing and only make purls differ.
		if p.Epoch != "" && p.Epoch != "0" {
			u.Qualifiers = append(u.Qualifiers, packageurl.Qualifier{Key: "epoch", Value: p.Epoch})
		}
	case TypeMaven:
		group, artifact, ok := strings.Cut(p.Name, ":")
		if !ok { // a jar without pom.properties: only the artifact is known
			group, artifact = "", p.Name
		}
		u = packageurl.NewPackageURL(packageurl.TypeMaven, group, artifact, p.Version, nil, "")
	case TypeNPM:
		scope, name := npmScopeAndName(p.Name)
		u = packageurl.NewPackageURL(packageurl.TypeNPM, scope, name, p.Version, nil, "")
	case TypePython:
		u = packageurl.NewPackageURL(packageurl.TypePyPi, "", pypiName(p.Name), p.Version, nil, "")
	case TypeGo:
		u = goPackageURL(p)
	default:
		// Package types are purl types (package.go), so an unknown one still makes a purl of that type, if it
		// is spelled as one.
		if !packageurl.TypePattern.MatchString(p.Type) {
			return ""
		}
		u = packageurl.NewPackageURL(p.Type, "", p.Name, p.Version, nil, "")
	}
	return u.ToString()
}

// FillPURLs sets the PURL of every package of s, computed from the package and s.Distro. It overwrites what was
// there: catalogers leave PURL empty, and one function building every purl keeps them consistent.
func FillPURLs(s *SBOM) {
	for i := range s.Packages {
		s.Packages[i].PURL = PURL(s.Packages[i], s.Distro)
	}
}

// packagePURL is the purl an encoder writes for p: the one already set, else the computed one, so that encoding
// does not depend on FillPURLs having been called.
func packagePURL(p Package, d *Distro) string {
	if p.PURL != "" {
		return p.PURL
	}
	return PURL(p, d)
}

// osPackageURL builds the purl of a deb, apk or rpm: namespace = the distro id (defaultNamespace without one),
// qualifiers arch, distro and upstream.
func osPackageURL(p Package, d *Distro, defaultNamespace string) *packageurl.PackageURL {
	namespace := defaultNamespace
	if d != nil && d.ID != "" {
		namespace = strings.ToLower(d.ID)
	}
	var qualifiers packageurl.Qualifiers
	if p.Arch != "" {
		qualifiers = append(qualifiers, packageurl.Qualifier{Key: "arch", Value: p.Arch})
	}
	if distro := distroQualifier(d); distro != "" {
		qualifiers = append(qualifiers, packageurl.Qualifier{Key: "distro", Value: distro})
	}
	if upstream := upstreamQualifier(p); upstream != "" {
		qualifiers = append(qualifiers, packageurl.Qualifier{Key: "upstream", Value: upstream})
	}
	return packageurl.NewPackageURL(p.Type, namespace, p.Name, p.Version, qualifiers, "")
}

// distroQualifier is "<id>-<version_id>" (debian-12, alpine-3.20.3, rhel-9.4). A release without a VERSION_ID
// (Debian testing/sid) falls back to its codename, which still tells the matcher which suite to look in.
func distroQualifier(d *Distro) string {
	if d == nil || d.ID == "" {
		return ""
	}
	id := strings.ToLower(d.ID)
	switch {
	case d.VersionID != "":
		return id + "-" + d.VersionID
	case d.VersionCodename != "":
		return id + "-" + d.VersionCodename
	}
	return ""
}

// upstreamQualifier names the source package, as syft does: "src" when only the name differs, "src@ver" when
// the version differs too (a binNMU keeps the source name but not its version). It is empty when the package is
// its own source, so that most purls stay short.
func upstreamQualifier(p Package) string {
	name := p.SourceName
	if name == "" {
		name = p.Name
	}
	versionDiffers := p.SourceVersion != "" && p.SourceVersion != p.Version
	switch {
	case versionDiffers:
		return name + "@" + p.SourceVersion
	case name != p.Name:
		return name
	}
	return ""
}

// npmScopeAndName splits "@scope/name" into the purl namespace "@scope" and the name; the purl library
// percent-encodes the '@' (pkg:npm/%40scope/name).
func npmScopeAndName(full string) (scope, name string) {
	if strings.HasPrefix(full, "@") {
		if scope, name, ok := strings.Cut(full, "/"); ok {
			return scope, name
		}
	}
	return "", full
}

// pypiName normalises a distribution name as the purl spec says for pypi: lowercased, '_' replaced by '-'.
// (PEP 503 also folds '.', the purl spec does not, and neither do we.)
func pypiName(name string) string {
	return strings.ReplaceAll(strings.ToLower(name), "_", "-")
}

// goStdlib is the name the Go catalogers give the standard library, and the one OSV uses for it.
const goStdlib = "stdlib"

// goPackageURL splits a module path into namespace and last element (pkg:golang/github.com/x/y@v1.2.3).
//
// The module path keeps its case, although the purl spec asks golang purls to be lowercased: module paths are
// case-sensitive (github.com/Masterminds/semver), OSV and the Go vulnerability database key on the exact path,
// and syft and Trivy keep the case too.
//
// The standard library is pkg:golang/stdlib@1.22.5: the version without "go" or "v", as syft writes it and as
// OSV's Go ecosystem spells stdlib versions, so that the matcher compares it as is. (Trivy writes v1.22.5.)
// Modules keep their "v": that is how Go spells module versions and how syft and Trivy write them.
func goPackageURL(p Package) *packageurl.PackageURL {
	if p.Name == goStdlib {
		return packageurl.NewPackageURL(packageurl.TypeGolang, "", goStdlib, goToolchainVersion(p.Version), nil, "")
	}
	namespace, name := "", p.Name
	if i := strings.LastIndex(p.Name, "/"); i >= 0 {
		namespace, name = p.Name[:i], p.Name[i+1:]
	}
	return packageurl.NewPackageURL(packageurl.TypeGolang, namespace, name, p.Version, nil, "")
}

// goToolchainVersion turns a toolchain version as a binary records it ("go1.22.5", "go1.22.5 X:boringcrypto")
// into the bare version "1.22.5".
func goToolchainVersion(v string) string {
	v, _, _ = strings.Cut(v, " ")
	v = strings.TrimPrefix(v, "go")
	return strings.TrimPrefix(v, "v")
}
