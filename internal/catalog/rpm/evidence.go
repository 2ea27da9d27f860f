package rpm

import "strings"

// defaultEvidence is the choice of owned paths used unless the cataloger is given another (see KeepOwned): the
// files that some language cataloger could take as evidence of a package (Python metadata in a site- or
// dist-packages directory, eggs, npm manifests, Java archives) and the executables under bin, sbin and libexec
// directories, where the Go binaries of a distribution live.
func defaultEvidence(p string) bool {
	switch {
	case strings.Contains(p, "/bin/"), strings.Contains(p, "/sbin/"), strings.Contains(p, "/libexec/"):
		return true
	case strings.HasSuffix(p, "/METADATA"), strings.HasSuffix(p, "/PKG-INFO"):
		return strings.Contains(p, "-packages/")
	case strings.HasSuffix(p, ".egg-info"), strings.HasSuffix(p, "/package.json"),
		strings.HasSuffix(p, ".jar"), strings.HasSuffix(p, ".war"), strings.HasSuffix(p, ".ear"):
		return true
	}
	return false
}
