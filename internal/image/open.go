package image

import (
	"context"
	"fmt"
	"strings"
)

// Source prefixes, as in skopeo and syft: "oci:DIR[:TAG|@DIGEST]", "docker-archive:FILE[:TAG]", "dir:ROOTFS";
// anything else is a registry reference, optionally written "registry:REF" or "docker://REF".
const (
	prefixOCI      = "oci:"
	prefixArchive  = "docker-archive:"
	prefixDir      = "dir:"
	prefixRegistry = "registry:"
	prefixDocker   = "docker://"
)

// Open opens the image that ref names.
func Open(ctx context.Context, ref string, opt Options) (*Image, error) {
	var (
		img *Image
		err error
	)
	switch {
	case strings.HasPrefix(ref, prefixOCI):
		img, err = openOCI(ctx, strings.TrimPrefix(ref, prefixOCI), opt)
	case strings.HasPrefix(ref, prefixArchive):
		img, err = openArchive(ctx, strings.TrimPrefix(ref, prefixArchive), opt)
	case strings.HasPrefix(ref, prefixDir):
		img, err = openDir(ctx, strings.TrimPrefix(ref, prefixDir))
	case strings.HasPrefix(ref, prefixRegistry):
		img, err = openRemote(ctx, strings.TrimPrefix(ref, prefixRegistry), opt)
	case strings.HasPrefix(ref, prefixDocker):
		img, err = openRemote(ctx, strings.TrimPrefix(ref, prefixDocker), opt)
	default:
		img, err = openRemote(ctx, ref, opt)
	}
	if err != nil {
		return nil, fmt.Errorf("image %s: %w", ref, err)
	}
	img.Reference = ref
	return img, nil
}
