package image

import (
	"context"
	"fmt"
	"path"
	"strings"

	"github.com/google/go-containerregistry/pkg/name"
)

// OCI annotations (image-spec annotations.md) that name the base image an image was built on.
const (
	BaseNameAnnotation   = "org.opencontainers.image.base.name"
	BaseDigestAnnotation = "org.opencontainers.image.base.digest"
)

// Base is an image's base: which image, and how many of the image's bottom layers are its layers.
type Base struct {
	Name   string
	Digest string
	Layers int
	Source string // "flag" (the user named it) or "annotation"
}

// FindBase works out the image's base image: the one the user names (baseRef), else the one its OCI base
// annotations name, looked for where the image itself came from. It returns nil, with no error, when the image
// says nothing of a base; an error when a named base cannot be read or shares no layers with the image.
func FindBase(ctx context.Context, img *Image, baseRef string, opt Options) (*Base, error) {
	if baseRef != "" {
		b, err := Open(ctx, baseRef, opt)
		if err != nil {
			return nil, fmt.Errorf("base image: %w", err)
		}
		return baseOf(img, b, "flag")
	}
	digest := img.Annotations[BaseDigestAnnotation]
	baseName := img.Annotations[BaseNameAnnotation]
	if digest == "" {
		return nil, nil
	}
	var tried []string
	for _, ref := range baseCandidates(img, baseName, digest) {
		b, err := Open(ctx, ref, opt)
		if err != nil {
			tried = append(tried, fmt.Sprintf("%s (%v)", ref, err))
			continue
		}
		base, err := baseOf(img, b, "annotation")
		if err == nil {
			base.Name = baseName
		}
		return base, err
	}
	return nil, fmt.Errorf("the base image its annotations name (%s@%s) cannot be read: tried %s; name it with --base",
		baseName, digest, strings.Join(tried, "; "))
}

// baseCandidates lists where the annotated base may be: beside the image (same layout, same registry) first,
// then where its name says.
func baseCandidates(img *Image, baseName, digest string) []string {
	var out []string
	switch img.Kind {
	case "oci":
		out = append(out, "oci:"+img.Location+"@"+digest)
	case "registry":
		if ref, err := name.ParseReference(baseName, name.WeakValidation); err == nil {
			host, _, _ := strings.Cut(img.Location, "/")
			out = append(out, host+"/"+ref.Context().RepositoryStr()+"@"+digest)
			// a mirror keeps the path under its own prefix: try the image's own repository's parent too
			out = append(out, path.Dir(img.Location)+"/"+path.Base(ref.Context().RepositoryStr())+"@"+digest)
		}
	}
	if baseName != "" {
		if ref, err := name.ParseReference(baseName, name.WeakValidation); err == nil {
			out = append(out, ref.Context().Name()+"@"+digest)
		}
	}
	return dedupe(out)
}

func baseOf(img, base *Image, source string) (*Base, error) {
	n := 0
	for n < len(img.Layers) && n < len(base.Layers) && img.Layers[n].DiffID != "" && img.Layers[n].DiffID == base.Layers[n].DiffID {
		n++
	}
	if n < len(base.Layers) {
		return nil, fmt.Errorf("%s is not a base of %s: its layers are not the bottom layers of the image", base.Name, img.Name)
	}
	return &Base{Name: base.Name, Digest: base.ManifestDigest, Layers: n, Source: source}, nil
}

func dedupe(s []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, v := range s {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}
