package image

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/layout"
)

const refNameAnnotation = "org.opencontainers.image.ref.name"

// openOCI opens "DIR", "DIR:TAG" or "DIR@sha256:…" in an OCI image layout. DIR may itself contain colons, so the
// split is made at the first colon whose left side is a layout directory. TAG matches the ref name annotation
// whole ("corpus.local/debian-base:v1") or its tag part ("v1").
func openOCI(ctx context.Context, spec string, opt Options) (*Image, error) {
	dir, sel := splitLayoutSpec(spec)
	p, err := layout.FromPath(dir)
	if err != nil {
		return nil, fmt.Errorf("OCI layout %s: %w", dir, err)
	}
	idx, err := p.ImageIndex()
	if err != nil {
		return nil, fmt.Errorf("OCI layout %s: %w", dir, err)
	}
	im, err := idx.IndexManifest()
	if err != nil {
		return nil, fmt.Errorf("OCI layout %s: index.json: %w", dir, err)
	}
	desc, err := pickLayoutEntry(im.Manifests, sel)
	if err != nil {
		return nil, fmt.Errorf("OCI layout %s: %w", dir, err)
	}
	name := desc.Annotations[refNameAnnotation]
	if name == "" {
		name = dir + "@" + desc.Digest.String()
	}
	if desc.MediaType.IsIndex() {
		child, err := idx.ImageIndex(desc.Digest)
		if err != nil {
			return nil, fmt.Errorf("OCI layout %s: index %s: %w", dir, desc.Digest, err)
		}
		cm, err := child.IndexManifest()
		if err != nil {
			return nil, fmt.Errorf("OCI layout %s: index %s: %w", dir, desc.Digest, err)
		}
		d, err := selectPlatform(cm, opt.platform())
		if err != nil {
			return nil, err
		}
		img, err := child.Image(d.Digest)
		if err != nil {
			return nil, fmt.Errorf("OCI layout %s: image %s: %w", dir, d.Digest, err)
		}
		return located(fromV1(img, name, true))("oci", dir)
	}
	img, err := idx.Image(desc.Digest)
	if err != nil {
		return nil, fmt.Errorf("OCI layout %s: image %s: %w", dir, desc.Digest, err)
	}
	return located(fromV1(img, name, true))("oci", dir)
}

func splitLayoutSpec(spec string) (dir, sel string) {
	if i := strings.Index(spec, "@sha256:"); i >= 0 {
		return spec[:i], spec[i+1:]
	}
	for i := 0; i < len(spec); i++ {
		if spec[i] == ':' {
			if _, err := os.Stat(filepath.Join(spec[:i], "oci-layout")); err == nil {
				return spec[:i], spec[i+1:]
			}
		}
	}
	return spec, ""
}

// pickLayoutEntry finds the index entry a selector names: a digest, a ref name or its tag; with no selector, the
// only entry.
func pickLayoutEntry(ds []v1.Descriptor, sel string) (v1.Descriptor, error) {
	var names []string
	for _, d := range ds {
		n := d.Annotations[refNameAnnotation]
		switch {
		case sel == "" && len(ds) == 1,
			sel != "" && (d.Digest.String() == sel || n == sel || tagOf(n) == sel):
			return d, nil
		}
		if n != "" {
			names = append(names, n)
		} else {
			names = append(names, d.Digest.String())
		}
	}
	sort.Strings(names)
	if sel == "" {
		return v1.Descriptor{}, fmt.Errorf("it holds %d images; name one as oci:DIR:NAME, one of: %s", len(ds), strings.Join(names, ", "))
	}
	return v1.Descriptor{}, fmt.Errorf("no image %q; it holds: %s", sel, strings.Join(names, ", "))
}

func tagOf(refName string) string {
	if i := strings.LastIndexByte(refName, ':'); i >= 0 && !strings.Contains(refName[i:], "/") {
		return refName[i+1:]
	}
	return refName
}
