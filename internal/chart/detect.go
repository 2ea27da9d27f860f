package chart

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// What Detect returns: the renderer a path needs.
const (
	SourceHelm      = "helm"
	SourceKustomize = "kustomize"
	SourceManifests = "manifests"
)

// kustomizationFiles are the names kustomize itself accepts as a
// kustomization root (konfig.RecognizedKustomizationFileNames).
var kustomizationFiles = []string{"kustomization.yaml", "kustomization.yml", "Kustomization"}

// Detect tells which renderer a path needs: SourceHelm for a chart directory
// (it holds Chart.yaml), a Chart.yaml itself or a packaged chart (.tgz);
// SourceKustomize for a directory holding a kustomization file, or that file
// itself; SourceManifests for anything else, including a path that does not
// exist (ReadManifests then reports the error). A directory that is both a
// chart and a kustomization is taken as a chart, since that is what `helm`
// would make of it.
func Detect(path string) string {
	fi, err := os.Stat(path)
	if err != nil {
		return SourceManifests
	}
	if !fi.IsDir() {
		base := filepath.Base(path)
		switch {
		case base == "Chart.yaml", strings.HasSuffix(base, ".tgz"), strings.HasSuffix(base, ".tar.gz"):
			return SourceHelm
		case isKustomizationFile(base):
			return SourceKustomize
		}
		return SourceManifests
	}
	if isFile(filepath.Join(path, "Chart.yaml")) {
		return SourceHelm
	}
	for _, name := range kustomizationFiles {
		if isFile(filepath.Join(path, name)) {
			return SourceKustomize
		}
	}
	return SourceManifests
}

func isKustomizationFile(base string) bool {
	return slices.Contains(kustomizationFiles, base)
}

func isFile(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular()
}
