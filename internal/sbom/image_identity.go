package sbom

import (
	"strings"

	packageurl "github.com/package-url/packageurl-go"
)

// imageIdentity is how the SBOM documents name the image they describe.
type imageIdentity struct {
	ref        string // the reference as the SBOM names it: Source.Name, else Source.Reference
	repository string // ref without tag or digest: "corpus.local/debian-base"
	tag        string // "v1", or ""
	digest     string // the manifest digest, or ""
	purl       string // pkg:oci/...
}

// version is what the documents show as the image's version: its tag, else its manifest digest.
func (id imageIdentity) version() string {
	if id.tag != "" {
		return id.tag
	}
	return id.digest
}

func newImageIdentity(src Source) imageIdentity {
	ref := src.Name
	if ref == "" {
		ref = src.Reference
	}
	repository, tag := splitImageRef(ref)
	return imageIdentity{
		ref:        ref,
		repository: repository,
		tag:        tag,
		digest:     src.ManifestDigest,
		purl:       ociPURL(repository, tag, src.ManifestDigest, src.Platform),
	}
}

// splitImageRef splits "registry:5000/repo/name:tag@sha256:..." into repository and tag. It is a plain string
// split, enough for naming: a tag is what follows the last ':' after the last '/'.
func splitImageRef(ref string) (repository, tag string) {
	repository, _, _ = strings.Cut(ref, "@")
	if i := strings.LastIndex(repository, ":"); i > strings.LastIndex(repository, "/") {
		repository, tag = repository[:i], repository[i+1:]
	}
	return repository, tag
}

// ociPURL is the image's purl per the purl spec's oci type: the name is the repository's last element,
// lowercased; the version is the manifest digest; repository_url says where it was found (the repository as
// named, registry included when the reference has one: no "docker.io/library/" is made up); tag and arch
// qualify it. Without a digest the purl has no version.
func ociPURL(repository, tag, digest, platform string) string {
	name := strings.ToLower(repository[strings.LastIndex(repository, "/")+1:])
	if name == "" {
		return ""
	}
	var qualifiers packageurl.Qualifiers
	if arch := platformArch(platform); arch != "" {
		qualifiers = append(qualifiers, packageurl.Qualifier{Key: "arch", Value: arch})
	}
	qualifiers = append(qualifiers, packageurl.Qualifier{Key: "repository_url", Value: repository})
	if tag != "" {
		qualifiers = append(qualifiers, packageurl.Qualifier{Key: "tag", Value: tag})
	}
	return packageurl.NewPackageURL(packageurl.TypeOCI, "", name, digest, qualifiers, "").ToString()
}

// platformArch is the architecture of an "os/arch[/variant]" platform.
func platformArch(platform string) string {
	parts := strings.Split(platform, "/")
	if len(parts) < 2 {
		return ""
	}
	return parts[1]
}
