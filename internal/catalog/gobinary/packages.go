package gobinary

import (
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/patchbay/patchbay/internal/sbom"
)

// packages turns build info into packages: the standard library at the Go version, the main module, and one
// package per module dependency. The standard library comes first even when the module info is broken, so that a
// binary whose module info cannot be parsed still says which Go built it.
func packages(raw *rawBuildInfo, path, foundBy string) ([]sbom.Package, error) {
	pkg := func(name, version string) sbom.Package {
		return sbom.Package{Type: sbom.TypeGo, Name: name, Version: version, Paths: []string{path}, FoundBy: foundBy}
	}
	pkgs := []sbom.Package{pkg("stdlib", stdlibVersion(raw.goVersion))}

	bi, err := debug.ParseBuildInfo(raw.modInfo)
	if err != nil {
		return pkgs, fmt.Errorf("go module info: %w", err)
	}
	// A binary built outside module mode, or from files named on the command line, has no main module.
	if bi.Main.Path != "" {
		v := bi.Main.Version
		if v == "(devel)" {
			// What cmd/go writes for the main module when it was built from a work tree, not fetched at a version.
			v = ""
		}
		pkgs = append(pkgs, pkg(bi.Main.Path, v))
	}
	seen := make(map[[2]string]bool, len(bi.Deps))
	for _, d := range bi.Deps {
		name, v := depCoordinates(d)
		if k := [2]string{name, v}; !seen[k] {
			seen[k] = true
			pkgs = append(pkgs, pkg(name, v))
		}
	}
	return pkgs, nil
}

// depCoordinates names the module whose code was linked for a dependency. A replace directive ("dep" line
// followed by "=>") swaps in other code: when it points to another module version, that module at that version
// is what the binary contains, and what vulnerabilities must be matched against. When it points to a local
// directory ("=> ./gamma (devel)"), its "path" is a file system path, which names nothing outside the build
// machine, and it has no version; the dependency's own module path is kept then, with no version, as for a main
// module built from a work tree.
func depCoordinates(d *debug.Module) (name, version string) {
	r := d.Replace
	switch {
	case r == nil:
		return d.Path, d.Version
	case r.Version == "" || r.Version == "(devel)":
		return d.Path, ""
	default:
		return r.Path, r.Version
	}
}

// stdlibVersion turns the toolchain version the linker records ("go1.26.8", "go1.26.8 X:nocoverageredesign")
// into the standard library's version ("1.26.8"): the experiment suffix does not change which release it is. A
// development toolchain ("devel go1.27-abcdef Tue ...") gives "devel", which matches no release.
func stdlibVersion(v string) string {
	if i := strings.IndexByte(v, ' '); i >= 0 {
		v = v[:i]
	}
	return strings.TrimPrefix(v, "go")
}
