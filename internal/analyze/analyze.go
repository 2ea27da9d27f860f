// Package analyze turns an opened image into its SBOM: every layer is read once (or taken from the layer cache),
// layers are analysed concurrently, and their results are folded into the image's packages with the layer that
// brought in each one.
package analyze

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"runtime"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/sync/errgroup"

	"github.com/patchbay/patchbay/internal/catalog"
	"github.com/patchbay/patchbay/internal/image"
	"github.com/patchbay/patchbay/internal/sbom"
)

// frameworkVersion changes when the walk or the layer result format changes, so cached results go stale.
const frameworkVersion = 2

// Analyzer reads images with a set of catalogers.
type Analyzer struct {
	Catalogers []catalog.Cataloger
	Cache      *Cache // nil: no cache
	// Concurrency bounds how many layers are read at once; 0 means GOMAXPROCS.
	Concurrency int
	Limits      catalog.Limits
	// Progress, when set, is told as each layer is done (for a progress line on a terminal).
	Progress func(done, total int, l image.Layer, cached bool)
	Tool     sbom.Tool
	// SBOMOnly says the caller needs the SBOM alone, not the per-layer results: an image analysed before is then
	// answered from its cached SBOM without reading its layers' results at all.
	SBOMOnly bool
}

// Result is an analysed image: its SBOM and the per-layer results (for layer hygiene; nil when SBOMOnly was
// answered from the cache).
type Result struct {
	SBOM   *sbom.SBOM
	Layers []*catalog.LayerResult
	// Cached tells, per layer, whether its result came from the cache.
	Cached []bool
}

// AnalyserVersion names the catalogers and their versions: the cache key's second half.
func AnalyserVersion(cats []catalog.Cataloger) string {
	parts := []string{"walk" + strconv.Itoa(frameworkVersion)}
	for _, c := range cats {
		parts = append(parts, c.Name()+strconv.Itoa(c.Version()))
	}
	sort.Strings(parts[1:])
	sum := sha256.Sum256([]byte(strings.Join(parts, ",")))
	return hex.EncodeToString(sum[:6])
}

// Analyze reads the image's layers and builds its SBOM.
func (a *Analyzer) Analyze(ctx context.Context, img *image.Image) (*Result, error) {
	n := len(img.Layers)
	res := &Result{Layers: make([]*catalog.LayerResult, n), Cached: make([]bool, n)}
	if a.SBOMOnly && a.Cache != nil && img.ManifestDigest != "" {
		if s := a.Cache.GetSBOM(img.ManifestDigest); s != nil {
			s.Source.Reference, s.Source.Name = img.Reference, img.Name
			for i := range res.Cached {
				res.Cached[i] = true
			}
			res.SBOM, res.Layers = s, nil
			return res, nil
		}
	}
	g, gctx := errgroup.WithContext(ctx)
	limit := a.Concurrency
	if limit <= 0 {
		limit = runtime.GOMAXPROCS(0)
	}
	g.SetLimit(limit)
	done := make(chan struct{}, n)
	for i, l := range img.Layers {
		if a.Cache != nil && l.DiffID != "" {
			if r := a.Cache.Get(l.DiffID); r != nil {
				res.Layers[i], res.Cached[i] = r, true
				a.progress(done, n, l, true)
				continue
			}
		}
		g.Go(func() error {
			r, err := a.readLayer(gctx, l)
			if err != nil {
				return fmt.Errorf("image %s: layer %d (%s): %w", img.Name, l.Index, orUnknown(l.DiffID), err)
			}
			res.Layers[i] = r
			if a.Cache != nil {
				_ = a.Cache.Put(r) // a cache that cannot be written costs speed, not correctness
			}
			a.progress(done, n, l, false)
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	res.SBOM = a.buildSBOM(img, res.Layers)
	if a.Cache != nil && img.ManifestDigest != "" {
		_ = a.Cache.PutSBOM(res.SBOM)
	}
	return res, nil
}

func (a *Analyzer) progress(done chan struct{}, total int, l image.Layer, cached bool) {
	done <- struct{}{}
	if a.Progress != nil {
		a.Progress(len(done), total, l, cached)
	}
}

// readLayer makes the one pass over a layer's stream, checking on the way that the stream is the layer its
// diff_id says (a wrong diff_id would poison the cache for every image that shares it).
func (a *Analyzer) readLayer(ctx context.Context, l image.Layer) (*catalog.LayerResult, error) {
	rc, err := l.Open(ctx)
	if err != nil {
		return nil, fmt.Errorf("opening: %w", err)
	}
	defer rc.Close()
	h := sha256.New()
	stream := &hashingReader{r: rc, h: h}
	lim := a.Limits
	if lim.MaxEntries == 0 {
		lim = catalog.DefaultLimits
	}
	r, err := catalog.Walk(ctx, stream, a.Catalogers, lim)
	if err != nil {
		return nil, err
	}
	// the tar end marker may be followed by padding: the diff_id covers it too
	if _, err := io.Copy(io.Discard, stream); err != nil {
		return nil, fmt.Errorf("reading to the end: %w", err)
	}
	got := "sha256:" + hex.EncodeToString(h.Sum(nil))
	if l.DiffID != "" && got != l.DiffID {
		return nil, fmt.Errorf("content digest is %s, not the diff_id the config declares", got)
	}
	r.DiffID = got
	return r, nil
}

type hashingReader struct {
	r io.Reader
	h hash.Hash
}

func (hr *hashingReader) Read(p []byte) (int, error) {
	n, err := hr.r.Read(p)
	hr.h.Write(p[:n])
	return n, err
}

func (a *Analyzer) buildSBOM(img *image.Image, layers []*catalog.LayerResult) *sbom.SBOM {
	s := &sbom.SBOM{Tool: a.Tool, Source: sbom.Source{
		Reference: img.Reference, Name: img.Name, ManifestDigest: img.ManifestDigest,
		Platform: img.Platform, Annotations: img.Annotations,
	}}
	if img.Config != nil {
		s.Source.Labels = img.Config.Config.Labels
		if !img.Config.Created.IsZero() {
			s.Source.Created = img.Config.Created.UTC().Format("2006-01-02T15:04:05Z")
		}
	}
	diffIDs := make([]string, len(layers))
	for i, r := range layers {
		l := img.Layers[i]
		diffIDs[i] = r.DiffID
		s.Layers = append(s.Layers, sbom.Layer{Index: i, DiffID: r.DiffID, Digest: l.Digest, MediaType: l.MediaType,
			Size: l.Size, CreatedBy: l.CreatedBy})
		s.Warnings = append(s.Warnings, prefixWarnings(i, r.DiffID, r.Warnings)...)
	}
	pkgs, distro, warnings := fold(layers, diffIDs)
	s.Packages, s.Distro = pkgs, distro
	sbom.FillPURLs(s)
	s.Warnings = append(s.Warnings, warnings...)
	if s.Packages == nil {
		s.Packages = []sbom.Package{}
	}
	return s
}

func orUnknown(s string) string {
	if s == "" {
		return "diff_id unknown"
	}
	return s
}
