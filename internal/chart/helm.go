package chart

import (
	"cmp"
	"context"
	"fmt"

	"helm.sh/helm/v4/pkg/chart/common"
	"helm.sh/helm/v4/pkg/chart/common/util"
	chartv2 "helm.sh/helm/v4/pkg/chart/v2"
	chartutil "helm.sh/helm/v4/pkg/chart/v2/util"
	"helm.sh/helm/v4/pkg/engine"
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
	if err := chartutil.ValidateReleaseName(release); err != nil {
		return nil, fmt.Errorf("helm chart %s: release name %q: %w", chartPath, release, err)
	}

	vals, err := mergeValues(opt.ValuesFiles, opt.Set)
	if err != nil {
		return nil, fmt.Errorf("helm chart %s: %w", chartPath, err)
	}
	ch, err := loadChart(chartPath)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	files, err := renderChart(ch, vals, release, namespace)
	if err != nil {
		return nil, fmt.Errorf("render helm chart %s (release %s): %w", chartPath, release, err)
	}

	var imgs []Image
	for _, name := range sortedKeys(files) {
		// Each template is parsed on its own so that an error names it
		// (e.g. "petclinic/templates/deployment.yaml").
		found, err := imagesFromYAML([]byte(files[name]), name, namespace)
		if err != nil {
			return nil, fmt.Errorf("render helm chart %s (release %s): %w", chartPath, release, err)
		}
		imgs = append(imgs, found...)
	}
	for i := range imgs {
		imgs[i].Source = chartPath
		imgs[i].Release = release
	}
	sortImages(imgs)
	return imgs, nil
}

// renderChart does what `helm template` (action.Install in client-only
// dry-run mode) does between loading the chart and printing, and nothing
// that needs a cluster: enable or disable sub-charts by their conditions and
// tags, import values, check the chart's kubeVersion against the default
// Capabilities, validate values against values.schema.json, and execute the
// templates. It returns rendered manifests by template path, without
// NOTES.txt and without templates that rendered to nothing.
//
// pkg/action is not used because it links in cluster clients, release
// storage drivers (SQL), OCI registry and Wasm plugin support, none of which
// rendering needs: about forty more modules in go.mod.
func renderChart(ch *chartv2.Chart, vals map[string]any, release, namespace string) (map[string]string, error) {
	if err := chartutil.ProcessDependencies(ch, vals); err != nil {
		return nil, fmt.Errorf("chart dependencies: %w", err)
	}
	caps := common.DefaultCapabilities.Copy()
	if kv := ch.Metadata.KubeVersion; kv != "" && !chartutil.IsCompatibleRange(kv, caps.KubeVersion.String()) {
		return nil, fmt.Errorf("chart requires kubeVersion %s, which is incompatible with Kubernetes %s (Helm's default)", kv, caps.KubeVersion.Version)
	}
	opts := common.ReleaseOptions{Name: release, Namespace: namespace, Revision: 1, IsInstall: true}
	top, err := util.ToRenderValuesWithSchemaValidation(ch, vals, opts, caps, false)
	if err != nil {
		return nil, err
	}
	var e engine.Engine // no client: `lookup` returns empty results, as in `helm template`
	files, err := e.Render(ch, top)
	if err != nil {
		return nil, err
	}
	for name, content := range files {
		if isNotes(name) || isBlank(content) {
			delete(files, name)
		}
	}
	return files, nil
}
