package chart

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"helm.sh/helm/v4/pkg/chart/v2/loader"
	chartutil "helm.sh/helm/v4/pkg/chart/v2/util"
)

const petclinic = "testdata/charts/petclinic"

// postgresDigest is database.image.digest in petclinic's values.yaml.
const postgresDigest = "docker.io/library/postgres@sha256:4ec37d2a07a0067f176fdcc9d4bb633a5724d2cc4f892c7a2046d054bb6939e5"

// petclinicDev is what petclinic deploys with its own values.yaml only, as
// release "shop" in namespace "dev". Read by eye from the chart:
func petclinicDev(source string) []Image {
	img := func(ns, kind, name, container string, init bool, image string) Image {
		return Image{Source: source, Release: "shop", Namespace: ns, Kind: kind, Name: name, Container: container, Init: init, Image: image}
	}
	return []Image{
		// templates/cronjob.yaml: init container from .Values.initImage,
		// report from report.image repository:tag.
		img("dev", "CronJob", "shop-petclinic-report", "fetch-config", true, "busybox:1.36.1"),
		img("dev", "CronJob", "shop-petclinic-report", "report", false, "registry.example.com/petclinic/report:2024.06"),
		// charts/cache (sub-chart): global.imageRegistry is "" so its own
		// registry docker.io; tag "" so its own appVersion 7.2.4.
		img("dev", "Deployment", "shop-cache", "redis", false, "docker.io/library/redis:7.2.4"),
		// templates/deployment.yaml: metrics through the petclinic.image
		// helper (registry/repository:tag), the init container, and web with
		// tag "" defaulting to appVersion 3.2.1.
		img("dev", "Deployment", "shop-petclinic", "metrics", false, "docker.io/prom/statsd-exporter:v0.26.1"),
		img("dev", "Deployment", "shop-petclinic", "wait-for-db", true, "busybox:1.36.1"),
		img("dev", "Deployment", "shop-petclinic", "web", false, "registry.example.com/petclinic/web:3.2.1"),
		// templates/job-migrate.yaml: a pre-install hook, tag defaulting to appVersion.
		img("dev", "Job", "shop-petclinic-migrate", "migrate", false, "registry.example.com/petclinic/migrate:3.2.1"),
		// templates/tests/test-connection.yaml: a test hook Pod.
		img("dev", "Pod", "shop-petclinic-test-connection", "wget", false, "busybox:1.36.1"),
		// templates/statefulset.yaml: repository@digest.
		img("dev", "StatefulSet", "shop-petclinic-db", "postgres", false, postgresDigest),
		// templates/daemonset.yaml: sets its own namespace "logging".
		img("logging", "DaemonSet", "shop-petclinic-node-agent", "fluent-bit", false, "docker.io/fluent/fluent-bit:3.1.4"),
	}
}

func TestRenderHelmDefaultValues(t *testing.T) {
	got, err := RenderHelm(context.Background(), petclinic, HelmOptions{Release: "shop", Namespace: "dev"})
	if err != nil {
		t.Fatal(err)
	}
	assertImages(t, got, petclinicDev(petclinic))
}

