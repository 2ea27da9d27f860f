package chart

import (
	"testing"
)

func TestImagesFromYAML(t *testing.T) {
	const src = "inline.yaml"
	tests := []struct {
		name string
		yaml string
		want []Image
	}{
		{
			name: "pod spec read directly, ephemeral containers skipped",
			yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: ns}
spec:
  initContainers: [{name: i, image: "init:1"}]
  containers: [{name: c, image: "app:1"}]
  ephemeralContainers: [{name: e, image: "debug:1"}]
`,
			want: []Image{
				{Source: src, Namespace: "ns", Kind: "Pod", Name: "p", Container: "c", Image: "app:1"},
				{Source: src, Namespace: "ns", Kind: "Pod", Name: "p", Container: "i", Init: true, Image: "init:1"},
			},
		},
		{
			name: "PodTemplate and a custom resource with a pod template",
			yaml: `
apiVersion: v1
kind: PodTemplate
metadata: {name: tmpl}
template:
  spec:
    containers: [{name: c, image: "tmpl:1"}]
---
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: r}
spec:
  template:
    spec:
      containers: [{name: c, image: "rollout:1"}]
`,
			want: []Image{
				{Source: src, Kind: "PodTemplate", Name: "tmpl", Container: "c", Image: "tmpl:1"},
				{Source: src, Kind: "Rollout", Name: "r", Container: "c", Image: "rollout:1"},
			},
		},
		{
			name: "a container without image is skipped",
			yaml: `
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      containers:
        - {name: filled-later}
        - {name: empty, image: ""}
        - {name: null-image, image: null}
        - {name: app, image: "app:2"}
`,
			want: []Image{{Source: src, Kind: "Deployment", Name: "d", Container: "app", Image: "app:2"}},
		},
		{
			name: "documents that are not Kubernetes objects are ignored",
			yaml: "just a string\n---\n- a\n- list\n---\nimage: foo:1\n---\n# only a comment\n---\n",
			want: nil,
		},
		{
			name: "JSON object",
			yaml: `{"kind":"Job","metadata":{"name":"j"},"spec":{"template":{"spec":{"containers":[{"name":"c","image":"job:1"}]}}}}`,
			want: []Image{{Source: src, Kind: "Job", Name: "j", Container: "c", Image: "job:1"}},
		},
		{
			name: "output sorted by namespace, kind, name, container",
			yaml: `
kind: Deployment
metadata: {name: b, namespace: z}
spec: {template: {spec: {containers: [{name: sidecar, image: "1"}, {name: app, image: "2"}]}}}
---
kind: Deployment
metadata: {name: a, namespace: z}
spec: {template: {spec: {containers: [{name: x, image: "3"}]}}}
---
kind: DaemonSet
metadata: {name: c, namespace: z}
spec: {template: {spec: {containers: [{name: x, image: "4"}]}}}
---
kind: StatefulSet
metadata: {name: d, namespace: a}
spec: {template: {spec: {containers: [{name: x, image: "5"}]}}}
`,
			want: []Image{
				{Source: src, Namespace: "a", Kind: "StatefulSet", Name: "d", Container: "x", Image: "5"},
				{Source: src, Namespace: "z", Kind: "DaemonSet", Name: "c", Container: "x", Image: "4"},
				{Source: src, Namespace: "z", Kind: "Deployment", Name: "a", Container: "x", Image: "3"},
				{Source: src, Namespace: "z", Kind: "Deployment", Name: "b", Container: "app", Image: "2"},
				{Source: src, Namespace: "z", Kind: "Deployment", Name: "b", Container: "sidecar", Image: "1"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ImagesFromYAML([]byte(tt.yaml), src)
			if err != nil {
				t.Fatal(err)
			}
			assertImages(t, got, tt.want)
		})
	}
}

func TestImagesFromYAMLErrors(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want []string
	}{
		{"malformed YAML", "kind: Pod\n---\nkind: Pod\nspec: {containers: [\n", []string{"src.yaml", "document at line 3", "malformed YAML"}},
		{"image is not a string", "kind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: 42}]}\n",
			[]string{"src.yaml", `Pod "p"`, `containers[0]`, `container "c"`, "not a string"}},
		{"containers is not a list", "kind: Deployment\nmetadata: {name: d}\nspec: {template: {spec: {containers: oops}}}\n",
			[]string{`Deployment "d"`, "containers is a string"}},
		{"container is not a mapping", "kind: Pod\nmetadata: {name: p}\nspec: {initContainers: [busybox]}\n",
			[]string{"initContainers[0]", "not a mapping"}},
		{"bad item in a List", "kind: List\nitems:\n- kind: Pod\n  spec: {containers: [{image: [1]}]}\n",
			[]string{"List item 0", "not a string"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			imgs, err := ImagesFromYAML([]byte(tt.yaml), "src.yaml")
			if imgs != nil {
				t.Errorf("got images with an error: %v", imgs)
			}
			wantErr(t, err, tt.want...)
		})
	}
}
