package kube

import (
	"cmp"
	"maps"
	"slices"
	"sort"

	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
)

// snapshot is what the cluster holds, however it was read: listed at once (Inventory) or kept by informers
// (Watch). build reads it and never changes it (informer caches must not be written to).
type snapshot struct {
	namespaces   []*corev1.Namespace
	deployments  []*appsv1.Deployment
	replicaSets  []*appsv1.ReplicaSet
	statefulSets []*appsv1.StatefulSet
	daemonSets   []*appsv1.DaemonSet
	cronJobs     []*batchv1.CronJob
	jobs         []*batchv1.Job
	pods         []*corev1.Pod
}

// node is an object that can control pods, directly or through another one.
type node struct {
	kind string
	meta *metav1.ObjectMeta
}

// build turns a snapshot into rows, sorted by namespace, kind and name, containers in spec order. It does no
// I/O: digests that only a registry knows are filled in afterwards (resolver.fill).
func build(s *snapshot, cfg Config) []Workload {
	b := builder{cfg: cfg, keys: cfg.ownerKeys(), ns: map[string]*metav1.ObjectMeta{}, nodes: map[types.UID]node{},
		pods: map[types.UID][]*corev1.Pod{}, foreign: map[types.UID]*foreignGroup{}}
	for _, n := range s.namespaces {
		b.ns[n.Name] = &n.ObjectMeta
	}
	add := func(kind string, m *metav1.ObjectMeta) { b.nodes[m.UID] = node{kind, m} }
	for _, o := range s.deployments {
		add(KindDeployment, &o.ObjectMeta)
	}
	for _, o := range s.replicaSets {
		add(KindReplicaSet, &o.ObjectMeta)
	}
	for _, o := range s.statefulSets {
		add(KindStatefulSet, &o.ObjectMeta)
	}
	for _, o := range s.daemonSets {
		add(KindDaemonSet, &o.ObjectMeta)
	}
	for _, o := range s.cronJobs {
		add(KindCronJob, &o.ObjectMeta)
	}
	for _, o := range s.jobs {
		add(KindJob, &o.ObjectMeta)
	}
	for _, p := range s.pods {
		b.attach(p)
	}

	for _, d := range s.deployments {
		b.emit(KindDeployment, &d.ObjectMeta, &d.Spec.Template, replicas(d.Spec.Replicas), int(d.Status.ReadyReplicas))
	}
	for _, r := range s.replicaSets {
		if metav1.GetControllerOf(r) == nil {
			b.emit(KindReplicaSet, &r.ObjectMeta, &r.Spec.Template, replicas(r.Spec.Replicas), int(r.Status.ReadyReplicas))
		}
	}
	for _, st := range s.statefulSets {
		b.emit(KindStatefulSet, &st.ObjectMeta, &st.Spec.Template, replicas(st.Spec.Replicas), int(st.Status.ReadyReplicas))
	}
	for _, d := range s.daemonSets {
		b.emit(KindDaemonSet, &d.ObjectMeta, &d.Spec.Template, int(d.Status.DesiredNumberScheduled), int(d.Status.NumberReady))
	}
	for _, c := range s.cronJobs {
		b.emit(KindCronJob, &c.ObjectMeta, &c.Spec.JobTemplate.Spec.Template, 0, 0)
	}
	for _, j := range s.jobs {
		if metav1.GetControllerOf(j) == nil {
			ready := 0
			if j.Status.Ready != nil {
				ready = int(*j.Status.Ready)
			}
			b.emit(KindJob, &j.ObjectMeta, &j.Spec.Template, replicas(j.Spec.Parallelism), ready)
		}
	}
	for _, p := range s.pods {
		if isBare(p) && !podFinished(p) {
			b.emitPod(p)
		}
	}
	b.emitForeign()

	sort.SliceStable(b.rows, func(i, j int) bool {
		x, y := b.rows[i], b.rows[j]
		if x.Namespace != y.Namespace {
			return x.Namespace < y.Namespace
		}
		if x.Kind != y.Kind {
			return x.Kind < y.Kind
		}
		return x.Name < y.Name
	})
	return b.rows
}

type builder struct {
	cfg     Config
	keys    []string
	ns      map[string]*metav1.ObjectMeta
	nodes   map[types.UID]node
	pods    map[types.UID][]*corev1.Pod // by the UID of the workload reporting them
	foreign map[types.UID]*foreignGroup // by the UID of a controller this package does not list, or that is gone
	rows    []Workload
}