func TestRenderHelmProdValuesAndSet(t *testing.T) {
	got, err := RenderHelm(context.Background(), petclinic, HelmOptions{
		Release:     "shop",
		Namespace:   "prod",
		ValuesFiles: []string{filepath.Join(petclinic, "values-prod.yaml")},
		Set:         []string{"report.image.tag=2024.07"},
	})
	if err != nil {
		t.Fatal(err)
	}
	img := func(ns, kind, name, container string, init bool, image string) Image {
		return Image{Source: petclinic, Release: "shop", Namespace: ns, Kind: kind, Name: name, Container: container, Init: init, Image: image}
	}
	want := []Image{
		// Sorted by namespace first: "logging" (set by templates/daemonset.yaml) before "prod".
		img("logging", "DaemonSet", "shop-petclinic-node-agent", "fluent-bit", false, "mirror.example.com/fluent/fluent-bit:3.1.4"),
		// Untouched by values-prod.yaml: the init image is a plain string.
		img("prod", "CronJob", "shop-petclinic-report", "fetch-config", true, "busybox:1.36.1"),
		// --set report.image.tag=2024.07 overrides values.yaml's 2024.06.
		img("prod", "CronJob", "shop-petclinic-report", "report", false, "registry.example.com/petclinic/report:2024.07"),
		// values-prod.yaml: global.imageRegistry reaches the sub-chart, and
		// cache.image.tag 7.2.5 overrides its appVersion.
		img("prod", "Deployment", "shop-cache", "redis", false, "mirror.example.com/library/redis:7.2.5"),
		// The helper takes global.imageRegistry over metrics.image.registry.
		img("prod", "Deployment", "shop-petclinic", "metrics", false, "mirror.example.com/prom/statsd-exporter:v0.26.1"),
		img("prod", "Deployment", "shop-petclinic", "wait-for-db", true, "busybox:1.36.1"),
		// values-prod.yaml: image.tag 3.2.2.
		img("prod", "Deployment", "shop-petclinic", "web", false, "registry.example.com/petclinic/web:3.2.2"),
		// No Job: values-prod.yaml sets migrations.enabled=false.
		img("prod", "Pod", "shop-petclinic-test-connection", "wget", false, "busybox:1.36.1"),
		// The digest-pinned image is a literal repository@digest: no registry switch.
		img("prod", "StatefulSet", "shop-petclinic-db", "postgres", false, postgresDigest),
	}
	assertImages(t, got, want)
}

