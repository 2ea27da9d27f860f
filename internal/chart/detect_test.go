package chart

import "testing"

func TestDetect(t *testing.T) {
	tests := []struct{ path, want string }{
		{"testdata/charts/petclinic", SourceHelm},
		{"testdata/charts/petclinic/Chart.yaml", SourceHelm},
		{"testdata/charts/petclinic/charts/cache", SourceHelm},
		{"some/chart-1.0.0.tgz", SourceManifests}, // does not exist
		{"testdata/kustomize/base", SourceKustomize},
		{"testdata/kustomize/overlays/prod", SourceKustomize},
		{"testdata/kustomize/overlays/prod/kustomization.yaml", SourceKustomize},
		{"testdata/kustomize/overlays", SourceManifests},
		{"testdata/manifests", SourceManifests},
		{"testdata/manifests/workloads.json", SourceManifests},
		{"testdata/charts/petclinic/values.yaml", SourceManifests},
	}
	for _, tt := range tests {
		if got := Detect(tt.path); got != tt.want {
			t.Errorf("Detect(%q) = %q, want %q", tt.path, got, tt.want)
		}
	}
}
