package chart

import (
	"context"
	"testing"
)

func TestReadManifestsDirectory(t *testing.T) {
	got, err := ReadManifests(context.Background(), "testdata/manifests")
	if err != nil {
		t.Fatal(err)
	}
	const (
		api   = "testdata/manifests/payments/api.yaml"
		batch = "testdata/manifests/payments/batch.yml"
		list  = "testdata/manifests/workloads.json"
		sts   = "testdata/manifests/statefulset.yaml"
	)
	// Not here: README.md (extension), app-config.yaml (no kind),
	// .github/ (hidden), vendored-chart/ (a chart), the Service in api.yaml
	// (no pod template) and the ephemeral container of Pod debug.
	want := []Image{
		// workloads.json, a v1 List; the ReplicaSet names no namespace.
		{Source: list, Kind: "ReplicaSet", Name: "legacy-frontend", Container: "nginx", Image: "nginx:1.27.1"},
		{Source: list, Namespace: "kube-system", Kind: "DaemonSet", Name: "log-shipper", Container: "vector", Image: "timberio/vector:0.40.0-distroless-libc"},
		{Source: sts, Namespace: "messaging", Kind: "StatefulSet", Name: "queue", Container: "rabbitmq", Image: "rabbitmq:3.13-management"},
		// batch.yml: CronJob with an init container.
		{Source: batch, Namespace: "payments", Kind: "CronJob", Name: "settle", Container: "settle", Image: "ghcr.io/example/payments-settle:0.9.1"},
		{Source: batch, Namespace: "payments", Kind: "CronJob", Name: "settle", Container: "wait", Init: true, Image: "busybox:1.36.1"},
		// api.yaml: the Deployment's two containers and init container.
		{Source: api, Namespace: "payments", Kind: "Deployment", Name: "api", Container: "api", Image: "ghcr.io/example/payments-api:2.3.0"},
		{Source: api, Namespace: "payments", Kind: "Deployment", Name: "api", Container: "envoy", Image: "docker.io/envoyproxy/envoy:v1.31.2"},
		{Source: api, Namespace: "payments", Kind: "Deployment", Name: "api", Container: "migrate", Init: true, Image: "ghcr.io/example/payments-api:2.3.0"},
		// batch.yml: a Job with generateName only, digest-pinned.
		{Source: batch, Namespace: "payments", Kind: "Job", Name: "backfill-", Container: "backfill",
			Image: "ghcr.io/example/payments-api@sha256:0c0a7a5bd84b8bbc0f1e2d3c4b5a69788796a5b4c3d2e1f0a9b8c7d6e5f40312"},
		// api.yaml: Pod debug, its spec read directly.
		{Source: api, Namespace: "payments", Kind: "Pod", Name: "debug", Container: "shell", Image: "alpine:3.20"},
	}
	assertImages(t, got, want)
}

func TestReadManifestsFile(t *testing.T) {
	const file = "testdata/manifests/statefulset.yaml"
	got, err := ReadManifests(context.Background(), file)
	if err != nil {
		t.Fatal(err)
	}
	want := []Image{{Source: file, Namespace: "messaging", Kind: "StatefulSet", Name: "queue", Container: "rabbitmq", Image: "rabbitmq:3.13-management"}}
	assertImages(t, got, want)
}

func TestReadManifestsErrors(t *testing.T) {
	t.Run("malformed YAML", func(t *testing.T) {
		// The second document of broken.yaml starts at line 12 and its
		// broken flow sequence is on line 21 of the file.
		_, err := ReadManifests(context.Background(), "testdata/bad/manifests")
		wantErr(t, err, "testdata/bad/manifests/broken.yaml", "document at line 12", "malformed YAML", "line 21")
	})
	t.Run("missing path", func(t *testing.T) {
		_, err := ReadManifests(context.Background(), "testdata/absent")
		wantErr(t, err, "testdata/absent", "no such file")
	})
	t.Run("canceled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if _, err := ReadManifests(ctx, "testdata/manifests"); err != context.Canceled {
			t.Errorf("err = %v, want context.Canceled", err)
		}
	})
}
