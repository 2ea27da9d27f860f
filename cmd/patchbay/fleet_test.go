package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/layout"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/clientcmd"

	"github.com/patchbay/patchbay/internal/impact"
	"github.com/patchbay/patchbay/internal/testenv"
)

// fleetImages: corpus image → where the test pushes it.
var fleetImages = map[string]string{
	"corpus.local/debian-base:v1":          "ops/debian-base:v1",
	"corpus.local/debian-base:v2":          "ops/debian-base:v2",
	"corpus.local/customers-service:2.1.4": "petclinic/customers-service:2.1.4",
	"corpus.local/vets-frontend:1.0.0":     "petclinic/vets-frontend:1.0.0",
	"corpus.local/reports-job:0.3.0":       "petclinic/reports-job:0.3.0",
	"corpus.local/visits-service:1.0.0":    "petclinic/visits-service:1.0.0",
	"corpus.local/nginx:1.22":              "vendor/nginx:1.22",
}

func pushFleet(t *testing.T, host string) {
	t.Helper()
	p, err := layout.FromPath(filepath.Join(testenv.Corpus(t), "oci"))
	if err != nil {
		t.Fatal(err)
	}
	idx, _ := p.ImageIndex()
	im, _ := idx.IndexManifest()
	for _, d := range im.Manifests {
		dst, ok := fleetImages[d.Annotations["org.opencontainers.image.ref.name"]]
		if !ok {
			continue
		}
		img, _ := idx.Image(d.Digest)
		tag, _ := name.NewTag(host+"/"+dst, name.Insecure)
		if err := remote.Write(tag, img); err != nil {
			t.Fatal(err)
		}
	}
}

func deploy(t *testing.T, c kubernetes.Interface, ns, nm, image string, labels map[string]string) {
	t.Helper()
	one := int32(1)
	sel := map[string]string{"app": nm}
	d := &appsv1.Deployment{ObjectMeta: metav1.ObjectMeta{Name: nm, Labels: labels},
		Spec: appsv1.DeploymentSpec{Replicas: &one, Selector: &metav1.LabelSelector{MatchLabels: sel},
			Template: corev1.PodTemplateSpec{ObjectMeta: metav1.ObjectMeta{Labels: sel},
				Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "main", Image: image}}}}}}
	if _, err := c.AppsV1().Deployments(ns).Create(context.Background(), d, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
}

