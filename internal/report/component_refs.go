package report

import (
	"fmt"

	"github.com/patchbay/patchbay/internal/match"
	"github.com/patchbay/patchbay/internal/sbom"
)

// componentRefs finds, for a finding, the bom-ref of the SBOM component of its package. A finding names its
// package by type, name, version and first evidence path, which is what tells two copies of a jar apart; the
// layer settles the rare tie (the same package, at the same path, in two layers' worth of SBOM).
type componentRefs struct {
	byPackage map[string][]packageRef
}

type packageRef struct {
	layer  sbom.LayerRef
	bomRef string
}

// newComponentRefs indexes the SBOM's packages; refs are their bom-refs in the SBOM's order, as
// sbom.CycloneDXBOM returns them.
func newComponentRefs(s *sbom.SBOM, refs []string) (componentRefs, error) {
	if len(refs) != len(s.Packages) {
		return componentRefs{}, fmt.Errorf("report: %d bom-refs for %d packages", len(refs), len(s.Packages))
	}
	c := componentRefs{byPackage: make(map[string][]packageRef, len(refs))}
	for i, p := range s.Packages {
		path := ""
		if len(p.Paths) > 0 {
			path = p.Paths[0]
		}
		k := packageKey(p.Type, p.Name, p.Version, path)
		c.byPackage[k] = append(c.byPackage[k], packageRef{layer: p.Layer, bomRef: refs[i]})
	}
	return c, nil
}

// lookup returns the bom-ref of f's package, or an error when the SBOM has no such package: the report was
// matched from another SBOM, and a vulnerability pointing nowhere would be a broken document.
func (c componentRefs) lookup(f match.Finding) (string, error) {
	p := f.Package
	candidates := c.byPackage[packageKey(p.Type, p.Name, p.Version, p.Path)]
	for _, cand := range candidates {
		if cand.layer == p.Layer {
			return cand.bomRef, nil
		}
	}
	if len(candidates) > 0 {
		return candidates[0].bomRef, nil
	}
	return "", fmt.Errorf("report: finding %s: the SBOM has no %s package %s %s at %q (was the report matched from this SBOM?)",
		f.ID, p.Type, p.Name, p.Version, p.Path)
}

func packageKey(typ, name, version, path string) string {
	return typ + "\x00" + name + "\x00" + version + "\x00" + path
}
