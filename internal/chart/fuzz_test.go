package chart

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// FuzzImagesFromYAML feeds arbitrary bytes to the manifest parser. It must
// never panic, and whatever it returns must be usable: every image belongs
// to a named kind and container slot, carries its source, is non-empty, and
// the list is sorted and the same on a second call.
//
//	go test ./internal/chart -run '^$' -fuzz FuzzImagesFromYAML -fuzztime 60s -parallel 1
func FuzzImagesFromYAML(f *testing.F) {
	for _, dir := range []string{"testdata/manifests", "testdata/manifests/payments", "testdata/kustomize/base", "testdata/bad/manifests"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.*"))
		for _, file := range files {
			if data, err := os.ReadFile(file); err == nil {
				f.Add(data)
			}
		}
	}
	f.Add([]byte("kind: List\nitems: [{kind: Pod, spec: {containers: [{name: c, image: x}]}}]"))
	f.Add([]byte("kind: CronJob\nspec: {jobTemplate: {spec: {template: {spec: {initContainers: [{image: i}]}}}}}"))
	f.Add([]byte("---\n---\n"))

	f.Fuzz(func(t *testing.T, data []byte) {
		const src = "fuzz.yaml"
		imgs, err := ImagesFromYAML(data, src)
		if err != nil {
			if imgs != nil {
				t.Fatalf("images returned with error %v", err)
			}
			return
		}
		for _, img := range imgs {
			if img.Source != src || img.Kind == "" || img.Image == "" || img.Release != "" {
				t.Fatalf("incomplete image %+v", img)
			}
		}
		if !slices.IsSortedFunc(imgs, compareImages) {
			t.Fatalf("not sorted:\n%s", formatImages(imgs))
		}
		again, err := ImagesFromYAML(data, src)
		if err != nil || !slices.Equal(imgs, again) {
			t.Fatalf("second call differs: %v\n%s", err, formatImages(again))
		}
	})
}