// TestFleetEndToEnd is the 9:00 question, asked of real parts: the corpus in a real registry, workloads in qa,
// staging and prod on a real Kubernetes API server, a Helm chart, and the Debian records. A record that only
// debian-base:v1's packages carry must list v1 and every image built on it, with the workloads running them
// (prod first), their owners, Ops to act, and none built on v2.
func TestFleetEndToEnd(t *testing.T) {
	reg := testenv.StartRegistry(t, "cli-fleet", "")
	defer testenv.StopAll()
	k8s := testenv.StartKubernetes(t)
	defer testenv.StopKubernetes()
	pushFleet(t, reg.Host)

	cfg, err := clientcmd.BuildConfigFromFlags("", k8s.Kubeconfig)
	if err != nil {
		t.Fatal(err)
	}
	kc, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, ns := range []string{"qa", "staging", "prod"} {
		kc.CoreV1().Namespaces().Create(context.Background(), &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: ns}}, metav1.CreateOptions{})
	}
	img := func(ref string) string { return reg.Host + "/" + ref }
	deploy(t, kc, "prod", "vets", img("petclinic/vets-frontend:1.0.0"), map[string]string{"owner": "frontend-team"})
	deploy(t, kc, "prod", "reports", img("petclinic/reports-job:0.3.0"), nil)
	deploy(t, kc, "staging", "customers", img("petclinic/customers-service:2.1.4"), map[string]string{"owner": "petclinic-team"})
	deploy(t, kc, "qa", "vets", img("petclinic/vets-frontend:1.0.0"), map[string]string{"owner": "frontend-team"})
	deploy(t, kc, "prod", "web", img("vendor/nginx:1.22"), map[string]string{"owner": "web-ops"})

	dir := t.TempDir()
	db := filepath.Join(dir, "patchbay.db")
	cache := filepath.Join(dir, "cache")
	must := func(args ...string) string {
		t.Helper()
		out, stderr, code := run(t, cache, append(args, "--db", db)...)
		if code != 0 {
			t.Fatalf("%v: exit %d\n%s%s", args, code, out, stderr)
		}
		return out
	}
	must("db", "import", filepath.Join(testenv.SharedDir(), "osv", "debian"))
	must("fleet", "add-registry", reg.Host, "--insecure")
	rules := filepath.Join(dir, "rules")
	os.WriteFile(rules, []byte(reg.Host+"/vendor/** kind=still model=3\n"+reg.Host+"/ops/** owner=ops-team\n"), 0o644)
	must("fleet", "rules", rules)
	must("fleet", "add-cluster", "kwok", "--kubeconfig", k8s.Kubeconfig, "--env", "qa=qa,staging=staging,prod*=prod")
	values := filepath.Join(dir, "values-dev.yaml")
	os.WriteFile(values, []byte("registry: "+reg.Host+"\n"), 0o644)
	must("fleet", "add-chart", "testdata/charts/petclinic-lite", "--values", values, "--env", "dev", "--namespace", "dev")
	// the controllers and kwok need a moment to create pods; the inventory reads specs, so it needs none
	time.Sleep(500 * time.Millisecond)
	out := must("fleet", "sync", "-q")
	if !strings.Contains(out, "7 new images") || !strings.Contains(out, "cluster kwok: 5 containers") || !strings.Contains(out, "2 containers") {
		t.Errorf("sync:\n%s", out)
	}

	id := v1OnlyRecord(t, db, reg.Host)
	var res impact.Result
	if err := json.Unmarshal([]byte(must("impact", id, "-o", "json")), &res); err != nil {
		t.Fatal(err)
	}
	byRef := map[string]impact.Image{}
	for _, i := range res.Images {
		byRef[strings.TrimPrefix(i.References[0], reg.Host+"/")] = i
	}
	for _, want := range []string{"ops/debian-base:v1", "petclinic/customers-service:2.1.4", "petclinic/vets-frontend:1.0.0", "vendor/nginx:1.22"} {
		if _, ok := byRef[want]; !ok {
			t.Errorf("%s: %s not listed", id, want)
		}
	}
	for _, not := range []string{"ops/debian-base:v2", "petclinic/reports-job:0.3.0", "petclinic/visits-service:1.0.0"} {
		if _, ok := byRef[not]; ok {
			t.Errorf("%s: %s listed, but it is built on v2", id, not)
		}
	}
	vets := byRef["petclinic/vets-frontend:1.0.0"]
	if vets.Actor != "ops" || vets.Kind != "application" || vets.Fix.Action != "rebase" || vets.Owner != "frontend-team@corpus.local" {
		t.Errorf("vets: %+v", vets)
	}
	var envs []string
	for _, w := range vets.Workloads {
		envs = append(envs, w.Environment+":"+w.Cluster)
	}
	// prod first, then qa, then what the chart would deploy to dev
	if len(envs) != 3 || envs[0] != "prod:kwok" || envs[1] != "qa:kwok" || !strings.HasPrefix(envs[2], "dev:chart:") {
		t.Errorf("vets workloads %v: want prod, qa, then the chart's dev", envs)
	}
	if res.Images[0].Workloads[0].Environment != "prod" {
		t.Errorf("images are not in order of exposure: first %v", res.Images[0].References)
	}
	if nginx := byRef["vendor/nginx:1.22"]; nginx.Kind != "still" || nginx.HostingModel != 3 || nginx.Actor != "ops" {
		t.Errorf("nginx: %+v", nginx)
	}
	table := must("impact", id)
	if !strings.Contains(table, "act: ops") || !strings.Contains(table, "fix: rebase") || !strings.Contains(table, "prod") {
		t.Errorf("impact table:\n%s", table)
	}
	orphans := must("fleet", "orphans")
	if !strings.Contains(orphans, "reports-job") || !strings.Contains(orphans, "kwok/prod/Deployment/reports") {
		t.Errorf("orphans:\n%s", orphans)
	}
	lineage := must("lineage", reg.Host+"/petclinic/vets-frontend:1.0.0")
	if !strings.Contains(lineage, "ops/debian-base:v1") || !strings.Contains(lineage, "base 1 behind") {
		t.Errorf("lineage:\n%s", lineage)
	}
}

// v1OnlyRecord asks the store for a record debian-base:v1 has and v2 does not.
func v1OnlyRecord(t *testing.T, db, host string) string {
	t.Helper()
	out, stderr, code := run(t, t.TempDir(), "scan", "-q", "--db", db, "-o", "json", "--insecure", host+"/ops/debian-base:v1")
	if code != 0 {
		t.Fatalf("scan v1: %s", stderr)
	}
	var v1 struct {
		Findings []struct {
			Records []string `json:"records"`
		} `json:"findings"`
	}
	json.Unmarshal([]byte(out), &v1)
	if len(v1.Findings) == 0 {
		t.Fatal("debian-base:v1 shows no finding")
	}
	return v1.Findings[0].Records[0]
}
