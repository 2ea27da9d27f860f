package chart

import (
	"bytes"
	"fmt"
	"strings"

	"sigs.k8s.io/yaml"
)

// ImagesFromYAML returns the container images of every Kubernetes object in
// data, a stream of YAML documents separated by "---" (a JSON object is a
// YAML document too). source is recorded in each Image and names the input
// in errors.
//
// Objects with a pod template are read: spec.template.spec (Deployment,
// StatefulSet, DaemonSet, ReplicaSet, Job and look-alike custom resources
// such as Argo Rollouts), spec.jobTemplate.spec.template.spec (CronJob),
// spec (Pod) and template.spec (PodTemplate). Items of a List are read one
// by one. Containers and initContainers are reported; ephemeral containers
// are skipped because they are attached by hand for debugging and are not
// part of what gets deployed. Documents that are not Kubernetes objects
// (no kind) are ignored, so that a directory may hold other YAML.
func ImagesFromYAML(data []byte, source string) ([]Image, error) {
	imgs, err := imagesFromYAML(data, source, "")
	if err != nil {
		return nil, err
	}
	sortImages(imgs)
	return imgs, nil
}

// imagesFromYAML is ImagesFromYAML without sorting, with a namespace for
// objects that name none (Helm puts them in the release namespace).
func imagesFromYAML(data []byte, source, defaultNamespace string) ([]Image, error) {
	var imgs []Image
	for _, doc := range splitDocuments(data) {
		var obj any
		if err := yaml.Unmarshal(doc.data, &obj); err != nil {
			return nil, fmt.Errorf("%s: document at line %d: malformed YAML: %w", source, doc.line, absoluteLineError(doc, err))
		}
		found, err := imagesFromObject(obj, defaultNamespace)
		if err != nil {
			return nil, fmt.Errorf("%s: document at line %d: %w", source, doc.line, err)
		}
		for i := range found {
			found[i].Source = source
		}
		imgs = append(imgs, found...)
	}
	return imgs, nil
}

// absoluteLineError re-parses a document that failed, shifted down by the
// lines before it, so that the parser's "line N" counts from the top of the
// file rather than from the document. Blank lines before a document do not
// change its meaning. This is done only on failure, where its cost does not
// matter; if the second parse somehow succeeds the first error is kept.
func absoluteLineError(doc document, err error) error {
	if doc.line <= 1 {
		return err
	}
	padded := append(bytes.Repeat([]byte("\n"), doc.line-1), doc.data...)
	var obj any
	if err2 := yaml.Unmarshal(padded, &obj); err2 != nil {
		return err2
	}
	return err
}

// podSpecPaths are where a pod spec sits in the objects we know of; an
// object is searched at every path, so custom resources that embed a pod
// template the usual way are covered without being listed.
var podSpecPaths = [][]string{
	{"spec", "template", "spec"},
	{"spec", "jobTemplate", "spec", "template", "spec"},
	{"template", "spec"}, // PodTemplate
}

func imagesFromObject(v any, defaultNamespace string) ([]Image, error) {
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, nil // a scalar or a sequence: not a Kubernetes object
	}
	kind, _ := obj["kind"].(string)
	if kind == "" {
		return nil, nil
	}
	if items, ok := obj["items"].([]any); ok && strings.HasSuffix(kind, "List") {
		var imgs []Image
		for i, item := range items {
			found, err := imagesFromObject(item, defaultNamespace)
			if err != nil {
				return nil, fmt.Errorf("%s item %d: %w", kind, i, err)
			}
			imgs = append(imgs, found...)
		}
		return imgs, nil
	}

	meta, _ := obj["metadata"].(map[string]any)
	name, _ := meta["name"].(string)
	if name == "" {
		// Helm hooks and Jobs are often created with generateName only.
		name, _ = meta["generateName"].(string)
	}
	namespace, _ := meta["namespace"].(string)
	if namespace == "" {
		namespace = defaultNamespace
	}
	owner := Image{Namespace: namespace, Kind: kind, Name: name}

	var specs []map[string]any
	if kind == "Pod" {
		if spec, ok := obj["spec"].(map[string]any); ok {
			specs = append(specs, spec)
		}
	}
	for _, path := range podSpecPaths {
		if spec, ok := lookupMap(obj, path); ok {
			specs = append(specs, spec)
		}
	}

	var imgs []Image
	for _, spec := range specs {
		found, err := imagesFromPodSpec(spec, owner)
		if err != nil {
			return nil, fmt.Errorf("%s %q: %w", kind, name, err)
		}
		imgs = append(imgs, found...)
	}
	return imgs, nil
}

func imagesFromPodSpec(spec map[string]any, owner Image) ([]Image, error) {
	var imgs []Image
	for _, field := range []string{"containers", "initContainers"} {
		v, ok := spec[field]
		if !ok || v == nil {
			continue
		}
		list, ok := v.([]any)
		if !ok {
			return nil, fmt.Errorf("%s is a %T, not a list", field, v)
		}
		for i, c := range list {
			img, ok, err := imageFromContainer(c)
			if err != nil {
				return nil, fmt.Errorf("%s[%d]: %w", field, i, err)
			}
			if !ok {
				continue
			}
			img.Source, img.Release = owner.Source, owner.Release
			img.Namespace, img.Kind, img.Name = owner.Namespace, owner.Kind, owner.Name
			img.Init = field == "initContainers"
			imgs = append(imgs, img)
		}
	}
	return imgs, nil
}

// imageFromContainer reads one container entry. A container without an
// image is skipped rather than refused: the API allows it in workload
// templates so that a later step (an admission webhook, kustomize) fills it
// in, and there is nothing to patch until then. An image that is not a
// string is an error, because quietly dropping it would hide an image.
func imageFromContainer(v any) (Image, bool, error) {
	c, ok := v.(map[string]any)
	if !ok {
		return Image{}, false, fmt.Errorf("container is a %T, not a mapping", v)
	}
	name, _ := c["name"].(string)
	switch ref := c["image"].(type) {
	case nil:
		return Image{}, false, nil
	case string:
		if ref == "" {
			return Image{}, false, nil
		}
		return Image{Container: name, Image: ref}, true, nil
	default:
		return Image{}, false, fmt.Errorf("container %q: image is a %T, not a string", name, ref)
	}
}

func lookupMap(obj map[string]any, path []string) (map[string]any, bool) {
	cur := obj
	for _, key := range path {
		next, ok := cur[key].(map[string]any)
		if !ok {
			return nil, false
		}
		cur = next
	}
	return cur, true
}
