// Package chart answers "which container images would this deploy?" for a
// Helm chart release, a Kustomize directory or a set of plain manifests,
// entirely offline: nothing here talks to a cluster.
//
// Every source is first turned into Kubernetes YAML (Helm renders like
// `helm template`, Kustomize builds like `kustomize build`, manifests are
// read as they are) and then goes through one shared extractor,
// ImagesFromYAML, so that a Deployment is read the same way whatever
// produced it.
package chart
