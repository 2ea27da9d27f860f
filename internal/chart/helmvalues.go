package chart

import (
	"bytes"
	"fmt"
	"os"

	"helm.sh/helm/v4/pkg/chart/v2/loader"
	"helm.sh/helm/v4/pkg/strvals"
)

// mergeValues combines values files and --set expressions the way
// `helm template -f a.yaml -f b.yaml --set k=v` does: later files override
// earlier ones key by key, and --set overrides every file.
//
// Helm's own values.Options.MergeValues would also do this, but it reads
// "-" from standard input and fetches URLs through getters; values files
// here are always local paths, and errors name the file plainly.
func mergeValues(files, set []string) (map[string]any, error) {
	base := map[string]any{}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			return nil, fmt.Errorf("values file: %w", err)
		}
		vals, err := loader.LoadValues(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("values file %s: %w", file, err)
		}
		base = loader.MergeMaps(base, vals)
	}
	for _, expr := range set {
		if err := strvals.ParseInto(expr, base); err != nil {
			return nil, fmt.Errorf("--set %q: %w", expr, err)
		}
	}
	return base, nil
}
