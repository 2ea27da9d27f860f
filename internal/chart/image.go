package chart

import (
	"cmp"
	"slices"
)

// Image is one container image that a workload would run.
type Image struct {
	Source    string // the chart, directory or file the image was found in
	Release   string // Helm release name, or "" for manifests and Kustomize
	Namespace string // metadata.namespace, or the release namespace for Helm objects that leave it out
	Kind      string // workload kind: Deployment, StatefulSet, DaemonSet, CronJob, Job, Pod, ReplicaSet, ...
	Name      string // workload name (metadata.name, else metadata.generateName)
	Container string
	Init      bool   // an initContainer
	Image     string // the image reference exactly as rendered
}

// sortImages orders images by namespace, kind, name and container so that
// output does not depend on file-walk or template order. The remaining
// fields only break ties (the same workload defined in two files), which
// keeps the order total and therefore stable across runs.
func sortImages(imgs []Image) {
	slices.SortFunc(imgs, compareImages)
}

func compareImages(a, b Image) int {
	return cmp.Or(
		cmp.Compare(a.Namespace, b.Namespace),
		cmp.Compare(a.Kind, b.Kind),
		cmp.Compare(a.Name, b.Name),
		cmp.Compare(a.Container, b.Container),
		compareBool(a.Init, b.Init),
		cmp.Compare(a.Image, b.Image),
		cmp.Compare(a.Source, b.Source),
		cmp.Compare(a.Release, b.Release),
	)
}

func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case !a:
		return -1
	default:
		return 1
	}
}
