package kube

import (
	"strings"
	"testing"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/clientcmd"
)

// TestConnect: an explicit kubeconfig, $KUBECONFIG when none is given, and clear errors for a context or a
// file that does not exist.
func TestConnect(t *testing.T) {
	_, k := cluster(t)
	ctx := t.Context()

	c, err := Connect(Config{Kubeconfig: k.Kubeconfig, Context: "harness"})
	must(t, err)
	v, err := c.Discovery().ServerVersion()
	must(t, err)
	if v.GitVersion != "v1.36.3" {
		t.Errorf("server version %s, want v1.36.3 (the harness client-go v0.36 is built for)", v.GitVersion)
	}

	t.Setenv("KUBECONFIG", k.Kubeconfig)
	c, err = Connect(Config{})
	must(t, err)
	if _, err := c.CoreV1().Namespaces().Get(ctx, "default", metav1.GetOptions{}); err != nil {
		t.Errorf("with $KUBECONFIG: %v", err)
	}

	if _, err := Connect(Config{Kubeconfig: k.Kubeconfig, Context: "nope"}); err == nil || !strings.Contains(err.Error(), `context "nope"`) {
		t.Errorf("unknown context: err = %v, want one naming it", err)
	}
	if _, err := Connect(Config{Kubeconfig: t.TempDir() + "/missing"}); err == nil {
		t.Error("missing kubeconfig file: no error")
	}
}

// TestRefused: a user RBAC allows nothing gets a clear error from Inventory, and from Watch instead of a
// watch that waits forever for caches that never fill.
func TestRefused(t *testing.T) {
	_, k := cluster(t)
	rest, err := clientcmd.BuildConfigFromFlags("", k.Kubeconfig)
	must(t, err)
	// The admin may act as any user; "nobody" is in no RoleBinding.
	rest.Impersonate.UserName = "nobody"
	c, err := kubernetes.NewForConfig(rest)
	must(t, err)

	_, err = Inventory(t.Context(), c, Config{})
	if !apierrors.IsForbidden(err) {
		t.Errorf("Inventory as nobody: err = %v, want Forbidden", err)
	}
	err = Watch(t.Context(), c, Config{}, func([]Workload) { t.Error("onChange called, with nothing allowed to be read") })
	if !apierrors.IsForbidden(err) {
		t.Errorf("Watch as nobody: err = %v, want Forbidden", err)
	}
	if err != nil && !strings.Contains(err.Error(), "watching ") {
		t.Errorf("Watch's error %q should say what it was watching", err)
	}
}
