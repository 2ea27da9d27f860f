package chart

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

func TestRenderKustomizeBase(t *testing.T) {
	const dir = "testdata/kustomize/base"
	got, err := RenderKustomize(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []Image{
		// base/cronjob.yaml, no namespace in the base.
		{Source: dir, Kind: "CronJob", Name: "cart-cleanup", Container: "cleanup", Image: "ghcr.io/example/cart-tools:1.4.0"},
		// base/deployment.yaml.
		{Source: dir, Kind: "Deployment", Name: "cart", Container: "cart", Image: "ghcr.io/example/cart:1.4.0"},
		{Source: dir, Kind: "Deployment", Name: "cart", Container: "init-schema", Init: true, Image: "busybox:1.36.1"},
	}
	assertImages(t, got, want)
}

func TestRenderKustomizeProdOverlay(t *testing.T) {
	const dir = "testdata/kustomize/overlays/prod"
	got, err := RenderKustomize(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	// overlays/prod/kustomization.yaml: namespace shop-prod, namePrefix prod-.
	want := []Image{
		// cart-tools is not named in images:, so keeps its base tag.
		{Source: dir, Namespace: "shop-prod", Kind: "CronJob", Name: "prod-cart-cleanup", Container: "cleanup", Image: "ghcr.io/example/cart-tools:1.4.0"},
		// images: ghcr.io/example/cart newTag 1.5.0.
		{Source: dir, Namespace: "shop-prod", Kind: "Deployment", Name: "prod-cart", Container: "cart", Image: "ghcr.io/example/cart:1.5.0"},
		// images: busybox newName + digest; the digest replaces the tag.
		{Source: dir, Namespace: "shop-prod", Kind: "Deployment", Name: "prod-cart", Container: "init-schema", Init: true,
			Image: "mirror.example.com/library/busybox@sha256:9ae97d36d26566ff84e8893c64a6dc4fe8ca6d1144bf5b87b2b85a32def253c7"},
	}
	assertImages(t, got, want)
}

// The kustomization file itself is accepted in place of its directory.
func TestRenderKustomizeFilePath(t *testing.T) {
	file := "testdata/kustomize/overlays/prod/kustomization.yaml"
	got, err := RenderKustomize(context.Background(), file)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[1].Image != "ghcr.io/example/cart:1.5.0" {
		t.Errorf("got:\n%s", formatImages(got))
	}
}

func TestRenderKustomizeErrors(t *testing.T) {
	t.Run("not a kustomization", func(t *testing.T) {
		_, err := RenderKustomize(context.Background(), "testdata/manifests")
		wantErr(t, err, "kustomize build testdata/manifests", "kustomization.yaml")
	})
	t.Run("missing resource", func(t *testing.T) {
		dir := t.TempDir()
		k := "resources:\n  - absent.yaml\n"
		if err := os.WriteFile(filepath.Join(dir, "kustomization.yaml"), []byte(k), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := RenderKustomize(context.Background(), dir)
		wantErr(t, err, "kustomize build "+dir, "absent.yaml")
	})
	t.Run("canceled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if _, err := RenderKustomize(ctx, "testdata/kustomize/base"); err != context.Canceled {
			t.Errorf("err = %v, want context.Canceled", err)
		}
	})
}
