package image

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
)

// openArchive opens "FILE" or "FILE:TAG", a tarball written by `docker save` (or `crane pull --format=tarball`).
// A TAG is needed only when the archive holds more than one image.
func openArchive(ctx context.Context, spec string, opt Options) (*Image, error) {
	file, tag := splitArchiveSpec(spec)
	if tag == "" {
		// a single image names itself: use its tag for display
		m, err := tarball.LoadManifest(func() (io.ReadCloser, error) { return os.Open(file) })
		if err != nil {
			return nil, fmt.Errorf("docker archive %s: %w", file, err)
		}
		if len(m) == 1 && len(m[0].RepoTags) > 0 {
			tag = m[0].RepoTags[0]
		}
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

// splitArchiveSpec cuts "FILE:TAG" at the colon after which the file exists, since both a path and a tag may
// hold colons ("img.tar:registry:5000/app:1.0").
func splitArchiveSpec(spec string) (file, tag string) {
	if _, err := os.Stat(spec); err == nil {
		return spec, ""
	}
	for i := strings.IndexByte(spec, ':'); i >= 0; {
		if st, err := os.Stat(spec[:i]); err == nil && !st.IsDir() {
			return spec[:i], spec[i+1:]
		}
		j := strings.IndexByte(spec[i+1:], ':')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return spec, ""
}
