// Package sbom holds Patchbay's model of what is inside an image: packages, the layer that brought each one in,
// the distribution, and the encoders to the standard SBOM formats.
package sbom

// Package types. They follow the PURL types where one exists, so that a type can be used as a PURL type as is.
const (
	TypeDeb    = "deb"
	TypeApk    = "apk"
	TypeRPM    = "rpm"
	TypeMaven  = "maven"
	TypeNPM    = "npm"
	TypePython = "pypi"
	TypeGo     = "golang"
)

// Package is one installed package, as found in one image (or in one layer, before layers are folded).
type Package struct {
	Type    string `json:"type"`
	Name    string `json:"name"`    // for maven "group:artifact"; for npm the full name incl. scope
	Version string `json:"version"` // as the metadata spells it; "" when it has none (a Go main module built from source)
	PURL    string `json:"purl,omitempty"`

	// SourceName and SourceVersion name the source package of a deb (dpkg's Source: field), the origin of an apk,
	// or the source RPM of an rpm. Empty where they equal Name and Version or the ecosystem has no such notion.
	SourceName    string   `json:"source_name,omitempty"`
	SourceVersion string   `json:"source_version,omitempty"`
	Arch          string   `json:"arch,omitempty"`
	Epoch         string   `json:"epoch,omitempty"` // rpm only: its epoch, which the version string leaves out
	Licenses      []string `json:"licenses,omitempty"`

	// Paths is the evidence: the file(s) the package was read from, absolute in the image. A file inside an
	// archive is written "/outer.jar!/inner/path", nested as deep as it goes.
	Paths []string `json:"paths"`

	// Layer is the layer that brought in this exact version of the package. Set when layers are folded.
	Layer LayerRef `json:"layer"`

	// OwnedBy names the OS package that installed this language package's files ("deb:python3-urllib3"): such a
	// package is the OS package's business (backports!), and vulnerability matching goes through the OS package.
	OwnedBy string `json:"owned_by,omitempty"`

	// FoundBy names the cataloger that found the package, e.g. "dpkg" or "java-archive".
	FoundBy string `json:"found_by"`
}

// LayerRef points at a layer of an image: its position (0 is the bottom layer) and its diff_id, the digest of its
// uncompressed tar, which identifies it across images.
type LayerRef struct {
	Index  int    `json:"index"`
	DiffID string `json:"diff_id"`
}

// Distro is the operating system an image says it is, from os-release (or alpine-release / debian_version).
type Distro struct {
	ID              string   `json:"id"`                         // "debian", "alpine", "rhel"
	VersionID       string   `json:"version_id,omitempty"`       // "12", "3.20.3"
	VersionCodename string   `json:"version_codename,omitempty"` // "bookworm"
	PrettyName      string   `json:"pretty_name,omitempty"`
	IDLike          []string `json:"id_like,omitempty"`
}

// Key identifies a package within one image: the same name, version and evidence is the same package.
func (p Package) Key() string {
	path := ""
	if len(p.Paths) > 0 {
		path = p.Paths[0]
	}
	return p.Type + "\x00" + p.Name + "\x00" + p.Version + "\x00" + p.Arch + "\x00" + path
}
