package kube

import (
	"context"
	"maps"
	"slices"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/util/retry"
)

// TestInventoryDigestsFromPodStatus checks the digests read from the imageIDs pods report, through the real
// API server: kwok reports none, so the test plays the kubelet for pods kwok is told to leave alone, writing
// their status as a kubelet would. Pods that disagree yield the majority's digest and the others beside it;
// a rollout in progress yields the new spec's digest, and the old one as still running.
func TestInventoryDigestsFromPodStatus(t *testing.T) {
	c, _ := cluster(t)
	ctx := t.Context()
	const ns = "digests"
	createNamespace(t, c, ns, nil, nil)

	mixedTmpl := template("mixed", ctr("app", "registry.example/mixed:1"))
	mixedTmpl.Annotations = kwokCustom
	rollTmpl := template("roll", ctr("app", "registry.example/roll:1"))
	rollTmpl.Annotations = kwokCustom
	for _, d := range []*appsv1.Deployment{
		deployment(objMeta(ns, "mixed", nil), 3, mixedTmpl),
		deployment(objMeta(ns, "roll", nil), 2, rollTmpl),
	} {
		_, err := c.AppsV1().Deployments(ns).Create(ctx, d, metav1.CreateOptions{})
		must(t, err)
	}

	// mixed: three pods of one spec whose node pulled the tag at different times; each runtime writes its
	// imageID its own way.
	mixed := waitPods(t, c, ns, "mixed", 3, "registry.example/mixed:1")
	reportRunning(t, c, ns, mixed[0], "docker-pullable://registry.example/mixed@"+digestA)
	reportRunning(t, c, ns, mixed[1], "registry.example/mixed@"+digestA)
	reportRunning(t, c, ns, mixed[2], digestB)
	waitReady(t, c, ns, "mixed", 3)

	// roll: two pods running digest A, then a new image; the new spec's first pod runs digest B.
	for _, p := range waitPods(t, c, ns, "roll", 2, "registry.example/roll:1") {
		reportRunning(t, c, ns, p, "registry.example/roll@"+digestA)
	}
	waitReady(t, c, ns, "roll", 2)
	must(t, retry.RetryOnConflict(retry.DefaultRetry, func() error {
		d, err := c.AppsV1().Deployments(ns).Get(ctx, "roll", metav1.GetOptions{})
		if err != nil {
			return err
		}
		d.Spec.Template.Spec.Containers[0].Image = "registry.example/roll:2"
		_, err = c.AppsV1().Deployments(ns).Update(ctx, d, metav1.UpdateOptions{})
		return err
	}))
	newPods := waitPods(t, c, ns, "roll", 1, "registry.example/roll:2")
	reportRunning(t, c, ns, newPods[0], "registry.example/roll@"+digestB)

	reg := newRegistry(map[string]string{"registry.example/roll:2": digestC})
	rows, err := Inventory(ctx, c, Config{Resolve: reg.resolve})
	must(t, err)
	got := rowsIn(rows, ns)
	if len(got) != 2 {
		t.Errorf("rows in %s: %v; want mixed's and roll's only", ns, slices.Sorted(maps.Keys(got)))
	}
	m := got[ns+"/Deployment/mixed/app"]
	if m.Digest != digestA || m.DigestSource != SourceImageID || !slices.Equal(m.OtherDigests, []string{digestB}) || m.Ready != 3 {
		t.Errorf("mixed: digest %s (%s), others %v, ready %d; want %s (imageID), [%s], 3",
			m.Digest, m.DigestSource, m.OtherDigests, m.Ready, digestA, digestB)
	}
	r := got[ns+"/Deployment/roll/app"]
	if r.Image != "registry.example/roll:2" || r.Digest != digestB || r.DigestSource != SourceImageID ||
		!slices.Equal(r.OtherDigests, []string{digestA}) {
		t.Errorf("roll: image %s, digest %s (%s), others %v; want registry.example/roll:2, %s (imageID), [%s]",
			r.Image, r.Digest, r.DigestSource, r.OtherDigests, digestB, digestA)
	}
	// A digest the kubelet reports is not asked of the registry.
	if n := reg.times("registry.example/roll:2"); n != 0 {
		t.Errorf("Resolve(registry.example/roll:2) called %d times, want 0: a pod reports its digest", n)
	}
}

// waitPods waits for at least n pods labelled app=<app> whose container runs image, and returns their names,
// oldest first.
func waitPods(t *testing.T, c kubernetes.Interface, ns, app string, n int, image string) []string {
	t.Helper()
	var names []string
	waitFor(t, "pods of "+app+" running "+image, func(ctx context.Context) (bool, error) {
		pods, err := podsOf(ctx, c, ns, app)
		slices.SortFunc(pods, func(a, b corev1.Pod) int { return a.CreationTimestamp.Compare(b.CreationTimestamp.Time) })
		names = names[:0]
		for _, p := range pods {
			if p.Spec.Containers[0].Image == image && p.DeletionTimestamp == nil {
				names = append(names, p.Name)
			}
		}
		return len(names) >= n, err
	})
	return names[:n]
}

// waitReady waits for the Deployment's controller to count n ready replicas.
func waitReady(t *testing.T, c kubernetes.Interface, ns, name string, n int32) {
	t.Helper()
	waitFor(t, ns+"/"+name+" ready", func(ctx context.Context) (bool, error) {
		d, err := c.AppsV1().Deployments(ns).Get(ctx, name, metav1.GetOptions{})
		return err == nil && d.Status.ReadyReplicas == n, err
	})
}
