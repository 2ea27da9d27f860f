package chart

import (
	"cmp"
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"helm.sh/helm/v4/pkg/action"
	ci "helm.sh/helm/v4/pkg/chart"
	chartv2 "helm.sh/helm/v4/pkg/chart/v2"
	"helm.sh/helm/v4/pkg/chart/v2/loader"
	releasev1 "helm.sh/helm/v4/pkg/release/v1"
)

// Defaults that `helm template` uses when no release name or namespace is
// given, so that output matches what users see from the CLI.
const (
	DefaultRelease   = "release-name"
	DefaultNamespace = "default"
)

// HelmOptions are the inputs of one release of a chart in one environment.
type HelmOptions struct {
	Release     string   // release name; DefaultRelease when empty
	Namespace   string   // release namespace; DefaultNamespace when empty
	ValuesFiles []string // like -f, in order: later files win
	Set         []string // like --set key=value, applied after the files
}

// RenderHelm renders a chart (a directory, its Chart.yaml, or a packaged
// .tgz) as `helm template` would, and returns the images of the result.
//
// Rendering is client-side only: Capabilities are Helm's defaults, `lookup`
// returns nothing and no cluster is contacted. Dependencies must be vendored
// in charts/ (as after `helm dependency build`); nothing is downloaded.
// Hooks are included, tests too, because `helm template` prints them and
// their images run in the cluster all the same. Objects that name no
// namespace are reported in the release namespace, where Helm would create
// them.
func RenderHelm(ctx context.Context, chartPath string, opt HelmOptions) ([]Image, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	release := cmp.Or(opt.Release, DefaultRelease)
	namespace := cmp.Or(opt.Namespace, DefaultNamespace)

	vals, err := mergeValues(opt.ValuesFiles, opt.Set)
	if err != nil {
		return nil, fmt.Errorf("helm chart %s: %w", chartPath, err)
	}
	ch, err := loadChart(chartPath)
	if err != nil {
		return nil, err
	}

	cfg := action.NewConfiguration(action.ConfigurationSetLogger(slog.DiscardHandler))
	install := action.NewInstall(cfg)
	install.DryRunStrategy = action.DryRunClient
	install.ReleaseName = release
	install.Namespace = namespace
	install.Replace = true // as `helm template` does: no release store to check names against
	rel, err := install.RunWithContext(ctx, ch, vals)
	if err != nil {
		return nil, fmt.Errorf("render helm chart %s (release %s): %w", chartPath, release, err)
	}
	r, ok := rel.(*releasev1.Release)
	if !ok {
		return nil, fmt.Errorf("render helm chart %s: unexpected release type %T", chartPath, rel)
	}

	imgs, err := imagesFromYAML([]byte(renderedManifests(r)), chartPath, namespace)
	if err != nil {
		return nil, fmt.Errorf("render helm chart %s (release %s): %w", chartPath, release, err)
	}
	for i := range imgs {
		imgs[i].Release = release
	}
	sortImages(imgs)
	return imgs, nil
}

// loadChart loads a chart and refuses what `helm template` refuses before
// rendering: library charts, and dependencies listed in Chart.yaml but
// missing from charts/.
func loadChart(chartPath string) (*chartv2.Chart, error) {
	path := chartPath
	if filepath.Base(path) == "Chart.yaml" {
		path = filepath.Dir(path)
	}
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("load helm chart: %w", err)
	}
	ch, err := loader.Load(path)
	if err != nil {
		return nil, fmt.Errorf("load helm chart %s: %w", chartPath, err)
	}
	if t := ch.Metadata.Type; t != "" && t != "application" {
		return nil, fmt.Errorf("helm chart %s: %s charts are not installable", chartPath, t)
	}
	if deps := ch.Metadata.Dependencies; len(deps) > 0 {
		reqs := make([]ci.Dependency, len(deps))
		for i, d := range deps {
			reqs[i] = d
		}
		if err := action.CheckDependencies(ch, reqs); err != nil {
			return nil, fmt.Errorf("helm chart %s: %w (run `helm dependency build`)", chartPath, err)
		}
	}
	return ch, nil
}

// renderedManifests joins the release manifest and its hooks into one YAML
// stream, as `helm template` prints them.
func renderedManifests(r *releasev1.Release) string {
	var b strings.Builder
	b.WriteString(r.Manifest)
	for _, h := range r.Hooks {
		b.WriteString("\n---\n")
		b.WriteString(h.Manifest)
	}
	return b.String()
}
