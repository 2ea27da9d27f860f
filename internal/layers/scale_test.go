package layers

import (
	"fmt"
	"testing"

	"github.com/patchbay/patchbay/internal/catalog"
)

// bigImage builds a two-layer image: dirs/perDir directories of perDir 10-byte files under /data, then a
// layer that rewrites f000 (20 bytes) in every directory from the 101st on and deletes the first ten
// directories. The second layer has no directory entries, as some builders write them.
func bigImage(dirs, perDir int) []LayerInput {
	base := make([]catalog.FileRecord, 0, dirs*(perDir+1))
	var later []catalog.FileRecord
	for d := 0; d < dirs; d++ {
		dp := fmt.Sprintf("/data/d%03d", d)
		base = append(base, dir(dp))
		for f := 0; f < perDir; f++ {
			base = append(base, file(fmt.Sprintf("%s/f%03d", dp, f), 10))
		}
		switch {
		case d < 10:
			later = append(later, whiteout(dp))
		case d >= 100:
			later = append(later, file(dp+"/f000", 20))
		}
	}
	return stackOf(base, later)
}

// TestAnalyze100kFiles runs a 100,000-file layer (plus a layer touching it) through Analyze.
// Figures by hand, with 1000 dirs of 100 files:
//   - leaves: 100,000 files of 10 (L0); 900 rewrites of 20 and 10 whiteouts (L1). The whiteouts are sized
//     against L0, where the dirs had entries: 100 x 10 = 1000 each.
//   - min = 100,000 x 10 + 10 x 1000 = 1,010,000; cum = 1,000,000 + 900 x 20 + 10,000 = 1,028,000.
//   - wasted = 900 x (10 + 20) = 27,000.
//   - total = 1,000,000 + 18,000; image = 1,000,000 - 10,000 deleted - 9,000 replaced + 18,000 = 999,000.
//   - L1: 900 changed, 10 dirs + 1000 files removed.
func TestAnalyze100kFiles(t *testing.T) {
	r := Analyze(bigImage(1000, 100))
	if want := float64(1010000) / float64(1028000); r.Efficiency != want {
		t.Errorf("efficiency = %v, want %v", r.Efficiency, want)
	}
	if r.WastedBytes != 27000 || r.TotalBytes != 1018000 || r.ImageBytes != 999000 {
		t.Errorf("wasted/total/image = %d/%d/%d, want 27000/1018000/999000", r.WastedBytes, r.TotalBytes, r.ImageBytes)
	}
	if l := r.Layers[1]; l.FilesChanged != 900 || l.FilesRemoved != 1010 || l.FilesAdded != 0 {
		t.Errorf("layer 1 = %+v, want 900 changed, 1010 removed", l)
	}
	if len(r.Inefficiencies) != 900 {
		t.Errorf("%d inefficiencies, want 900", len(r.Inefficiencies))
	}
}

func BenchmarkAnalyze(b *testing.B) {
	for _, size := range []struct{ dirs, perDir int }{{100, 100}, {1000, 100}} {
		layers := bigImage(size.dirs, size.perDir)
		b.Run(fmt.Sprintf("%dk", size.dirs*size.perDir/1000), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Analyze(layers)
			}
		})
	}
}

// BenchmarkAnalyze100k is the figure asked for: a 100,000-file layer and a second layer touching it.
func BenchmarkAnalyze100k(b *testing.B) {
	layers := bigImage(1000, 100)
	b.ReportAllocs()
	for b.Loop() {
		Analyze(layers)
	}
}