// Values files apply in order, key by key: values-hotfix.yaml (given last)
// wins for image.tag, values-prod.yaml still sets everything else.
func TestRenderHelmLaterValuesFileWins(t *testing.T) {
	got, err := RenderHelm(context.Background(), petclinic, HelmOptions{
		Release: "shop",
		ValuesFiles: []string{
			filepath.Join(petclinic, "values-prod.yaml"),
			filepath.Join(petclinic, "values-hotfix.yaml"),
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	web := findImage(t, got, "Deployment", "shop-petclinic", "web")
	if web.Image != "registry.example.com/petclinic/web:3.2.3-hotfix.1" {
		t.Errorf("web image = %q, want the tag of values-hotfix.yaml", web.Image)
	}
	redis := findImage(t, got, "Deployment", "shop-cache", "redis")
	if redis.Image != "mirror.example.com/library/redis:7.2.5" {
		t.Errorf("redis image = %q, want values-prod.yaml to still apply", redis.Image)
	}
}

// Chart.yaml makes the sub-chart conditional on cache.enabled, as
// `helm template --set cache.enabled=false` honours.
func TestRenderHelmSubChartCondition(t *testing.T) {
	got, err := RenderHelm(context.Background(), petclinic, HelmOptions{Release: "shop", Namespace: "dev", Set: []string{"cache.enabled=false"}})
	if err != nil {
		t.Fatal(err)
	}
	var want []Image
	for _, img := range petclinicDev(petclinic) {
		if img.Name != "shop-cache" {
			want = append(want, img)
		}
	}
	assertImages(t, got, want)
}

// Without a release name or namespace, `helm template` uses
// "release-name" and "default".
func TestRenderHelmDefaults(t *testing.T) {
	got, err := RenderHelm(context.Background(), petclinic, HelmOptions{})
	if err != nil {
		t.Fatal(err)
	}
	web := findImage(t, got, "Deployment", "release-name-petclinic", "web")
	if web.Release != DefaultRelease || web.Namespace != DefaultNamespace {
		t.Errorf("release %q namespace %q, want %q %q", web.Release, web.Namespace, DefaultRelease, DefaultNamespace)
	}
}

// A packaged chart renders the same as its directory, and so does a path
// to its Chart.yaml.
func TestRenderHelmPackagedChartAndChartYAML(t *testing.T) {
	ch, err := loader.Load(petclinic)
	if err != nil {
		t.Fatal(err)
	}
	tgz, err := chartutil.Save(ch, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(tgz) != "petclinic-1.4.0.tgz" {
		t.Fatalf("packaged as %s", tgz)
	}
	if Detect(tgz) != SourceHelm {
		t.Errorf("Detect(%s) = %q", tgz, Detect(tgz))
	}
	for _, path := range []string{tgz, filepath.Join(petclinic, "Chart.yaml")} {
		got, err := RenderHelm(context.Background(), path, HelmOptions{Release: "shop", Namespace: "dev"})
		if err != nil {
			t.Fatal(err)
		}
		assertImages(t, got, petclinicDev(path))
	}
}

func TestRenderHelmCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := RenderHelm(ctx, petclinic, HelmOptions{}); err != context.Canceled {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestRenderHelmErrors(t *testing.T) {
	notYAML := "testdata/bad/values-not-yaml.yaml"
	tests := []struct {
		name  string
		chart string
		opt   HelmOptions
		want  []string // parts the error must mention
	}{
		{"template fails", "testdata/bad/broken-chart", HelmOptions{},
			[]string{"testdata/bad/broken-chart", "broken/templates/deployment.yaml", "image.tag is required"}},
		{"rendered YAML is malformed", "testdata/bad/yaml-chart", HelmOptions{},
			[]string{"testdata/bad/yaml-chart", "yaml-chart/templates/pod.yaml", "malformed YAML", "line 8"}},
		{"dependency not vendored", "testdata/bad/missing-dep", HelmOptions{},
			[]string{"testdata/bad/missing-dep", "postgresql", "helm dependency build"}},
		{"values file not YAML", petclinic, HelmOptions{ValuesFiles: []string{notYAML}},
			[]string{"values file " + notYAML, "line 2"}},
		{"values file not a mapping", petclinic, HelmOptions{ValuesFiles: []string{"testdata/bad/values-list.yaml"}},
			[]string{"values file testdata/bad/values-list.yaml", "cannot unmarshal"}},
		{"values file missing", petclinic, HelmOptions{ValuesFiles: []string{"testdata/bad/absent.yaml"}},
			[]string{"testdata/bad/absent.yaml", "no such file"}},
		{"bad --set", petclinic, HelmOptions{Set: []string{"image.tag"}},
			[]string{`--set "image.tag"`, "has no value"}},
		{"bad release name", petclinic, HelmOptions{Release: "Shop_Prod"},
			[]string{`"Shop_Prod"`, "invalid release name"}},
		{"no such chart", "testdata/charts/absent", HelmOptions{},
			[]string{"testdata/charts/absent"}},
		{"not a chart", "testdata/manifests", HelmOptions{},
			[]string{"testdata/manifests", "Chart.yaml"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			imgs, err := RenderHelm(context.Background(), tt.chart, tt.opt)
			if imgs != nil {
				t.Errorf("got images with an error: %v", imgs)
			}
			wantErr(t, err, tt.want...)
		})
	}
}

// A library chart cannot be installed; `helm template` refuses it too.
func TestRenderHelmLibraryChart(t *testing.T) {
	dir := t.TempDir()
	chartYAML := "apiVersion: v2\nname: lib\nversion: 0.1.0\ntype: library\n"
	if err := os.WriteFile(filepath.Join(dir, "Chart.yaml"), []byte(chartYAML), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := RenderHelm(context.Background(), dir, HelmOptions{})
	wantErr(t, err, dir, "library chart")
}

func findImage(t *testing.T, imgs []Image, kind, name, container string) Image {
	t.Helper()
	for _, img := range imgs {
		if img.Kind == kind && img.Name == name && img.Container == container {
			return img
		}
	}
	t.Fatalf("no %s %s container %s in:\n%s", kind, name, container, formatImages(imgs))
	return Image{}
}
