package analyze

import (
	"archive/tar"
	"bytes"
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/layout"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/static"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
	"github.com/google/go-containerregistry/pkg/v1/types"

	"github.com/patchbay/patchbay/internal/image"
	"github.com/patchbay/patchbay/internal/sbom"
)

type tf struct {
	name, body, link string
	typ              byte
}

func layerOf(t testing.TB, files ...tf) v1.Layer {
	t.Helper()
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, f := range files {
		typ := f.typ
		if typ == 0 {
			typ = tar.TypeReg
		}
		h := &tar.Header{Name: f.name, Typeflag: typ, Linkname: f.link, Mode: 0o644}
		if typ == tar.TypeReg {
			h.Size = int64(len(f.body))
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		tw.Write([]byte(f.body))
	}
	tw.Close()
	data := buf.Bytes()
	l, err := tarball.LayerFromOpener(func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil })
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// writeImage puts an image of these layers in an OCI layout under dir and returns its reference.
func writeImage(t testing.TB, dir, name string, edit func(*v1.ConfigFile), layers ...v1.Layer) string {
	t.Helper()
	img, err := mutate.AppendLayers(empty.Image, layers...)
	if err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		cfg, _ := img.ConfigFile()
		cfg = cfg.DeepCopy()
		edit(cfg)
		if img, err = mutate.ConfigFile(img, cfg); err != nil {
			t.Fatal(err)
		}
	}
	p, err := layout.FromPath(dir)
	if err != nil {
		if p, err = layout.Write(dir, empty.Index); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.AppendImage(img, layout.WithAnnotations(map[string]string{"org.opencontainers.image.ref.name": name})); err != nil {
		t.Fatal(err)
	}
	return "oci:" + dir + ":" + name
}

func analyzeRef(t testing.TB, a *Analyzer, ref string) (*Result, error) {
	t.Helper()
	img, err := image.Open(context.Background(), ref, image.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return a.Analyze(context.Background(), img)
}

const statusAB = "Package: a\nStatus: install ok installed\nVersion: 1.0\nArchitecture: amd64\n\n" +
	"Package: b\nStatus: install ok installed\nVersion: 1.0\nArchitecture: amd64\n"

// TestAttributionAcrossLayers: a package upgraded by a later layer belongs to it; one untouched belongs to the
// layer that installed it even though later layers rewrote the database; deleted or hidden files take their
// packages with them.
func TestAttributionAcrossLayers(t *testing.T) {
	dir := t.TempDir()
	statusAB2 := strings.Replace(statusAB, "Package: b\nStatus: install ok installed\nVersion: 1.0", "Package: b\nStatus: install ok installed\nVersion: 2.0", 1)
	l0 := layerOf(t,
		tf{name: "var/lib/dpkg/status", body: statusAB},
		tf{name: "usr/lib/os-release", body: "ID=debian\nVERSION_ID=\"12\"\n"},
		tf{name: "etc/os-release", typ: tar.TypeSymlink, link: "../usr/lib/os-release"},
		tf{name: "app/node_modules/gone/package.json", body: `{"name":"gone","version":"1.0.0"}`},
		tf{name: "app/node_modules/kept/package.json", body: `{"name":"kept","version":"1.0.0"}`},
		tf{name: "opt/lib/node_modules/hidden/package.json", body: `{"name":"hidden","version":"1.0.0"}`})
	l1 := layerOf(t,
		tf{name: "var/lib/dpkg/status", body: statusAB2},
		tf{name: "app/node_modules/.wh.gone"},
		tf{name: "opt/lib/node_modules/.wh..wh..opq"},
		tf{name: "opt/lib/node_modules/fresh/package.json", body: `{"name":"fresh","version":"2.0.0"}`})
	ref := writeImage(t, dir, "test/attr:1", nil, l0, l1)
	res, err := analyzeRef(t, &Analyzer{Catalogers: DefaultCatalogers()}, ref)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]sbom.Package{}
	for _, p := range res.SBOM.Packages {
		got[p.Name+"@"+p.Version] = p
	}
	want := map[string]int{"a@1.0": 0, "b@2.0": 1, "kept@1.0.0": 0, "fresh@2.0.0": 1}
	for k, layer := range want {
		p, ok := got[k]
		if !ok {
			t.Errorf("%s missing", k)
			continue
		}
		if p.Layer.Index != layer || p.Layer.DiffID != res.SBOM.Layers[layer].DiffID {
			t.Errorf("%s: layer %d %s, want %d", k, p.Layer.Index, p.Layer.DiffID, layer)
		}
	}
	for _, k := range []string{"b@1.0", "gone@1.0.0", "hidden@1.0.0"} {
		if _, ok := got[k]; ok {
			t.Errorf("%s listed, but a later layer removed it", k)
		}
	}
	if len(got) != len(want) {
		t.Errorf("packages %v", got)
	}
	if res.SBOM.Distro == nil || res.SBOM.Distro.ID != "debian" {
		t.Errorf("distro %+v: /etc/os-release is a symlink to follow", res.SBOM.Distro)
	}
}

func TestSymlinkLoopIsAWarning(t *testing.T) {
	dir := t.TempDir()
	ref := writeImage(t, dir, "test/loop:1", nil, layerOf(t,
		tf{name: "etc/os-release", typ: tar.TypeSymlink, link: "/etc/a"},
		tf{name: "etc/a", typ: tar.TypeSymlink, link: "/etc/os-release"},
		tf{name: "var/lib/dpkg/status", body: statusAB}))
	res, err := analyzeRef(t, &Analyzer{Catalogers: DefaultCatalogers()}, ref)
	if err != nil {
		t.Fatal(err)
	}
	if res.SBOM.Distro != nil || len(res.SBOM.Packages) != 2 {
		t.Errorf("distro %+v, %d packages", res.SBOM.Distro, len(res.SBOM.Packages))
	}
	if len(res.SBOM.Warnings) != 1 || !strings.Contains(res.SBOM.Warnings[0], "/etc/os-release: too many levels of symbolic links") {
		t.Errorf("warnings %q", res.SBOM.Warnings)
	}
}

func TestCorruptLayersNameImageAndLayer(t *testing.T) {
	dir := t.TempDir()
	good := layerOf(t, tf{name: "var/lib/dpkg/status", body: statusAB})
	junk := static.NewLayer(append([]byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3}, bytes.Repeat([]byte{0xff}, 4096)...), types.DockerLayer)
	cases := []struct {
		name string
		ref  string
		want string
	}{
		{"corrupt gzip", writeImage(t, dir, "test/gzip:1", nil, good, junk), "layer 1"},
		{"wrong diff_id", writeImage(t, dir, "test/diffid:1", func(c *v1.ConfigFile) {
			c.RootFS.DiffIDs[0] = v1.Hash{Algorithm: "sha256", Hex: strings.Repeat("ab", 32)}
		}, good), "not the diff_id the config declares"},
	}
	for _, tc := range cases {
		_, err := analyzeRef(t, &Analyzer{Catalogers: DefaultCatalogers()}, tc.ref)
		if err == nil {
			t.Errorf("%s: no error", tc.name)
			continue
		}
		if !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "test/") {
			t.Errorf("%s: %v: want the image and %q named", tc.name, err, tc.want)
		}
	}
}

