package kube

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/wait"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/util/retry"

	"github.com/patchbay/patchbay/internal/testenv"
)

// Helpers for the tests that run against the shared harness's real API server.

// waitLimit bounds every wait for the cluster to reach a state; it is never an assertion on how fast it does.
const waitLimit = 90 * time.Second

// cluster is a client of the test binary's control plane, started on first use.
func cluster(t *testing.T) (kubernetes.Interface, *testenv.Kubernetes) {
	t.Helper()
	k := testenv.StartKubernetes(t)
	t.Logf("Kubernetes control plane at %s (up.sh took %s)", k.API, k.StartedIn.Round(100*time.Millisecond))
	c, err := Connect(Config{Kubeconfig: k.Kubeconfig})
	if err != nil {
		t.Fatal(err)
	}
	return c, k
}

// waitFor polls cond until it holds, failing the test if it does not within waitLimit.
func waitFor(t *testing.T, what string, cond func(ctx context.Context) (bool, error)) {
	t.Helper()
	var last error
	err := wait.PollUntilContextTimeout(t.Context(), 100*time.Millisecond, waitLimit, true,
		func(ctx context.Context) (bool, error) {
			ok, err := cond(ctx)
			last = err
			return ok && err == nil, nil // an error may be transient (an object not created yet): keep polling
		})
	if err != nil {
		t.Fatalf("waiting for %s: %v (last error: %v)", what, err, last)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func objMeta(ns, name string, labels map[string]string) metav1.ObjectMeta {
	return metav1.ObjectMeta{Namespace: ns, Name: name, Labels: labels}
}

func createNamespace(t *testing.T, c kubernetes.Interface, name string, labels, annotations map[string]string) {
	t.Helper()
	_, err := c.CoreV1().Namespaces().Create(t.Context(), &corev1.Namespace{
		ObjectMeta: metav1.ObjectMeta{Name: name, Labels: labels, Annotations: annotations}}, metav1.CreateOptions{})
	must(t, err)
	// Pods need the namespace's default ServiceAccount, which the controller-manager creates shortly after.
	waitFor(t, "the default ServiceAccount of "+name, func(ctx context.Context) (bool, error) {
		_, err := c.CoreV1().ServiceAccounts(name).Get(ctx, "default", metav1.GetOptions{})
		return err == nil, err
	})
}

// template is a pod template labelled app=<app>, the selector the workload helpers use.
func template(app string, containers ...corev1.Container) corev1.PodTemplateSpec {
	return corev1.PodTemplateSpec{
		ObjectMeta: metav1.ObjectMeta{Labels: map[string]string{"app": app}},
		Spec:       corev1.PodSpec{Containers: containers},
	}
}

func ctr(name, image string) corev1.Container { return corev1.Container{Name: name, Image: image} }

func selector(tmpl corev1.PodTemplateSpec) *metav1.LabelSelector {
	return &metav1.LabelSelector{MatchLabels: map[string]string{"app": tmpl.Labels["app"]}}
}

func deployment(m metav1.ObjectMeta, replicas int32, tmpl corev1.PodTemplateSpec) *appsv1.Deployment {
	return &appsv1.Deployment{ObjectMeta: m,
		Spec: appsv1.DeploymentSpec{Replicas: &replicas, Selector: selector(tmpl), Template: tmpl}}
}

func statefulSet(m metav1.ObjectMeta, replicas int32, tmpl corev1.PodTemplateSpec) *appsv1.StatefulSet {
	return &appsv1.StatefulSet{ObjectMeta: m,
		Spec: appsv1.StatefulSetSpec{Replicas: &replicas, Selector: selector(tmpl), Template: tmpl, ServiceName: m.Name}}
}

func daemonSet(m metav1.ObjectMeta, tmpl corev1.PodTemplateSpec) *appsv1.DaemonSet {
	return &appsv1.DaemonSet{ObjectMeta: m, Spec: appsv1.DaemonSetSpec{Selector: selector(tmpl), Template: tmpl}}
}

func replicaSet(m metav1.ObjectMeta, replicas int32, tmpl corev1.PodTemplateSpec) *appsv1.ReplicaSet {
	return &appsv1.ReplicaSet{ObjectMeta: m,
		Spec: appsv1.ReplicaSetSpec{Replicas: &replicas, Selector: selector(tmpl), Template: tmpl}}
}

func jobSpec(tmpl corev1.PodTemplateSpec) batchv1.JobSpec {
	tmpl.Spec.RestartPolicy = corev1.RestartPolicyNever
	return batchv1.JobSpec{Template: tmpl}
}

func cronJob(m metav1.ObjectMeta, tmpl corev1.PodTemplateSpec) *batchv1.CronJob {
	return &batchv1.CronJob{ObjectMeta: m, Spec: batchv1.CronJobSpec{
		Schedule:    "0 3 1 1 *", // once a year: the test starts its one run by hand, as `kubectl create job --from` does
		JobTemplate: batchv1.JobTemplateSpec{Spec: jobSpec(tmpl)},
	}}
}

// podsOf lists the pods labelled app=<app> in ns.
func podsOf(ctx context.Context, c kubernetes.Interface, ns, app string) ([]corev1.Pod, error) {
	l, err := c.CoreV1().Pods(ns).List(ctx, metav1.ListOptions{LabelSelector: "app=" + app})
	if err != nil {
		return nil, err
	}
	return l.Items, nil
}

// reportRunning does for a pod what a kubelet does once its containers run: it writes the pod's status, each
// container with the imageID its runtime reports. Only pods kwok leaves alone (annotation
// kwok.x-k8s.io/status=custom) get it: kwok itself leaves imageID empty.
func reportRunning(t *testing.T, c kubernetes.Interface, ns, name, imageID string) {
	t.Helper()
	err := retry.RetryOnConflict(retry.DefaultRetry, func() error {
		p, err := c.CoreV1().Pods(ns).Get(t.Context(), name, metav1.GetOptions{})
		if err != nil {
			return err
		}
		now := metav1.Now()
		p.Status.Phase = corev1.PodRunning
		p.Status.StartTime = &now
		p.Status.Conditions = append(p.Status.Conditions,
			corev1.PodCondition{Type: corev1.PodInitialized, Status: corev1.ConditionTrue, LastTransitionTime: now},
			corev1.PodCondition{Type: corev1.ContainersReady, Status: corev1.ConditionTrue, LastTransitionTime: now},
			corev1.PodCondition{Type: corev1.PodReady, Status: corev1.ConditionTrue, LastTransitionTime: now})
		started := true
		p.Status.ContainerStatuses = nil
		for _, ctr := range p.Spec.Containers {
			p.Status.ContainerStatuses = append(p.Status.ContainerStatuses, corev1.ContainerStatus{
				Name: ctr.Name, Image: ctr.Image, ImageID: imageID, Ready: true, Started: &started,
				State: corev1.ContainerState{Running: &corev1.ContainerStateRunning{StartedAt: now}},
			})
		}
		_, err = c.CoreV1().Pods(ns).UpdateStatus(t.Context(), p, metav1.UpdateOptions{})
		return err
	})
	if err != nil {
		t.Fatalf("reporting pod %s/%s running: %v", ns, name, err)
	}
}

// registry stands for a registry's answers to Config.Resolve: resolving a tag against a real registry is
// internal/image's business, tested there. It counts the questions, to check what is asked and how often.
type registry struct {
	mu      sync.Mutex
	digests map[string]string
	asked   map[string]int
}

func newRegistry(digests map[string]string) *registry {
	return &registry{digests: digests, asked: map[string]int{}}
}

func (r *registry) resolve(ctx context.Context, ref string) (string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.asked[ref]++
	if d, ok := r.digests[ref]; ok {
		return d, nil
	}
	return "", fmt.Errorf("manifest unknown: %s not found", ref)
}

func (r *registry) set(ref, digest string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.digests[ref] = digest
}

func (r *registry) times(ref string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.asked[ref]
}

// rowsIn keeps the rows of the given namespaces, keyed "namespace/Kind/name/container".
func rowsIn(rows []Workload, namespaces ...string) map[string]Workload {
	out := map[string]Workload{}
	for _, w := range rows {
		for _, ns := range namespaces {
			if w.Namespace == ns {
				out[w.Namespace+"/"+w.Kind+"/"+w.Name+"/"+w.Container] = w
			}
		}
	}
	return out
}
