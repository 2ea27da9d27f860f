package analyze

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/patchbay/patchbay/internal/image"
	"github.com/patchbay/patchbay/internal/testenv"
)

var benchImages = []string{"corpus.local/alpine:3.20.3-amd64", "corpus.local/debian-base:v1", "corpus.local/vets-frontend:1.0.0", "corpus.local/customers-service:2.1.4"}

// BenchmarkAnalyzeCold reads every layer of a corpus image: decompress, digest check, one pass of all catalogers,
// fold. bench/sbom.sh sets this against the floor (gzip -dc of every layer at once) and measures peak RSS.
func BenchmarkAnalyzeCold(b *testing.B) {
	corpus := testenv.Corpus(b)
	for _, ref := range benchImages {
		b.Run(filepath.Base(ref), func(b *testing.B) {
			img, err := image.Open(context.Background(), "oci:"+filepath.Join(corpus, "oci")+":"+ref, image.Options{})
			if err != nil {
				b.Fatal(err)
			}
			var size int64
			for _, l := range img.Layers {
				size += l.Size
			}
			b.SetBytes(size)
			a := &Analyzer{Catalogers: DefaultCatalogers()}
			for b.Loop() {
				if _, err := a.Analyze(context.Background(), img); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkAnalyzeWarm is a rescan with every layer in the cache: decode the cached results and fold.
func BenchmarkAnalyzeWarm(b *testing.B) {
	corpus := testenv.Corpus(b)
	for _, ref := range benchImages {
		b.Run(filepath.Base(ref), func(b *testing.B) {
			img, err := image.Open(context.Background(), "oci:"+filepath.Join(corpus, "oci")+":"+ref, image.Options{})
			if err != nil {
				b.Fatal(err)
			}
			cats := DefaultCatalogers()
			a := &Analyzer{Catalogers: cats, Cache: OpenCache(b.TempDir(), AnalyserVersion(cats))}
			if _, err := a.Analyze(context.Background(), img); err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				if _, err := a.Analyze(context.Background(), img); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
