package image

import (
	"context"
	"fmt"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
)

// openArchive opens "FILE" or "FILE:TAG", a tarball written by `docker save` (or `crane pull --format=tarball`).
// A TAG is needed only when the archive holds more than one image.
func openArchive(ctx context.Context, spec string, opt Options) (*Image, error) {
	file, tag := spec, ""
	if m, err := tarball.LoadManifest(func() (ioReadCloser, error) { return openFile(spec) }); err != nil {
		// maybe "FILE:TAG"
		if i := lastColon(spec); i > 0 {
			file, tag = spec[:i], spec[i+1:]
		} else {
			return nil, fmt.Errorf("docker archive %s: %w", spec, err)
		}
	} else if len(m) == 1 && len(m[0].RepoTags) > 0 {
		tag = m[0].RepoTags[0]
	}
	var t *name.Tag
	if tag != "" {
		parsed, err := name.NewTag(tag)
		if err != nil {
			return nil, fmt.Errorf("docker archive %s: tag %q: %w", file, tag, err)
		}
		t = &parsed
	}
	img, err := tarball.ImageFromPath(file, t)
	if err != nil {
		return nil, fmt.Errorf("docker archive %s: %w", file, err)
	}
	display := file
	if tag != "" {
		display = tag
	}
	return located(fromV1(img, display, false))("docker-archive", file)
}
