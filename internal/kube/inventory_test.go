package kube

import (
	"context"
	"maps"
	"slices"
	"strings"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
)

// kwokCustom is the pod annotation that makes kwok leave a pod's status alone: its pods stay Pending, as they
// would on a node that cannot pull the image.
var kwokCustom = map[string]string{"kwok.x-k8s.io/status": "custom"}

// TestInventory lays out one of each kind of workload across environments and owners, on the real API server,
// and checks the inventory row by row: nothing missing, nothing extra (no pod of a controller listed as a bare
// Pod, no ReplicaSet of a Deployment, no Job of a CronJob).
func TestInventory(t *testing.T) {
	c, _ := cluster(t)
	ctx := t.Context()
	createNamespace(t, c, "qa", nil, nil)
	createNamespace(t, c, "staging", nil, nil)
	createNamespace(t, c, "prod", nil, nil)
	createNamespace(t, c, "prod-payments", map[string]string{"owner": "ns-team"}, nil)
	createNamespace(t, c, "team-a", nil, map[string]string{"team": "annot-team"})

	// qa: a 3-replica Deployment owned by its label; one pinned by digest whose owner is on its pod template
	// only; one whose pods kwok leaves Pending, owned by no one, running the same tag as the first.
	web := deployment(objMeta("qa", "web", map[string]string{"owner": "web-team", "app": "web"}), 3,
		template("web", ctr("web", "registry.example/web:1.0")))
	pinnedTmpl := template("web-pinned", ctr("api", "registry.example/api@"+digestB))
	pinnedTmpl.Labels["team"] = "tmpl-team"
	pinned := deployment(objMeta("qa", "web-pinned", nil), 1, pinnedTmpl)
	stuckTmpl := template("stuck", ctr("web", "registry.example/web:1.0"))
	stuckTmpl.Annotations = kwokCustom
	stuck := deployment(objMeta("qa", "stuck", nil), 2, stuckTmpl)
	for _, d := range []*appsv1.Deployment{web, pinned, stuck} {
		_, err := c.AppsV1().Deployments("qa").Create(ctx, d, metav1.CreateOptions{})
		must(t, err)
	}

	// staging: a StatefulSet with an init container, owned by its "team" label.
	dbTmpl := template("db", ctr("db", "registry.example/db@"+digestA))
	dbTmpl.Spec.InitContainers = []corev1.Container{ctr("migrate", "registry.example/migrate:3")}
	_, err := c.AppsV1().StatefulSets("staging").Create(ctx,
		statefulSet(objMeta("staging", "db", map[string]string{"team": "db-team"}), 2, dbTmpl), metav1.CreateOptions{})
	must(t, err)

	// prod: a DaemonSet owned by an annotation, whose tag the registry does not know.
	agent := daemonSet(objMeta("prod", "agent", nil), template("agent", ctr("agent", "registry.example/agent:missing")))
	agent.Annotations = map[string]string{"patchbay.dev/owner": "infra"}
	_, err = c.AppsV1().DaemonSets("prod").Create(ctx, agent, metav1.CreateOptions{})
	must(t, err)

	// prod-payments: a CronJob with no owner of its own (its namespace's label names one), run once by hand
	// as `kubectl create job --from=cronjob/nightly` does (a Job it controls); a Job of its own.
	cj, err := c.BatchV1().CronJobs("prod-payments").Create(ctx,
		cronJob(objMeta("prod-payments", "nightly", nil), template("nightly", ctr("batch", "registry.example/batch:1"))),
		metav1.CreateOptions{})
	must(t, err)
	run := &batchv1.Job{ObjectMeta: objMeta("prod-payments", "nightly-manual", nil), Spec: cj.Spec.JobTemplate.Spec}
	run.OwnerReferences = []metav1.OwnerReference{*metav1.NewControllerRef(cj, batchv1.SchemeGroupVersion.WithKind("CronJob"))}
	_, err = c.BatchV1().Jobs("prod-payments").Create(ctx, run, metav1.CreateOptions{})
	must(t, err)
	_, err = c.BatchV1().Jobs("prod-payments").Create(ctx, &batchv1.Job{
		ObjectMeta: objMeta("prod-payments", "migrate", map[string]string{"app.kubernetes.io/owner": "payments-dev"}),
		Spec:       jobSpec(template("migrate", ctr("migrate", "registry.example/batch:1"))),
	}, metav1.CreateOptions{})
	must(t, err)

	// team-a (owner in a namespace annotation, no environment rule): two bare pods, one owned by its label; a
	// ReplicaSet no Deployment controls; a pod controlled by an object of a kind the inventory does not list.
	for _, p := range []*corev1.Pod{
		{ObjectMeta: objMeta("team-a", "debug", nil), Spec: corev1.PodSpec{Containers: []corev1.Container{ctr("sh", "registry.example/tools:1")}}},
		{ObjectMeta: objMeta("team-a", "tool", map[string]string{"owner": "pod-owner"}), Spec: corev1.PodSpec{Containers: []corev1.Container{ctr("tool", "registry.example/tools:1")}}},
	} {
		_, err := c.CoreV1().Pods("team-a").Create(ctx, p, metav1.CreateOptions{})
		must(t, err)
	}
	_, err = c.AppsV1().ReplicaSets("team-a").Create(ctx,
		replicaSet(objMeta("team-a", "rs-alone", nil), 1, template("rs-alone", ctr("app", "registry.example/alone:1"))), metav1.CreateOptions{})
	must(t, err)
	// A ConfigMap stands for an operator's custom resource: a real object (so the garbage collector keeps the
	// pod), of a kind the inventory does not list.
	widget, err := c.CoreV1().ConfigMaps("team-a").Create(ctx, &corev1.ConfigMap{ObjectMeta: objMeta("team-a", "widget", nil)}, metav1.CreateOptions{})
	must(t, err)
	widgetPod := &corev1.Pod{ObjectMeta: objMeta("team-a", "widget-0", nil),
		Spec: corev1.PodSpec{Containers: []corev1.Container{ctr("widget", "registry.example/widget@"+digestC)}}}
	widgetPod.OwnerReferences = []metav1.OwnerReference{*metav1.NewControllerRef(widget, corev1.SchemeGroupVersion.WithKind("ConfigMap"))}
	_, err = c.CoreV1().Pods("team-a").Create(ctx, widgetPod, metav1.CreateOptions{})
	must(t, err)

	waitInventoryFixtures(t, c)

	reg := newRegistry(map[string]string{
		"registry.example/web:1.0":   digestA,
		"registry.example/migrate:3": digestC,
		"registry.example/batch:1":   digestB,
		"registry.example/tools:1":   digestC,
		"registry.example/alone:1":   digestA,
	})
	rules, err := ParseEnvRules("qa=qa,staging=staging,prod*=prod")
	must(t, err)
	rows, err := Inventory(ctx, c, Config{Cluster: "harness", EnvRules: rules, Resolve: reg.resolve})
	must(t, err)

	type want struct {
		init                  bool
		image, digest, source string
		env, owner            string
		replicas, ready       int
		digestError           string
	}
	wants := map[string]want{
		"qa/Deployment/web/web":               {image: "registry.example/web:1.0", digest: digestA, source: SourceResolved, env: "qa", owner: "web-team", replicas: 3, ready: 3},
		"qa/Deployment/web-pinned/api":        {image: "registry.example/api@" + digestB, digest: digestB, source: SourcePinned, env: "qa", owner: "tmpl-team", replicas: 1, ready: 1},
		"qa/Deployment/stuck/web":             {image: "registry.example/web:1.0", digest: digestA, source: SourceResolved, env: "qa", owner: "", replicas: 2, ready: 0},
		"staging/StatefulSet/db/migrate":      {init: true, image: "registry.example/migrate:3", digest: digestC, source: SourceResolved, env: "staging", owner: "db-team", replicas: 2, ready: 2},
		"staging/StatefulSet/db/db":           {image: "registry.example/db@" + digestA, digest: digestA, source: SourcePinned, env: "staging", owner: "db-team", replicas: 2, ready: 2},
		"prod/DaemonSet/agent/agent":          {image: "registry.example/agent:missing", env: "prod", owner: "infra", replicas: 1, ready: 1, digestError: "registry.example/agent:missing not found"},
		"prod-payments/CronJob/nightly/batch": {image: "registry.example/batch:1", digest: digestB, source: SourceResolved, env: "prod", owner: "ns-team"},
		"prod-payments/Job/migrate/migrate":   {image: "registry.example/batch:1", digest: digestB, source: SourceResolved, env: "prod", owner: "payments-dev", replicas: 1},
		"team-a/Pod/debug/sh":                 {image: "registry.example/tools:1", digest: digestC, source: SourceResolved, owner: "annot-team", replicas: 1, ready: 1},
		"team-a/Pod/tool/tool":                {image: "registry.example/tools:1", digest: digestC, source: SourceResolved, owner: "pod-owner", replicas: 1, ready: 1},
		"team-a/ReplicaSet/rs-alone/app":      {image: "registry.example/alone:1", digest: digestA, source: SourceResolved, owner: "annot-team", replicas: 1, ready: 1},
		"team-a/ConfigMap/widget/widget":      {image: "registry.example/widget@" + digestC, digest: digestC, source: SourcePinned, owner: "annot-team", replicas: 1, ready: 1},
	}
	got := rowsIn(rows, "qa", "staging", "prod", "prod-payments", "team-a")
	for key, w := range wants {
		r, ok := got[key]
		if !ok {
			t.Errorf("%s: missing from the inventory", key)
			continue
		}
		g := want{r.Init, r.Image, r.Digest, r.DigestSource, r.Environment, r.Owner, r.Replicas, r.Ready, r.DigestError}
		if w.digestError != "" && strings.Contains(g.digestError, w.digestError) {
			g.digestError = w.digestError
		}
		if g != w {
			t.Errorf("%s:\n got %+v\nwant %+v", key, g, w)
		}
		if r.Cluster != "harness" || len(r.OtherDigests) != 0 {
			t.Errorf("%s: cluster %q, other digests %q; want harness and none", key, r.Cluster, r.OtherDigests)
		}
	}
	for _, key := range slices.Sorted(maps.Keys(got)) {
		if _, ok := wants[key]; !ok {
			t.Errorf("%s: listed, but is no workload of its own (a controller's pod, ReplicaSet or Job?)", key)
		}
	}
	if l := got["qa/Deployment/web/web"].Labels; l["owner"] != "web-team" || l["app"] != "web" || len(l) != 2 {
		t.Errorf("web's labels = %v, want its own two", l)
	}

	// The init container comes before the container it prepares for, as in the spec.
	var dbOrder []string
	for _, r := range rows {
		if r.Namespace == "staging" && r.Name == "db" {
			dbOrder = append(dbOrder, r.Container)
		}
	}
	if !slices.Equal(dbOrder, []string{"migrate", "db"}) {
		t.Errorf("db's rows come as %v, want [migrate db]", dbOrder)
	}
	// Each distinct tag is asked once per inventory, whatever the number of rows running it; pinned ones never.
	for ref, n := range map[string]int{"registry.example/web:1.0": 1, "registry.example/batch:1": 1,
		"registry.example/tools:1": 1, "registry.example/api@" + digestB: 0, "registry.example/db@" + digestA: 0} {
		if reg.times(ref) != n {
			t.Errorf("Resolve(%s) was called %d times, want %d", ref, reg.times(ref), n)
		}
	}
}

