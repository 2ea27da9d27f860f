package image

import (
	"context"
	"crypto/tls"
	"fmt"
	"net/http"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/remote"
)

// openRemote opens an image in a registry through the OCI distribution API. Credentials come from the docker
// config and its credential helpers, as docker itself finds them (DOCKER_CONFIG, ~/.docker/config.json).
func openRemote(ctx context.Context, ref string, opt Options) (*Image, error) {
	var nameOpts []name.Option
	if opt.Insecure {
		nameOpts = append(nameOpts, name.Insecure)
	}
	r, err := name.ParseReference(ref, nameOpts...)
	if err != nil {
		return nil, fmt.Errorf("reference: %w", err)
	}
	ropts := RemoteOptions(ctx, opt)
	desc, err := remote.Get(r, ropts...)
	if err != nil {
		return nil, err
	}
	if desc.MediaType.IsIndex() {
		idx, err := desc.ImageIndex()
		if err != nil {
			return nil, err
		}
		im, err := idx.IndexManifest()
		if err != nil {
			return nil, err
		}
		d, err := selectPlatform(im, opt.platform())
		if err != nil {
			return nil, err
		}
		img, err := idx.Image(d.Digest)
		if err != nil {
			return nil, fmt.Errorf("image %s: %w", d.Digest, err)
		}
		return located(fromV1(img, r.Name(), true))("registry", r.Context().Name())
	}
	img, err := desc.Image()
	if err != nil {
		return nil, err
	}
	return located(fromV1(img, r.Name(), true))("registry", r.Context().Name())
}

// RemoteOptions are the go-containerregistry options every registry call of Patchbay uses.
func RemoteOptions(ctx context.Context, opt Options) []remote.Option {
	ua := opt.UserAgent
	if ua == "" {
		ua = "patchbay"
	}
	ropts := []remote.Option{
		remote.WithContext(ctx),
		remote.WithAuthFromKeychain(authn.DefaultKeychain),
		remote.WithUserAgent(ua),
	}
	if opt.Insecure {
		tr := remote.DefaultTransport.(*http.Transport).Clone()
		tr.TLSClientConfig = &tls.Config{InsecureSkipVerify: true} //nolint:gosec // the user asked for --insecure
		ropts = append(ropts, remote.WithTransport(tr))
	}
	return ropts
}