// foreignGroup gathers the running pods of a controller known only from their ownerReferences.
type foreignGroup struct {
	ref  metav1.OwnerReference
	ns   string
	pods []*corev1.Pod
}

// isBare says whether no controller owns the pod. A mirror pod (a static pod, "controlled" by its Node) is bare:
// nothing but that node's manifest describes it.
func isBare(p *corev1.Pod) bool {
	c := metav1.GetControllerOf(p)
	return c == nil || c.Kind == "Node"
}

// attach files the pod under the workload that reports it: up the chain of controllers (pod → ReplicaSet →
// Deployment, pod → Job → CronJob) to the first one that is not a ReplicaSet or a Job, or to a ReplicaSet or
// Job that nothing controls. If the chain reaches a controller not in the snapshot (a custom resource, or one
// being deleted), the pod goes to that controller's foreign group, unless it is finished.
func (b *builder) attach(p *corev1.Pod) {
	if isBare(p) {
		return
	}
	ref := metav1.GetControllerOf(p)
	for range 8 { // a chain of ownerReferences can loop: give up on the pod rather than spin
		n, ok := b.nodes[ref.UID]
		if !ok {
			if podFinished(p) {
				return
			}
			g := b.foreign[ref.UID]
			if g == nil {
				g = &foreignGroup{ref: *ref, ns: p.Namespace}
				b.foreign[ref.UID] = g
			}
			g.pods = append(g.pods, p)
			return
		}
		up := metav1.GetControllerOfNoCopy(n.meta)
		if (n.kind != KindReplicaSet && n.kind != KindJob) || up == nil {
			b.pods[ref.UID] = append(b.pods[ref.UID], p)
			return
		}
		ref = up
	}
}

// emit adds the rows of one workload that has a pod template.
func (b *builder) emit(kind string, m *metav1.ObjectMeta, tmpl *corev1.PodTemplateSpec, replicas, ready int) {
	base := b.base(kind, m.Namespace, m.Name, m.Labels, m, &tmpl.ObjectMeta)
	base.Replicas, base.Ready = replicas, ready
	b.rows = append(b.rows, containerRows(base, &tmpl.Spec, b.pods[m.UID])...)
}

func (b *builder) emitPod(p *corev1.Pod) {
	base := b.base(KindPod, p.Namespace, p.Name, p.Labels, &p.ObjectMeta)
	base.Replicas = 1
	if podReady(p) {
		base.Ready = 1
	}
	b.rows = append(b.rows, containerRows(base, &p.Spec, []*corev1.Pod{p})...)
}

// emitForeign reports each foreign controller from its newest pod's spec and labels (there is no template to
// read), counting its running pods as its replicas.
func (b *builder) emitForeign() {
	groups := slices.SortedFunc(maps.Values(b.foreign), func(x, y *foreignGroup) int {
		return cmp.Or(cmp.Compare(x.ns, y.ns), cmp.Compare(x.ref.Kind, y.ref.Kind), cmp.Compare(x.ref.Name, y.ref.Name),
			cmp.Compare(x.ref.UID, y.ref.UID)) // in a fixed order, so that rows come out the same each time
	})
	for _, g := range groups {
		newest := g.pods[0]
		ready := 0
		for _, p := range g.pods {
			if p.CreationTimestamp.After(newest.CreationTimestamp.Time) ||
				p.CreationTimestamp.Equal(&newest.CreationTimestamp) && p.Name > newest.Name {
				newest = p
			}
			if podReady(p) {
				ready++
			}
		}
		base := b.base(g.ref.Kind, g.ns, g.ref.Name, newest.Labels, &newest.ObjectMeta)
		base.Replicas, base.Ready = len(g.pods), ready
		b.rows = append(b.rows, containerRows(base, &newest.Spec, g.pods)...)
	}
}

// base fills what every row of a workload shares; owners are the objects that may name its owner, most
// specific first (the namespace comes last, added here).
func (b *builder) base(kind, namespace, name string, labels map[string]string, owners ...*metav1.ObjectMeta) Workload {
	return Workload{
		Cluster:     b.cfg.Cluster,
		Namespace:   namespace,
		Kind:        kind,
		Name:        name,
		Environment: environment(b.cfg.EnvRules, namespace),
		Owner:       owner(b.keys, append(owners, b.ns[namespace])...),
		Labels:      maps.Clone(labels), // callers may change their rows; the informer's cache must stay as it is
	}
}

// replicas reads an optional count, which the API server defaults to 1.
func replicas(n *int32) int {
	if n == nil {
		return 1
	}
	return int(*n)
}