// waitInventoryFixtures waits until the controllers have made and kwok has run the pods of TestInventory's
// workloads, so that the counts and the absence of their pods from the inventory mean something.
func waitInventoryFixtures(t *testing.T, c kubernetes.Interface) {
	t.Helper()
	ready := map[string]func(ctx context.Context) (bool, error){
		"qa/web ready": func(ctx context.Context) (bool, error) {
			d, err := c.AppsV1().Deployments("qa").Get(ctx, "web", metav1.GetOptions{})
			return err == nil && d.Status.ReadyReplicas == 3, err
		},
		"qa/web-pinned ready": func(ctx context.Context) (bool, error) {
			d, err := c.AppsV1().Deployments("qa").Get(ctx, "web-pinned", metav1.GetOptions{})
			return err == nil && d.Status.ReadyReplicas == 1, err
		},
		"qa/stuck's 2 pods made": func(ctx context.Context) (bool, error) {
			pods, err := podsOf(ctx, c, "qa", "stuck")
			return len(pods) == 2, err
		},
		"staging/db ready": func(ctx context.Context) (bool, error) {
			s, err := c.AppsV1().StatefulSets("staging").Get(ctx, "db", metav1.GetOptions{})
			return err == nil && s.Status.ReadyReplicas == 2, err
		},
		"prod/agent ready": func(ctx context.Context) (bool, error) {
			d, err := c.AppsV1().DaemonSets("prod").Get(ctx, "agent", metav1.GetOptions{})
			return err == nil && d.Status.DesiredNumberScheduled == 1 && d.Status.NumberReady == 1, err
		},
		"team-a/rs-alone ready": func(ctx context.Context) (bool, error) {
			r, err := c.AppsV1().ReplicaSets("team-a").Get(ctx, "rs-alone", metav1.GetOptions{})
			return err == nil && r.Status.ReadyReplicas == 1, err
		},
	}
	for _, job := range []string{"nightly-manual", "migrate"} {
		ready["prod-payments/"+job+" complete"] = func(ctx context.Context) (bool, error) {
			j, err := c.BatchV1().Jobs("prod-payments").Get(ctx, job, metav1.GetOptions{})
			return err == nil && j.Status.CompletionTime != nil, err
		}
	}
	for _, pod := range []string{"debug", "tool", "widget-0"} {
		ready["team-a/"+pod+" ready"] = func(ctx context.Context) (bool, error) {
			p, err := c.CoreV1().Pods("team-a").Get(ctx, pod, metav1.GetOptions{})
			return err == nil && podReady(p), err
		}
	}
	for _, what := range slices.Sorted(maps.Keys(ready)) {
		waitFor(t, what, ready[what])
	}
}
