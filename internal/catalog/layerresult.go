package catalog

import (
	"strings"

	"github.com/patchbay/patchbay/internal/sbom"
)

// FileKind is the kind of a tar entry as it matters when layers are stacked.
type FileKind uint8

const (
	KindFile     FileKind = iota // regular file
	KindDir                      // directory
	KindSymlink                  // symbolic link; Link is its target as written
	KindHardlink                 // hard link; Link is the absolute path of the file it links to
	KindWhiteout                 // ".wh.NAME": Path (without the prefix) is deleted from the layers below
	KindOpaque                   // ".wh..wh..opq": Path (the directory) hides the contents the layers below gave it
	KindOther                    // device, fifo: listed, never read
)

// FileRecord is one entry of a layer, enough to stack layers and judge their hygiene.
type FileRecord struct {
	Path string   `json:"p"` // absolute, clean; for whiteouts the path that is deleted
	Kind FileKind `json:"k"`
	Size int64    `json:"s,omitempty"`
	Mode uint32   `json:"m,omitempty"` // permission bits
	Link string   `json:"l,omitempty"`
}

// LayerResult is everything the one pass over a layer found: its files, the packages in them, the distribution
// files, the OS packages' claims on files, and the problems met. It depends only on the layer's content and the
// catalogers' versions, so it is cached by (diff_id, AnalyserVersion).
type LayerResult struct {
	DiffID   string                 `json:"diff_id"`
	Files    []FileRecord           `json:"files"`
	Packages []sbom.Package         `json:"packages,omitempty"` // Paths[0] is the evidence; Layer is not set yet
	Distros  map[string]sbom.Distro `json:"distros,omitempty"`  // by the path of the file read
	Owned    map[string]string      `json:"owned,omitempty"`
	// Licenses are the licences declared by licence files of this layer, by the file's path.
	Licenses map[string][]string `json:"licenses,omitempty"`
	Warnings []string            `json:"warnings,omitempty"`
}

// OuterPath is the file in the image that a package's evidence path points into: "/app/app.jar" for
// "/app/app.jar!/BOOT-INF/lib/x.jar".
func OuterPath(evidence string) string {
	if i := strings.Index(evidence, "!/"); i >= 0 {
		return evidence[:i]
	}
	return evidence
}
