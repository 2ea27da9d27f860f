package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/patchbay/patchbay/internal/analyze"
	"github.com/patchbay/patchbay/internal/image"
	"github.com/patchbay/patchbay/internal/sbom"
)

// imageFlags are the flags of every command that reads an image.
type imageFlags struct {
	platform string
	insecure bool
	noCache  bool
	cacheDir string
	quiet    bool
}

func (f *imageFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&f.platform, "platform", "linux/amd64", "platform to pick from a multi-platform image, os/arch[/variant]")
	fl.BoolVar(&f.insecure, "insecure", false, "allow plain HTTP and unverified TLS registries")
	fl.BoolVar(&f.noCache, "no-cache", false, "read every layer again instead of using the layer cache")
	fl.StringVar(&f.cacheDir, "cache-dir", "", "layer cache directory (default $PATCHBAY_CACHE_DIR or the user cache dir)")
	fl.BoolVarP(&f.quiet, "quiet", "q", false, "no progress on stderr")
}

type analyzeResult = analyze.Result

// options are the image options the flags say; the platform is checked by analyzeImage first.
func (f *imageFlags) options() image.Options {
	plat, _ := image.ParsePlatform(f.platform)
	return image.Options{Platform: plat, Insecure: f.insecure, UserAgent: "patchbay/" + version}
}

// analyzeImage opens the image and analyses it, with progress on stderr when that is a terminal. sbomOnly says
// the caller needs no per-layer results (an image seen before is then answered from its cached SBOM).
func (f *imageFlags) analyzeImage(ctx context.Context, ref string, sbomOnly bool) (*image.Image, *analyze.Result, error) {
	if _, err := image.ParsePlatform(f.platform); err != nil {
		return nil, nil, err
	}
	img, err := image.Open(ctx, ref, f.options())
	if err != nil {
		return nil, nil, err
	}
	a, err := f.analyzer()
	if err != nil {
		return nil, nil, err
	}
	a.SBOMOnly = sbomOnly
	if !f.quiet && isTerminal(os.Stderr) {
		a.Progress = func(done, total int, l image.Layer, cached bool) {
			how := "read"
			if cached {
				how = "cached"
			}
			fmt.Fprintf(os.Stderr, "\r\033[K%s: layer %d/%d %s", img.Name, done, total, how)
			if done == total {
				fmt.Fprint(os.Stderr, "\r\033[K")
			}
		}
	}
	res, err := a.Analyze(ctx, img)
	if err != nil {
		return nil, nil, err
	}
	for _, w := range res.SBOM.Warnings {
		if !f.quiet {
			fmt.Fprintf(os.Stderr, "warning: %s: %s\n", img.Name, w)
		}
	}
	return img, res, nil
}

// analyzer builds the analyser the flags say (layer cache unless --no-cache).
func (f *imageFlags) analyzer() (*analyze.Analyzer, error) {
	cats := analyze.DefaultCatalogers()
	a := &analyze.Analyzer{Catalogers: cats, Tool: sbom.Tool{Name: "patchbay", Version: version}}
	if !f.noCache {
		dir := f.cacheDir
		if dir == "" {
			var err error
			if dir, err = analyze.DefaultCacheDir(); err != nil {
				return nil, err
			}
		}
		a.Cache = analyze.OpenCache(filepath.Clean(dir), analyze.AnalyserVersion(cats))
	}
	return a, nil
}

func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
