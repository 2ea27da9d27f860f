package analyze

import (
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/patchbay/patchbay/internal/catalog"
	"github.com/patchbay/patchbay/internal/catalog/npm"
	"github.com/patchbay/patchbay/internal/catalog/osrelease"
	"github.com/patchbay/patchbay/internal/sbom"
)

// npmProjectFinder marks a package.json outside node_modules that counts only when a node_modules directory sits
// beside it in the image (see the npm cataloger).
const npmProjectFinder = npm.FoundByProject

// layerIndex is what folding needs to know of one layer beyond its result: which paths it wrote and which it
// deleted, and its packages by evidence file.
type layerIndex struct {
	wrote    map[string]bool
	removed  map[string]bool // whiteouts: the path and everything below it
	opaque   map[string]bool // opaque dirs: everything below, from lower layers
	packages map[string][]sbom.Package
}

func indexLayer(r *catalog.LayerResult) *layerIndex {
	li := &layerIndex{wrote: map[string]bool{}, packages: map[string][]sbom.Package{}}
	for _, f := range r.Files {
		switch f.Kind {
		case catalog.KindWhiteout:
			if li.removed == nil {
				li.removed = map[string]bool{}
			}
			li.removed[f.Path] = true
		case catalog.KindOpaque:
			if li.opaque == nil {
				li.opaque = map[string]bool{}
			}
			li.opaque[f.Path] = true
		default:
			li.wrote[f.Path] = true
		}
	}
	for _, p := range r.Packages {
		outer := catalog.OuterPath(p.Paths[0])
		li.packages[outer] = append(li.packages[outer], p)
	}
	return li
}

// deletes says whether this layer deletes p from the layers below, by a whiteout of p or of a parent, or by an
// opaque parent directory.
func (li *layerIndex) deletes(p string) bool {
	if li.removed == nil && li.opaque == nil {
		return false
	}
	for q := p; ; q = path.Dir(q) {
		if li.removed[q] || (q != p && li.opaque[q]) {
			return true
		}
		if q == "/" {
			return false
		}
	}
}

func (li *layerIndex) has(p string, pkg sbom.Package) bool {
	k := pkg.Key()
	for _, q := range li.packages[catalog.OuterPath(pkg.Paths[0])] {
		if q.Key() == k {
			return true
		}
	}
	return false
}

// fold stacks the layers' results into the image's packages: a package is in the SBOM when its evidence file is
// in the final view and was last written by a layer that found it; it is attributed to the lowest layer from which
// that exact package (same name, version, architecture and evidence path) has been there without a break. So a
// package upgraded by a later layer belongs to that layer, an untouched one to the layer that installed it, even
// when later layers rewrote the database that lists it.
func fold(layers []*catalog.LayerResult, diffIDs []string) (pkgs []sbom.Package, distro *sbom.Distro, warnings []string) {
	v := newView()
	idx := make([]*layerIndex, len(layers))
	for i, r := range layers {
		v.apply(i, r.Files)
		idx[i] = indexLayer(r)
	}
	owned := map[string]string{}
	for _, r := range layers {
		for p, o := range r.Owned {
			owned[p] = o
		}
	}
	for i, r := range layers {
		for _, p := range r.Packages {
			outer := catalog.OuterPath(p.Paths[0])
			n := v.lookup(outer)
			if n == nil || n.layer != i {
				continue // deleted or overwritten by a later layer
			}
			if p.FoundBy == npmProjectFinder {
				if nm := v.lookup(path.Join(path.Dir(outer), "node_modules")); nm == nil {
					continue
				}
			}
			from := i
			for j := i - 1; j >= 0; j-- {
				if idx[j+1].deletes(outer) {
					break
				}
				if !idx[j].wrote[outer] {
					continue
				}
				if !idx[j].has(outer, p) {
					break
				}
				from = j
			}
			p.Layer = sbom.LayerRef{Index: from, DiffID: diffIDs[from]}
			if o := owned[outer]; o != "" && !isOSPackage(p.Type) {
				p.OwnedBy = o
			}
			pkgs = append(pkgs, p)
		}
	}
	sort.SliceStable(pkgs, func(a, b int) bool {
		x, y := pkgs[a], pkgs[b]
		if x.Type != y.Type {
			return x.Type < y.Type
		}
		if x.Name != y.Name {
			return x.Name < y.Name
		}
		if x.Version != y.Version {
			return x.Version < y.Version
		}
		return x.Paths[0] < y.Paths[0]
	})
	distro, warnings = findDistro(v, layers)
	debLicenses(v, layers, pkgs)
	return pkgs, distro, warnings
}

func isOSPackage(t string) bool {
	return t == sbom.TypeDeb || t == sbom.TypeApk || t == sbom.TypeRPM
}

// findDistro reads the distribution from the most authoritative identity file the image has, following symlinks
// (Debian's /etc/os-release points to /usr/lib/os-release).
func findDistro(v *view, layers []*catalog.LayerResult) (*sbom.Distro, []string) {
	var warnings []string
	for _, p := range osrelease.Paths {
		if v.lookup(p) == nil {
			continue
		}
		real, err := v.resolve(p)
		if err != nil {
			warnings = append(warnings, err.Error())
			continue
		}
		n := v.lookup(real)
		if n == nil || n.layer < 0 {
			continue
		}
		if d, ok := layers[n.layer].Distros[real]; ok {
			return &d, warnings
		}
	}
	return nil, warnings
}

// prefixWarnings says in each warning which layer it comes from.
func prefixWarnings(i int, diffID string, ws []string) []string {
	out := make([]string, len(ws))
	for j, w := range ws {
		out[j] = "layer " + strconv.Itoa(i) + " (" + shortDigest(diffID) + "): " + w
	}
	return out
}

func shortDigest(d string) string {
	if i := strings.IndexByte(d, ':'); i >= 0 && len(d) > i+13 {
		return d[:i+13]
	}
	return d
}

// debLicenses gives each deb the licences of its /usr/share/doc/NAME/copyright as the image has it (a package's
// doc directory may be a symlink to its source's sibling: libstdc++6 → gcc-12-base).
func debLicenses(v *view, layers []*catalog.LayerResult, pkgs []sbom.Package) {
	for i := range pkgs {
		p := &pkgs[i]
		if p.Type != sbom.TypeDeb || len(p.Licenses) > 0 {
			continue
		}
		real, err := v.resolve("/usr/share/doc/" + p.Name + "/copyright")
		if err != nil {
			continue
		}
		if n := v.lookup(real); n != nil && n.layer >= 0 {
			p.Licenses = layers[n.layer].Licenses[real]
		}
	}
}
