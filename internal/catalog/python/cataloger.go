// Package python finds installed Python distributions from their core metadata: the METADATA file of a
// .dist-info directory (wheels, modern pip) and the PKG-INFO of an .egg-info directory or an .egg-info file
// (setuptools, distutils, and most of Debian's python3-* packages), in site-packages and dist-packages.
package python

import (
	"context"

	"github.com/patchbay/patchbay/internal/catalog"
	"github.com/patchbay/patchbay/internal/sbom"
)

// Cataloger reads Python core metadata files.
type Cataloger struct{}

// New returns the Python cataloger.
func New() *Cataloger { return &Cataloger{} }

// Name is the cataloger's stable name, also used as Package.FoundBy.
func (*Cataloger) Name() string { return "python-package" }

// Version changes when the output for the same files may change.
func (*Cataloger) Version() int { return 1 }

// Wants takes the metadata file of each distribution installed directly in a site-packages or dist-packages
// directory (see isMetadataPath).
func (*Cataloger) Wants(e catalog.Entry) bool { return isMetadataPath(e.Path) }

// Catalog reads the metadata's header. Name and Version are kept as written: normalising names (PEP 503) is the
// matcher's business, and the SBOM shows what the image says.
func (c *Cataloger) Catalog(_ context.Context, f *catalog.File) (catalog.Result, error) {
	m, err := parseMetadata(f)
	if err != nil {
		return catalog.Result{}, err
	}
	return catalog.Result{Packages: []sbom.Package{{
		Type:     sbom.TypePython,
		Name:     m.Name,
		Version:  m.Version,
		Licenses: m.licenses(),
		Paths:    []string{f.Path},
		FoundBy:  c.Name(),
	}}}, nil
}
