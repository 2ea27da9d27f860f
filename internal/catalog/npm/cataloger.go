// Package npm finds Node.js packages: the package.json at the root of every module installed in a node_modules
// directory or in Debian's global module directories, and the project's own package.json beside a node_modules
// directory.
package npm

import (
	"context"
	"fmt"

	"github.com/patchbay/patchbay/internal/catalog"
	"github.com/patchbay/patchbay/internal/sbom"
)

const (
	// FoundByPackage marks a module installed in a node_modules directory or a Debian global module directory.
	FoundByPackage = "npm-package"

	// FoundByProject marks a candidate project manifest: a package.json outside any node_modules directory. A
	// cataloger sees one file at a time, so it cannot tell whether DIR/node_modules exists beside DIR/package.json;
	// the fold step, which sees the whole image, keeps such a package only when it does, and drops it otherwise (a
	// lone package.json is a source tree or a test fixture, not an installed application).
	FoundByProject = "npm-project"
)

// maxManifestSize bounds the memory one package.json may take. Real ones are a few KiB; some published packages
// carry large "readme" fields, so the bound is generous.
const maxManifestSize = 4 << 20

// Cataloger reads package.json files.
type Cataloger struct{}

// New returns the npm cataloger.
func New() *Cataloger { return &Cataloger{} }

// Name is the cataloger's stable name; it is also FoundBy for installed modules.
func (*Cataloger) Name() string { return FoundByPackage }

// Version changes when the output for the same files may change.
func (*Cataloger) Version() int { return 1 }

// Wants takes the package.json of installed modules and candidate project manifests (see classify).
func (*Cataloger) Wants(e catalog.Entry) bool { return classify(e.Path) != notWanted }

// Catalog reads one package.json. A manifest without a name or a version is not a package and yields nothing;
// content that is not a JSON object is an error.
func (*Cataloger) Catalog(_ context.Context, f *catalog.File) (catalog.Result, error) {
	data, err := f.ReadAll(maxManifestSize)
	if err != nil {
		return catalog.Result{}, fmt.Errorf("read package.json: %w", err)
	}
	m, err := parseManifest(data)
	if err != nil {
		if classify(f.Path) == project {
			// most package.json files outside node_modules are source trees and fixtures, not installed
			// applications: a broken one is not worth a warning
			return catalog.Result{}, nil
		}
		return catalog.Result{}, err
	}
	if m.Name == "" || m.Version == "" {
		return catalog.Result{}, nil
	}
	foundBy := FoundByPackage
	if classify(f.Path) == project {
		foundBy = FoundByProject
	}
	return catalog.Result{Packages: []sbom.Package{{
		Type:     sbom.TypeNPM,
		Name:     m.Name,
		Version:  m.Version,
		Licenses: m.Licenses,
		Paths:    []string{f.Path},
		FoundBy:  foundBy,
	}}}, nil
}
