package fleet_test

import (
	"archive/tar"
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/tarball"

	"github.com/patchbay/patchbay/internal/analyze"
	"github.com/patchbay/patchbay/internal/fleet"
	"github.com/patchbay/patchbay/internal/image"
	"github.com/patchbay/patchbay/internal/store/storetest"
	"github.com/patchbay/patchbay/internal/testenv"
)

// randomLayer is a layer of n files of size bytes each, with a dpkg status or package.json among them so that
// the catalogers have work to do.
func randomLayer(b *testing.B, r *rand.Rand, n, size int, seed string) v1.Layer {
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	tw.WriteHeader(&tar.Header{Name: "app/node_modules/lib" + seed + "/package.json", Mode: 0o644, Size: int64(len(`{"name":"lib` + seed + `","version":"1.0.0"}`))})
	tw.Write([]byte(`{"name":"lib` + seed + `","version":"1.0.0"}`))
	data := make([]byte, size)
	for i := 0; i < n; i++ {
		for j := range data {
			data[j] = byte(r.IntN(256))
		}
		tw.WriteHeader(&tar.Header{Name: fmt.Sprintf("data/%s/%d", seed, i), Mode: 0o644, Size: int64(size)})
		tw.Write(data)
	}
	tw.Close()
	raw := buf.Bytes()
	l, err := tarball.LayerFromOpener(func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(raw)), nil })
	if err != nil {
		b.Fatal(err)
	}
	return l
}

// BenchmarkSync1000Tags pushes 1,000 application images (10 bases of 2 layers each, one layer of each
// application's own) to a real registry, then syncs: every unique layer must be read exactly once, however many
// images share it. The counts are reported next to the time.
func BenchmarkSync1000Tags(b *testing.B) {
	reg := testenv.StartRegistry(b, "fleet", "")
	r := rand.New(rand.NewPCG(9, 9))
	var bases []v1.Image
	unique := 0
	for i := 0; i < 10; i++ {
		img, err := mutate.AppendLayers(empty.Image, randomLayer(b, r, 20, 4096, fmt.Sprintf("os%d", i)), randomLayer(b, r, 10, 4096, fmt.Sprintf("rt%d", i)))
		if err != nil {
			b.Fatal(err)
		}
		bases = append(bases, img)
		unique += 2
	}
	for i := 0; i < 1000; i++ {
		img, err := mutate.AppendLayers(bases[i%10], randomLayer(b, r, 2, 1024, fmt.Sprintf("app%d", i)))
		if err != nil {
			b.Fatal(err)
		}
		unique++
		tag, _ := name.NewTag(fmt.Sprintf("%s/bench%d/app%d:1.0", reg.Host, i%10, i/10), name.Insecure)
		if err := remote.Write(tag, img); err != nil {
			b.Fatal(err)
		}
	}
	for b.Loop() {
		b.StopTimer()
		db := storetest.Dialects(b)[0].Open(b)
		cats := analyze.DefaultCatalogers()
		a := &analyze.Analyzer{Catalogers: cats, Cache: analyze.OpenCache(b.TempDir(), analyze.AnalyserVersion(cats))}
		b.StartTimer()
		st, err := fleet.SyncRegistry(context.Background(), db, a, fleet.Registry{Host: reg.Host, Insecure: true, RepoPattern: "bench*/**"}, image.Options{})
		if err != nil || len(st.Problems) > 0 {
			b.Fatalf("%v %v", err, st.Problems)
		}
		if st.LayersRead != unique {
			b.Errorf("%d layers read for %d unique layers", st.LayersRead, unique)
		}
		b.ReportMetric(float64(st.Tags), "tags")
		b.ReportMetric(float64(unique), "unique-layers")
		b.ReportMetric(float64(st.LayersRead), "layers-read")
		b.ReportMetric(float64(st.LayersCached), "layers-from-cache")
	}
}
