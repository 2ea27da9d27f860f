package sbom

// SBOM is the bill of materials of one image: where it came from, its layers, its distribution and its packages,
// each attributed to the layer that brought it in.
type SBOM struct {
	Source   Source    `json:"source"`
	Distro   *Distro   `json:"distro,omitempty"`
	Layers   []Layer   `json:"layers"`
	Packages []Package `json:"packages"`
	// Warnings are problems met while reading the image that did not stop the analysis (a corrupt jar, an
	// unreadable metadata file); each names the layer and the path.
	Warnings []string `json:"warnings,omitempty"`
	// Tool names the analyser and its version, for the SBOM's metadata.
	Tool Tool `json:"tool"`
}

// Source says which image the SBOM describes.
type Source struct {
	Reference      string            `json:"reference"`                 // as the user gave it
	Name           string            `json:"name,omitempty"`            // repository or ref name, e.g. "corpus.local/debian-base:v1"
	ManifestDigest string            `json:"manifest_digest,omitempty"` // the image manifest's digest
	ConfigDigest   string            `json:"config_digest,omitempty"`
	Platform       string            `json:"platform,omitempty"` // "linux/amd64"
	Labels         map[string]string `json:"labels,omitempty"`
	Annotations    map[string]string `json:"annotations,omitempty"` // manifest annotations (base image name/digest...)
	Created        string            `json:"created,omitempty"`
}

// Layer describes one layer of the image.
type Layer struct {
	Index     int    `json:"index"`
	DiffID    string `json:"diff_id"`
	Digest    string `json:"digest,omitempty"` // of the compressed blob
	MediaType string `json:"media_type,omitempty"`
	Size      int64  `json:"size"` // compressed size
	CreatedBy string `json:"created_by,omitempty"`
}

// Tool identifies the program that made an SBOM.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}
