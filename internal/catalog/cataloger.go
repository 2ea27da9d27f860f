// Package catalog is Patchbay's one-pass cataloger framework: a layer's tar stream is read once, every entry is
// offered to every cataloger by path, mode and size, and the few files a cataloger wants are handed to it while the
// stream goes by. Nothing is unpacked to disk; large files that a cataloger must seek in are spooled to a temp file.
package catalog

import (
	"context"
	"io/fs"

	"github.com/patchbay/patchbay/internal/sbom"
)

// Entry is what a cataloger may look at before it decides to read a file: the entry's cleaned absolute path,
// its mode (type bits and permissions) and its size.
type Entry struct {
	Path string // absolute and clean: "/usr/lib/os-release"
	Mode fs.FileMode
	Size int64
}

// Cataloger finds packages in the files of a layer.
type Cataloger interface {
	// Name is short and stable ("dpkg", "java-archive"); it goes into Package.FoundBy and cache keys.
	Name() string
	// Version changes whenever the cataloger's output for the same input may change, so cached results go stale.
	Version() int
	// Wants tells, from the entry alone, whether the cataloger needs the file's content. It is called for every
	// regular file of every layer, so it must be cheap: no allocation, no I/O.
	Wants(e Entry) bool
	// Catalog reads one file it wanted. It may read f only partly. An error names what is wrong with the content;
	// the framework adds the path, the layer and the image.
	Catalog(ctx context.Context, f *File) (Result, error)
}

// Result is what a cataloger found in one file.
type Result struct {
	Packages []sbom.Package
	// Distro is set by the cataloger that reads os-release and friends.
	Distro *sbom.Distro
	// Owned maps paths (absolute) that an OS package's file list says the package installed to that package
	// ("deb:python3-urllib3"). Catalogers keep only paths that some language cataloger could take as evidence
	// (see EvidenceFilter), so that the list stays small.
	Owned map[string]string
	// Licenses are the licences a file declares for the package that ships it, when the package database itself
	// does not say (Debian's /usr/share/doc/NAME/copyright): the fold step gives them to the package.
	Licenses []string
}
