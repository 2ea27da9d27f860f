package chart

import (
	"fmt"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	chartv2 "helm.sh/helm/v4/pkg/chart/v2"
	"helm.sh/helm/v4/pkg/chart/v2/loader"
)

// loadChart loads a chart directory or archive and refuses what
// `helm template` refuses before rendering: library charts, and
// dependencies listed in Chart.yaml but missing from charts/ (Helm would
// otherwise render without them and we would miss their images).
func loadChart(chartPath string) (*chartv2.Chart, error) {
	dir := chartPath
	if filepath.Base(dir) == "Chart.yaml" {
		dir = filepath.Dir(dir)
	}
	if _, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("load helm chart: %w", err)
	}
	ch, err := loader.Load(dir)
	if err != nil {
		return nil, fmt.Errorf("load helm chart %s: %w", chartPath, err)
	}
	if t := ch.Metadata.Type; t != "" && t != "application" {
		return nil, fmt.Errorf("helm chart %s: a %s chart cannot be installed, only application charts can", chartPath, t)
	}
	if missing := missingDependencies(ch); len(missing) > 0 {
		return nil, fmt.Errorf("helm chart %s: dependencies in Chart.yaml but missing in charts/: %s (run `helm dependency build`)",
			chartPath, strings.Join(missing, ", "))
	}
	return ch, nil
}

// missingDependencies mirrors action.CheckDependencies: a dependency is
// present when a sub-chart of that name was loaded from charts/.
func missingDependencies(ch *chartv2.Chart) []string {
	have := map[string]bool{}
	for _, sub := range ch.Dependencies() {
		have[sub.Name()] = true
	}
	var missing []string
	for _, dep := range ch.Metadata.Dependencies {
		if !have[dep.Name] {
			missing = append(missing, dep.Name)
		}
	}
	return missing
}

// isNotes tells NOTES.txt, which Helm renders like a template but prints
// as text for the user, not as a manifest.
func isNotes(name string) bool {
	return path.Base(name) == "NOTES.txt"
}

func isBlank(s string) bool {
	return strings.TrimSpace(s) == ""
}

func sortedKeys(m map[string]string) []string {
	return slices.Sorted(maps.Keys(m))
}
