package chart

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// manifestExts are the file names kubectl apply -f reads from a directory.
var manifestExts = []string{".yaml", ".yml", ".json"}

// ReadManifests returns the images of plain Kubernetes manifests: one file,
// or every *.yaml, *.yml and *.json file under a directory.
//
// A directory is walked recursively, because manifest repositories are
// usually laid out one folder per application, and missing a folder would
// silently miss images. Hidden directories (.git, .github) are skipped, and
// so is any sub-directory that is a Helm chart or a kustomization root: its
// files are templates or patch inputs, not what gets deployed, and must go
// through RenderHelm or RenderKustomize instead (Detect tells which). The
// directory given itself is always read as plain manifests.
func ReadManifests(ctx context.Context, path string) ([]Image, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("read manifests: %w", err)
	}
	if !fi.IsDir() {
		imgs, err := readManifestFile(path)
		if err != nil {
			return nil, err
		}
		sortImages(imgs)
		return imgs, nil
	}

	var imgs []Image
	err = filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("read manifests: %w", err)
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if d.IsDir() {
			if p == path {
				return nil
			}
			if strings.HasPrefix(d.Name(), ".") || Detect(p) != SourceManifests {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() || !hasManifestExt(p) {
			return nil
		}
		found, err := readManifestFile(p)
		if err != nil {
			return err
		}
		imgs = append(imgs, found...)
		return nil
	})
	if err != nil {
		return nil, err
	}
	sortImages(imgs)
	return imgs, nil
}

func readManifestFile(path string) ([]Image, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read manifests: %w", err)
	}
	return imagesFromYAML(data, path, "")
}

func hasManifestExt(path string) bool {
	return slices.Contains(manifestExts, strings.ToLower(filepath.Ext(path)))
}
