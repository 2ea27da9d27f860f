package chart

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"sigs.k8s.io/kustomize/api/krusty"
	"sigs.k8s.io/kustomize/kyaml/filesys"
)

// RenderKustomize builds a kustomization like `kustomize build dir` and
// returns the images of the result, after every images: transformer,
// namespace and name prefix has been applied. dir may also be the
// kustomization file itself.
//
// Kustomize's defaults are kept on purpose: files outside the
// kustomization root may not be loaded, plugins and exec functions are off
// and helmCharts inflation is off, so building an untrusted repository runs
// no programs. Remote bases need the network and fail here, with
// kustomize's own error.
func RenderKustomize(ctx context.Context, dir string) ([]Image, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	root := dir
	if fi, err := os.Stat(dir); err == nil && !fi.IsDir() && isKustomizationFile(filepath.Base(dir)) {
		root = filepath.Dir(dir)
	}
	k := krusty.MakeKustomizer(krusty.MakeDefaultOptions())
	resources, err := k.Run(filesys.MakeFsOnDisk(), root)
	if err != nil {
		return nil, fmt.Errorf("kustomize build %s: %w", dir, err)
	}
	data, err := resources.AsYaml()
	if err != nil {
		return nil, fmt.Errorf("kustomize build %s: %w", dir, err)
	}
	return ImagesFromYAML(data, dir)
}
