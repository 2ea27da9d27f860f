// Package image opens container images from where they live — a registry, an OCI image layout, a docker-save
// archive, a root filesystem directory — without a Docker daemon, and gives their layers as uncompressed tar
// streams. It knows nothing of packages or vulnerabilities.
package image

import (
	"context"
	"io"

	v1 "github.com/google/go-containerregistry/pkg/v1"
)

// Image is an opened image: its identity, configuration and layers.
type Image struct {
	Reference      string // as the user gave it
	Kind           string // "registry", "oci", "docker-archive" or "dir": where it was read from
	Location       string // the registry repository ("host/repo"), layout directory, archive or directory
	Name           string // a display name: "registry/repo:tag", the OCI ref name, or the directory
	ManifestDigest string // "" for a directory
	Platform       string // "linux/amd64"
	Annotations    map[string]string
	Config         *v1.ConfigFile // nil for a directory
	Layers         []Layer
}

// Layer is one layer of an image.
type Layer struct {
	Index     int
	DiffID    string // "sha256:…" of the uncompressed tar; "" when unknown until read (a directory)
	Digest    string // of the blob as stored
	MediaType string
	Size      int64 // of the blob as stored
	CreatedBy string
	// Open returns the layer's uncompressed tar stream.
	Open func(ctx context.Context) (io.ReadCloser, error)
}

// Options tune how images are opened.
type Options struct {
	// Platform picks one image from a multi-platform index; nil means linux/amd64.
	Platform *v1.Platform
	// Insecure allows plain HTTP and unverified TLS for registries (loopback test registries).
	Insecure bool
	// UserAgent is sent to registries.
	UserAgent string
}

func (o Options) platform() v1.Platform {
	if o.Platform != nil {
		return *o.Platform
	}
	return v1.Platform{OS: "linux", Architecture: "amd64"}
}