// TestCacheSharesLayersAcrossImages: the second image built on the same base reads only its own layer.
func TestCacheSharesLayersAcrossImages(t *testing.T) {
	dir := t.TempDir()
	base := layerOf(t, tf{name: "var/lib/dpkg/status", body: statusAB})
	ref1 := writeImage(t, dir, "test/one:1", nil, base, layerOf(t, tf{name: "app/one", body: "1"}))
	ref2 := writeImage(t, dir, "test/two:1", nil, base, layerOf(t, tf{name: "app/two", body: "2"}))
	cats := DefaultCatalogers()
	a := &Analyzer{Catalogers: cats, Cache: OpenCache(filepath.Join(t.TempDir(), "cache"), AnalyserVersion(cats))}
	first, err := analyzeRef(t, a, ref1)
	if err != nil {
		t.Fatal(err)
	}
	second, err := analyzeRef(t, a, ref2)
	if err != nil {
		t.Fatal(err)
	}
	if first.Cached[0] || first.Cached[1] || !second.Cached[0] || second.Cached[1] {
		t.Errorf("cached: first %v, second %v; want the shared base layer cached the second time only", first.Cached, second.Cached)
	}
	if len(second.SBOM.Packages) != 2 || second.SBOM.Packages[0].Layer.Index != 0 {
		t.Errorf("packages from the cached layer: %+v", second.SBOM.Packages)
	}
	// the same image again: everything from the cache, same SBOM
	again, err := analyzeRef(t, a, ref1)
	if err != nil {
		t.Fatal(err)
	}
	if !again.Cached[0] || !again.Cached[1] || len(again.SBOM.Packages) != len(first.SBOM.Packages) {
		t.Errorf("rescan: cached %v, %d packages", again.Cached, len(again.SBOM.Packages))
	}
}

// TestSBOMOnlyRescanReadsNoLayerResult: with SBOMOnly, an image analysed before is answered from its cached SBOM,
// the same packages, without the per-layer results; without it, the layer results come back (layer hygiene).
func TestSBOMOnlyRescanReadsNoLayerResult(t *testing.T) {
	dir := t.TempDir()
	ref := writeImage(t, dir, "test/sbomonly:1", nil, layerOf(t, tf{name: "var/lib/dpkg/status", body: statusAB}))
	cats := DefaultCatalogers()
	a := &Analyzer{Catalogers: cats, Cache: OpenCache(filepath.Join(t.TempDir(), "cache"), AnalyserVersion(cats)), SBOMOnly: true}
	first, err := analyzeRef(t, a, ref)
	if err != nil || first.Layers == nil {
		t.Fatalf("first: %v, layers %v", err, first.Layers)
	}
	again, err := analyzeRef(t, a, ref)
	if err != nil {
		t.Fatal(err)
	}
	if again.Layers != nil || len(again.SBOM.Packages) != len(first.SBOM.Packages) || again.SBOM.Source.ManifestDigest != first.SBOM.Source.ManifestDigest {
		t.Errorf("rescan: layers %v, %d packages (want %d from the cached SBOM)", again.Layers, len(again.SBOM.Packages), len(first.SBOM.Packages))
	}
	a.SBOMOnly = false
	full, err := analyzeRef(t, a, ref)
	if err != nil || len(full.Layers) != 1 || full.Layers[0] == nil || !full.Cached[0] {
		t.Errorf("without SBOMOnly: %v, layers %v", err, full.Layers)
	}
}
