package image

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"
)

// fromV1 describes a go-containerregistry image: digests, config, history and a way to open each layer.
// When blobsCompressed is true the layers' stored blobs are read and decompressed here (klauspost's gzip and zstd
// are markedly faster than the standard library's); otherwise the image's own Uncompressed() is used (a docker
// archive stores layers uncompressed, and compressing them only to decompress again would be waste).
func fromV1(img v1.Image, name string, blobsCompressed bool) (*Image, error) {
	out := &Image{Name: name}
	digest, err := img.Digest()
	if err != nil {
		return nil, fmt.Errorf("manifest digest: %w", err)
	}
	out.ManifestDigest = digest.String()
	m, err := img.Manifest()
	if err != nil {
		return nil, fmt.Errorf("manifest: %w", err)
	}
	out.Annotations = m.Annotations
	cfg, err := img.ConfigFile()
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	out.Config = cfg
	out.Platform = FormatPlatform(cfg.Platform())
	layers, err := img.Layers()
	if err != nil {
		return nil, fmt.Errorf("layers: %w", err)
	}
	if len(cfg.RootFS.DiffIDs) != len(layers) {
		return nil, fmt.Errorf("config lists %d diff_ids for %d layers", len(cfg.RootFS.DiffIDs), len(layers))
	}
	history := createdBy(cfg)
	for i, l := range layers {
		layer := Layer{Index: i, DiffID: cfg.RootFS.DiffIDs[i].String()}
		if i < len(m.Layers) {
			layer.Digest = m.Layers[i].Digest.String()
			layer.MediaType = string(m.Layers[i].MediaType)
			layer.Size = m.Layers[i].Size
		}
		if i < len(history) {
			layer.CreatedBy = history[i]
		}
		l := l
		if blobsCompressed {
			layer.Open = func(ctx context.Context) (io.ReadCloser, error) {
				rc, err := l.Compressed()
				if err != nil {
					return nil, err
				}
				return Decompress(rc)
			}
		} else {
			layer.Open = func(ctx context.Context) (io.ReadCloser, error) { return l.Uncompressed() }
		}
		out.Layers = append(out.Layers, layer)
	}
	return out, nil
}

// createdBy lists the history's created_by of the layers that are real (not empty_layer), in layer order.
func createdBy(cfg *v1.ConfigFile) []string {
	var out []string
	for _, h := range cfg.History {
		if !h.EmptyLayer {
			out = append(out, h.CreatedBy)
		}
	}
	return out
}

var (
	gzipMagic = []byte{0x1f, 0x8b}
	zstdMagic = []byte{0x28, 0xb5, 0x2f, 0xfd}
)

// Decompress turns a layer blob into its tar stream, whatever the blob says it is: the first bytes decide (gzip,
// zstd, or an uncompressed tar), as media types are often wrong in the wild.
func Decompress(rc io.ReadCloser) (io.ReadCloser, error) {
	br := bufio.NewReaderSize(rc, 1<<16)
	head, err := br.Peek(4)
	if err != nil && err != io.EOF {
		rc.Close()
		return nil, fmt.Errorf("reading blob: %w", err)
	}
	switch {
	case bytes.HasPrefix(head, gzipMagic):
		zr, err := gzip.NewReader(br)
		if err != nil {
			rc.Close()
			return nil, fmt.Errorf("gzip: %w", err)
		}
		return &stack{Reader: zr, closers: []io.Closer{zr, rc}}, nil
	case bytes.HasPrefix(head, zstdMagic):
		zr, err := zstd.NewReader(br, zstd.WithDecoderConcurrency(1), zstd.WithDecoderLowmem(true), zstd.WithDecoderMaxWindow(64<<20))
		if err != nil {
			rc.Close()
			return nil, fmt.Errorf("zstd: %w", err)
		}
		return &stack{Reader: zr, closers: []io.Closer{closerFunc(zr.Close), rc}}, nil
	default:
		return &stack{Reader: br, closers: []io.Closer{rc}}, nil
	}
}

type stack struct {
	io.Reader
	closers []io.Closer
}

func (s *stack) Close() error {
	var first error
	for _, c := range s.closers {
		if err := c.Close(); err != nil && first == nil {
			first = err
		}
	}
	return first
}

type closerFunc func()

func (f closerFunc) Close() error { f(); return nil }
