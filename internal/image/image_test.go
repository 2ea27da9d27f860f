package image

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/layout"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"golang.org/x/crypto/bcrypt"

	"github.com/patchbay/patchbay/internal/testenv"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testenv.StopAll()
	os.Exit(code)
}

func layoutRef(corpus, ref string) string { return "oci:" + filepath.Join(corpus, "oci") + ":" + ref }

// pushFromLayout copies an image or index of the corpus layout into the registry, as `crane copy` would.
func pushFromLayout(t *testing.T, corpus, ref, dst string) {
	t.Helper()
	p, err := layout.FromPath(filepath.Join(corpus, "oci"))
	if err != nil {
		t.Fatal(err)
	}
	idx, _ := p.ImageIndex()
	im, _ := idx.IndexManifest()
	tag, err := name.NewTag(dst, name.Insecure)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range im.Manifests {
		if d.Annotations[refNameAnnotation] != ref {
			continue
		}
		if d.MediaType.IsIndex() {
			child, _ := idx.ImageIndex(d.Digest)
			if err := remote.WriteIndex(tag, child); err != nil {
				t.Fatal(err)
			}
			return
		}
		img, _ := idx.Image(d.Digest)
		if err := remote.Write(tag, img); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Fatalf("%s not in the corpus layout", ref)
}

func streamDigest(t *testing.T, l Layer) string {
	t.Helper()
	rc, err := l.Open(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	h := sha256.New()
	if _, err := io.Copy(h, rc); err != nil {
		t.Fatal(err)
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}

// TestSourcesAgree opens debian-base:v2 from every kind of source: the same layers come out, and each layer's
// stream is the content its diff_id names.
func TestSourcesAgree(t *testing.T) {
	corpus := testenv.Corpus(t)
	reg := testenv.StartRegistry(t, "open", "")
	pushFromLayout(t, corpus, "corpus.local/debian-base:v2", reg.Host+"/ops/debian-base:v2")
	ctx := context.Background()
	fromLayout, err := Open(ctx, layoutRef(corpus, "corpus.local/debian-base:v2"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, ref := range []string{
		layoutRef(corpus, "v2"), // the tag part of the ref name is enough
		"docker-archive:" + filepath.Join(corpus, "archives", "debian-base_v2.tar"),
		reg.Host + "/ops/debian-base:v2",
		"registry:" + reg.Host + "/ops/debian-base:v2",
	} {
		img, err := Open(ctx, ref, Options{Insecure: true})
		if err != nil {
			t.Fatalf("%s: %v", ref, err)
		}
		if len(img.Layers) != len(fromLayout.Layers) {
			t.Fatalf("%s: %d layers, want %d", ref, len(img.Layers), len(fromLayout.Layers))
		}
		for i, l := range img.Layers {
			if l.DiffID != fromLayout.Layers[i].DiffID || l.CreatedBy != fromLayout.Layers[i].CreatedBy {
				t.Errorf("%s: layer %d is %s %q, want %s %q", ref, i, l.DiffID, l.CreatedBy, fromLayout.Layers[i].DiffID, fromLayout.Layers[i].CreatedBy)
			}
		}
		if got := streamDigest(t, img.Layers[1]); got != img.Layers[1].DiffID {
			t.Errorf("%s: layer 1 streams %s, its diff_id is %s", ref, got, img.Layers[1].DiffID)
		}
		if !strings.HasPrefix(ref, "docker-archive:") && img.ManifestDigest != fromLayout.ManifestDigest {
			t.Errorf("%s: manifest %s, want %s", ref, img.ManifestDigest, fromLayout.ManifestDigest)
		}
		if img.Annotations["org.opencontainers.image.base.name"] != fromLayout.Annotations["org.opencontainers.image.base.name"] &&
			!strings.HasPrefix(ref, "docker-archive:") {
			t.Errorf("%s: base annotations lost: %v", ref, img.Annotations)
		}
	}
	// a root filesystem directory is one layer, its stream written on the fly
	rootfs := filepath.Join(corpus, "work", "rootfs", "v1")
	if _, err := os.Stat(rootfs); err == nil {
		img, err := Open(ctx, "dir:"+rootfs, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(img.Layers) != 1 || img.Layers[0].DiffID != "" || len(streamDigest(t, img.Layers[0])) != 71 {
			t.Errorf("dir: %+v", img.Layers)
		}
	}
}

func TestPlatforms(t *testing.T) {
	corpus := testenv.Corpus(t)
	reg := testenv.StartRegistry(t, "open", "")
	pushFromLayout(t, corpus, "corpus.local/alpine:3.20.3", reg.Host+"/library/alpine:3.20.3")
	ctx := context.Background()
	for _, ref := range []string{layoutRef(corpus, "corpus.local/alpine:3.20.3"), reg.Host + "/library/alpine:3.20.3"} {
		for plat, want := range map[string]string{"": "linux/amd64", "linux/arm64": "linux/arm64/v8", "linux/arm64/v8": "linux/arm64/v8"} {
			opt := Options{Insecure: true}
			if plat != "" {
				opt.Platform, _ = ParsePlatform(plat)
			}
			img, err := Open(ctx, ref, opt)
			if err != nil {
				t.Fatalf("%s --platform %q: %v", ref, plat, err)
			}
			if img.Platform != want {
				t.Errorf("%s --platform %q: got %s", ref, plat, img.Platform)
			}
		}
		p, _ := ParsePlatform("linux/s390x")
		_, err := Open(ctx, ref, Options{Platform: p, Insecure: true})
		if err == nil || !strings.Contains(err.Error(), "it has: linux/amd64, linux/arm64/v8") {
			t.Errorf("%s: no-match error %v should list the index's platforms", ref, err)
		}
	}
}

func TestRegistryCredentials(t *testing.T) {
	corpus := testenv.Corpus(t)
	hash, err := bcrypt.GenerateFromPassword([]byte("s3cret"), bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	reg := testenv.StartRegistry(t, "auth", "ci-bot:"+string(hash)+"\n")
	// push with the credentials, as a CI job would
	cfgDir := t.TempDir()
	auth := base64.StdEncoding.EncodeToString([]byte("ci-bot:s3cret"))
	cfg, _ := json.Marshal(map[string]any{"auths": map[string]any{reg.Host: map[string]string{"auth": auth}}})
	if err := os.WriteFile(filepath.Join(cfgDir, "config.json"), cfg, 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("DOCKER_CONFIG", cfgDir)
	tag, _ := name.NewTag(reg.Host+"/team/base:v1", name.Insecure)
	p, _ := layout.FromPath(filepath.Join(corpus, "oci"))
	src, err := Open(context.Background(), layoutRef(corpus, "corpus.local/debian-base:v1"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	h, _ := v1.NewHash(src.ManifestDigest)
	img, err := p.Image(h)
	if err != nil {
		t.Fatal(err)
	}
	if err := remote.Write(tag, img, RemoteOptions(context.Background(), Options{Insecure: true})...); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(context.Background(), tag.String(), Options{Insecure: true}); err != nil {
		t.Errorf("with docker credentials: %v", err)
	}
	t.Setenv("DOCKER_CONFIG", t.TempDir())
	_, err = Open(context.Background(), tag.String(), Options{Insecure: true})
	if err == nil || !strings.Contains(err.Error(), "UNAUTHORIZED") {
		t.Errorf("without credentials: %v, want an UNAUTHORIZED error", err)
	}
}

func TestLayoutSelectionErrors(t *testing.T) {
	corpus := testenv.Corpus(t)
	_, err := Open(context.Background(), "oci:"+filepath.Join(corpus, "oci"), Options{})
	if err == nil || !strings.Contains(err.Error(), "corpus.local/debian-base:v1") {
		t.Errorf("a layout of many images with no name: %v, want the names listed", err)
	}
	_, err = Open(context.Background(), layoutRef(corpus, "nope:1"), Options{})
	if err == nil || !strings.Contains(err.Error(), `no image "nope:1"`) {
		t.Errorf("unknown name: %v", err)
	}
	_, err = Open(context.Background(), "docker-archive:/does/not/exist.tar", Options{})
	if err == nil || !strings.Contains(err.Error(), "/does/not/exist.tar") {
		t.Errorf("missing archive: %v", err)
	}
}
