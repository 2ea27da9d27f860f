package python

import "strings"

// isMetadataPath decides from the path alone, without allocating (it runs for every regular file of every layer),
// whether a file is the metadata of a distribution installed directly in a packages directory:
//
//	.../site-packages/NAME-VER.dist-info/METADATA
//	.../site-packages/NAME-VER.egg-info/PKG-INFO
//	.../site-packages/NAME-VER.egg-info            (a file: distutils wrote PKG-INFO's content there)
//
// and the same under dist-packages, Debian's name for it. Metadata elsewhere (a source tree's PKG-INFO, a wheel's
// METADATA vendored in some package's tests) describes nothing that is installed.
func isMetadataPath(p string) bool {
	switch {
	case strings.HasSuffix(p, "/METADATA"):
		dir := p[:len(p)-len("/METADATA")]
		return strings.HasSuffix(dir, ".dist-info") && inPackagesDir(dir)
	case strings.HasSuffix(p, "/PKG-INFO"):
		dir := p[:len(p)-len("/PKG-INFO")]
		return strings.HasSuffix(dir, ".egg-info") && inPackagesDir(dir)
	case strings.HasSuffix(p, ".egg-info"):
		return inPackagesDir(p)
	}
	return false
}

// inPackagesDir tells whether p sits directly in a site-packages or dist-packages directory.
func inPackagesDir(p string) bool {
	i := strings.LastIndexByte(p, '/')
	if i < 0 {
		return false
	}
	parent := p[:i]
	return strings.HasSuffix(parent, "/site-packages") || strings.HasSuffix(parent, "/dist-packages")
}
