// Package kube takes the inventory of the workloads running in a Kubernetes cluster: one row per container of
// each workload, with its environment, its owner and the image digest actually running, so that Patchbay knows
// what to patch and whom to tell.
//
// Decisions, each documented where it is implemented:
//   - Pods are reported through their controller (Deployment via its ReplicaSets, CronJob via its Jobs,
//     StatefulSet, DaemonSet); a ReplicaSet or Job without a controller is a workload of its own; a pod with no
//     controller is a bare Pod. A pod whose controller is of a kind this package does not list (an operator's
//     custom resource, a ReplicationController) or is gone is reported under that controller's kind and name,
//     from its pods: what runs must never vanish from the inventory. (build.go)
//   - Digest is the digest of the spec's image as the pods running that spec report it; when pods disagree
//     (a rollout in progress, or a tag that moved between two pulls) the majority wins, ties going to the
//     newest pod, and every other digest still running is listed in OtherDigests. (digests.go)
//   - Init containers (sidecars included) get rows of their own with Init set; ephemeral (debug) containers
//     are not part of a workload and are left out. (rows.go)
//   - Owner: the first OwnerKeys key found, as a label then as an annotation, on the workload, then on its pod
//     template, then on its namespace. (owner.go)
package kube

import (
	"context"
)

// EnvRule maps namespaces to an environment: NamespaceGlob is a path.Match pattern ("prod-*", "*-qa").
type EnvRule struct{ NamespaceGlob, Environment string }

// Config says which cluster to read and how to label what is found there.
type Config struct {
	Cluster    string // the name rows carry; free text
	Kubeconfig string // path; "" = clientcmd's default loading rules: $KUBECONFIG, then ~/.kube/config, then in-cluster
	Context    string // "" = the kubeconfig's current context
	EnvRules   []EnvRule
	// OwnerKeys are the label/annotation keys that name an owner, in order of preference; nil = DefaultOwnerKeys.
	OwnerKeys []string
	// Resolve resolves an image reference against its registry when no pod reports the digest it runs and the
	// spec does not pin one; nil = don't.
	Resolve func(ctx context.Context, imageRef string) (digest string, err error)
}

// DefaultOwnerKeys are the keys looked for when Config.OwnerKeys is nil.
var DefaultOwnerKeys = []string{"owner", "team", "app.kubernetes.io/owner", "patchbay.dev/owner"}

// Kinds of workload rows. A pod whose controller is of another kind is reported under that kind (see build.go).
const (
	KindDeployment  = "Deployment"
	KindStatefulSet = "StatefulSet"
	KindDaemonSet   = "DaemonSet"
	KindCronJob     = "CronJob"
	KindJob         = "Job"
	KindReplicaSet  = "ReplicaSet" // only a ReplicaSet no Deployment controls
	KindPod         = "Pod"        // only a pod no controller controls
)

// Where a Workload's Digest comes from.
const (
	SourceImageID  = "imageID"  // a pod's status.containerStatuses[].imageID: the kubelet's word
	SourcePinned   = "pinned"   // the spec names image@sha256:...
	SourceResolved = "resolved" // Config.Resolve asked the registry
)

// Workload is one container of one workload.
type Workload struct {
	Cluster, Namespace, Kind, Name string
	Container                      string // container name
	Init                           bool   // an init container (a sidecar too)
	Image                          string // as written in the spec
	Digest                         string // sha256:... running, or that would run; "" unknown
	DigestSource                   string // SourceImageID, SourcePinned, SourceResolved, or "" unknown
	// OtherDigests are the other digests this container runs in the workload's pods right now, sorted: the old
	// ones of a rollout in progress, or another digest of a tag that moved between two pulls. They are running
	// too, so they need patching too.
	OtherDigests []string
	DigestError  string // why Digest is unknown when Resolve failed
	Environment  string
	Owner        string
	Labels       map[string]string // the workload's own labels
	// Replicas is what the workload asks for (spec.replicas; DaemonSet: nodes it should run on; Job:
	// parallelism; Pod: 1; a foreign controller: its pods); Ready is how many are ready. CronJob: 0 and 0.
	Replicas, Ready int
}
