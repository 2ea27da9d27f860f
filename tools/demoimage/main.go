// Command demoimage builds a small image offline from testdata/demo, as an OCI image layout, so that the
// README's first command can show Patchbay at work on a fresh machine with no registry and no network.
//
//	go run ./tools/demoimage OUTDIR
//
// The image has three layers, like a real one: a Debian base (os-release, a dpkg database of real stanzas), an
// application layer (npm and Python packages, and an apt cache left behind, which `patchbay layers` flags), and
// a clean-up layer that deletes a build log the layer below still ships.
package main

import (
	"archive/tar"
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/layout"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
)

var epoch = time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: demoimage OUTDIR")
		os.Exit(2)
	}
	if err := build("testdata/demo", os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "demoimage:", err)
		os.Exit(1)
	}
}

type file struct {
	name string
	body []byte
	link string
	typ  byte
}

func build(src, out string) error {
	base, err := treeFiles(filepath.Join(src, "base"))
	if err != nil {
		return err
	}
	base = append(base, file{name: "etc/os-release", typ: tar.TypeSymlink, link: "../usr/lib/os-release"})
	app, err := treeFiles(filepath.Join(src, "app"))
	if err != nil {
		return err
	}
	// what a careless Dockerfile leaves: apt's downloaded packages, and a log removed only in a later layer
	app = append(app,
		file{name: "var/cache/apt/archives/libyaml-0-2_0.2.5-1_amd64.deb", body: bytes.Repeat([]byte{0xA5}, 3<<20)},
		file{name: "tmp/build.log", body: bytes.Repeat([]byte("compiling...\n"), 200_000)})
	cleanup := []file{{name: "tmp/.wh.build.log"}}

	img := empty.Image
	history := []string{
		"ADD rootfs.tar / # a Debian bookworm base (demo)",
		"COPY app /app && RUN apt-get install -y python3-yaml",
		"RUN rm /tmp/build.log",
	}
	for i, files := range [][]file{base, app, cleanup} {
		layer, err := layerOf(files)
		if err != nil {
			return err
		}
		img, err = mutate.Append(img, mutate.Addendum{Layer: layer, History: v1.History{CreatedBy: history[i], Created: v1.Time{Time: epoch}}})
		if err != nil {
			return err
		}
	}
	cfg, err := img.ConfigFile()
	if err != nil {
		return err
	}
	cfg = cfg.DeepCopy()
	cfg.OS, cfg.Architecture, cfg.Created = "linux", "amd64", v1.Time{Time: epoch}
	cfg.Config.Labels = map[string]string{"org.opencontainers.image.title": "patchbay-demo", "org.opencontainers.image.authors": "demo-team@example.com"}
	if img, err = mutate.ConfigFile(img, cfg); err != nil {
		return err
	}
	if err := os.RemoveAll(out); err != nil {
		return err
	}
	p, err := layout.Write(out, empty.Index)
	if err != nil {
		return err
	}
	return p.AppendImage(img, layout.WithAnnotations(map[string]string{"org.opencontainers.image.ref.name": "demo.local/app:1.0"}))
}

// treeFiles lists a directory's files as tar entries relative to it, sorted (WalkDir's order).
func treeFiles(root string) ([]file, error) {
	var out []file
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == root {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		if d.IsDir() {
			out = append(out, file{name: filepath.ToSlash(rel) + "/", typ: tar.TypeDir})
			return nil
		}
		b, err := os.ReadFile(p)
		out = append(out, file{name: filepath.ToSlash(rel), body: b})
		return err
	})
	return out, err
}

func layerOf(files []file) (v1.Layer, error) {
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, f := range files {
		typ := f.typ
		if typ == 0 {
			typ = tar.TypeReg
		}
		h := &tar.Header{Name: f.name, Typeflag: typ, Linkname: f.link, ModTime: epoch, Mode: 0o644, Format: tar.FormatPAX}
		if typ == tar.TypeDir {
			h.Mode = 0o755
		}
		if typ == tar.TypeReg {
			h.Size = int64(len(f.body))
		}
		if err := tw.WriteHeader(h); err != nil {
			return nil, err
		}
		if _, err := tw.Write(f.body); err != nil {
			return nil, err
		}
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	data := buf.Bytes()
	return tarball.LayerFromOpener(func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil })
}
