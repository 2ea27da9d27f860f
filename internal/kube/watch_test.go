package kube

import (
	"context"
	"reflect"
	"sync"
	"testing"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/util/retry"
)

// inventories records what Watch hands onChange, for the test to wait on.
type inventories struct {
	mu      sync.Mutex
	calls   [][]Workload
	changed chan struct{}
}

func (v *inventories) onChange(rows []Workload) {
	v.mu.Lock()
	v.calls = append(v.calls, rows)
	v.mu.Unlock()
	select {
	case v.changed <- struct{}{}:
	default:
	}
}

// waitUntil waits for an inventory for which cond holds, and returns it.
func (v *inventories) waitUntil(t *testing.T, what string, cond func([]Workload) bool) []Workload {
	t.Helper()
	deadline := time.After(waitLimit)
	for {
		v.mu.Lock()
		var last []Workload
		if len(v.calls) > 0 {
			last = v.calls[len(v.calls)-1]
		}
		v.mu.Unlock()
		if last != nil && cond(last) {
			return last
		}
		select {
		case <-v.changed:
		case <-deadline:
			t.Fatalf("waiting for Watch to report %s: no such inventory in %s; the last: %+v", what, waitLimit, last)
		}
	}
}

func find(rows []Workload, ns, kind, name string) (Workload, bool) {
	for _, w := range rows {
		if w.Namespace == ns && w.Kind == kind && w.Name == name {
			return w, true
		}
	}
	return Workload{}, false
}

// TestWatch: Watch reports the inventory, then a Deployment's new image (set through the API as `kubectl set
// image` does), then a deleted Deployment gone; and returns nil once its context ends.
func TestWatch(t *testing.T) {
	c, _ := cluster(t)
	ctx := t.Context()
	const ns = "prod-watch"
	createNamespace(t, c, ns, map[string]string{"team": "watchers"}, nil)
	for name, image := range map[string]string{"api": "registry.example/api:1", "gone": "registry.example/gone:1"} {
		_, err := c.AppsV1().Deployments(ns).Create(ctx, deployment(objMeta(ns, name, nil), 1, template(name, ctr(name, image))), metav1.CreateOptions{})
		must(t, err)
	}

	reg := newRegistry(map[string]string{"registry.example/api:1": digestA, "registry.example/gone:1": digestB})
	rules, err := ParseEnvRules("prod*=prod")
	must(t, err)
	watchCtx, stop := context.WithCancel(ctx)
	defer stop()
	v := &inventories{changed: make(chan struct{}, 1)}
	done := make(chan error, 1)
	go func() {
		done <- Watch(watchCtx, c, Config{Cluster: "harness", EnvRules: rules, Resolve: reg.resolve}, v.onChange)
	}()

	v.waitUntil(t, "api (digest A) and gone, ready", func(rows []Workload) bool {
		api, ok1 := find(rows, ns, KindDeployment, "api")
		gone, ok2 := find(rows, ns, KindDeployment, "gone")
		return ok1 && ok2 && api.Digest == digestA && api.Ready == 1 && gone.Ready == 1 &&
			api.Environment == "prod" && api.Owner == "watchers" && api.DigestSource == SourceResolved
	})

	// set image, as kubectl does: an update of the Deployment's pod template.
	reg.set("registry.example/api:2", digestC)
	must(t, retry.RetryOnConflict(retry.DefaultRetry, func() error {
		d, err := c.AppsV1().Deployments(ns).Get(ctx, "api", metav1.GetOptions{})
		if err != nil {
			return err
		}
		d.Spec.Template.Spec.Containers[0].Image = "registry.example/api:2"
		_, err = c.AppsV1().Deployments(ns).Update(ctx, d, metav1.UpdateOptions{})
		return err
	}))
	v.waitUntil(t, "api's new image and its digest", func(rows []Workload) bool {
		api, ok := find(rows, ns, KindDeployment, "api")
		return ok && api.Image == "registry.example/api:2" && api.Digest == digestC && api.DigestSource == SourceResolved
	})

	must(t, c.AppsV1().Deployments(ns).Delete(ctx, "gone", metav1.DeleteOptions{}))
	v.waitUntil(t, "gone gone, its ReplicaSet and pods too", func(rows []Workload) bool {
		for _, w := range rows {
			if w.Namespace == ns && w.Name != "api" {
				return false
			}
		}
		_, ok := find(rows, ns, KindDeployment, "api")
		return ok
	})

	stop()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Watch returned %v after its context ended, want nil", err)
		}
	case <-time.After(waitLimit):
		t.Fatalf("Watch did not return within %s of its context ending", waitLimit)
	}

	v.mu.Lock()
	defer v.mu.Unlock()
	for i := 1; i < len(v.calls); i++ {
		if reflect.DeepEqual(v.calls[i-1], v.calls[i]) {
			t.Errorf("onChange calls %d and %d carry the same inventory: nothing changed", i, i+1)
		}
	}
	// Each tag was asked of the registry once: Watch remembers the answers between rebuilds.
	for _, ref := range []string{"registry.example/api:1", "registry.example/api:2", "registry.example/gone:1"} {
		if n := reg.times(ref); n != 1 {
			t.Errorf("Resolve(%s) called %d times, want 1", ref, n)
		}
	}
	t.Logf("%d inventories reported", len(v.calls))
}
