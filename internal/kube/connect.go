package kube

import (
	"fmt"

	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/clientcmd"
)

// Connect builds a client the way kubectl does: cfg.Kubeconfig, else $KUBECONFIG, else ~/.kube/config, else the
// in-cluster service account (so Patchbay can run as a pod), with cfg.Context or the current context.
func Connect(cfg Config) (kubernetes.Interface, error) {
	rules := clientcmd.NewDefaultClientConfigLoadingRules()
	if cfg.Kubeconfig != "" {
		rules.ExplicitPath = cfg.Kubeconfig
	}
	overrides := &clientcmd.ConfigOverrides{CurrentContext: cfg.Context}
	rest, err := clientcmd.NewNonInteractiveDeferredLoadingClientConfig(rules, overrides).ClientConfig()
	if err != nil {
		return nil, fmt.Errorf("kubernetes client config (kubeconfig %q, context %q): %w", cfg.Kubeconfig, cfg.Context, err)
	}
	rest.UserAgent = "patchbay"
	// An inventory lists every pod of the cluster in pages of 500: client-go's default 5 requests/s would make a
	// large cluster's inventory wait on the client, not the server.
	if rest.QPS == 0 {
		rest.QPS, rest.Burst = 50, 100
	}
	client, err := kubernetes.NewForConfig(rest)
	if err != nil {
		return nil, fmt.Errorf("kubernetes client for %s: %w", rest.Host, err)
	}
	return client, nil
}
