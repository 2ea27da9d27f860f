package layers

import (
	"reflect"
	"testing"
)

// counts are the per-layer figures a scenario expects.
type counts struct {
	added, changed, removed int
	wasted                  int64
}

// TestAnalyzeScenarios checks dive's figures and the per-layer counts on hand-made images. Efficiency is
// given as the two sums dive divides (sum of minimum sizes / sum of cumulative sizes), computed by hand.
func TestAnalyzeScenarios(t *testing.T) {
	tests := []struct {
		name           string
		layers         []LayerInput
		minSum, cumSum int64 // efficiency = minSum / cumSum (1.0 if cumSum is 0)
		wasted         int64
		inefficiencies []Inefficiency
		total, user    int64
		image          int64
		layerCounts    []counts
	}{
		{
			// dive's own TestEfficency: no directory entries, so /etc/nginx is implied in both layers and
			// dive does not see a directory: the whiteout counts 0.
			// Leaves: L0 nginx.conf 2000, public 3000; L1 nginx.conf 5000, athing 10000; L2 whiteout 0.
			// nginx.conf: cum 7000 min 2000; public 3000; athing 10000; /etc/nginx 0.
			// min 2000+3000+10000+0 = 15000; cum 7000+3000+10000+0 = 20000: 0.75, as dive's test expects.
			name: "dive test case, implied directories",
			layers: stackOf(
				entries(file("/etc/nginx/nginx.conf", 2000), file("/etc/nginx/public", 3000)),
				entries(file("/etc/nginx/nginx.conf", 5000), file("/etc/athing", 10000)),
				entries(whiteout("/etc/nginx")),
			),
			minSum: 15000, cumSum: 20000,
			wasted:         7000,
			inefficiencies: []Inefficiency{{Path: "/etc/nginx/nginx.conf", Count: 2, CumulativeBytes: 7000, Layers: []int{0, 1}}},
			total:          20000, user: 15000,
			image: 10000, // athing only
			layerCounts: []counts{
				{added: 2, wasted: 2000 + 3000}, // nginx.conf overwritten by L1, public deleted by L2
				{added: 1, changed: 1, wasted: 5000},
				{removed: 2}, // nginx.conf and public; the implied /etc/nginx had no entry
			},
		},
		{
			// The same with directory entries, as docker writes layers: /etc/nginx is a directory to dive,
			// so the whiteout counts its subtree in the view below: 0 + nginx.conf 5000 + public 3000 = 8000.
			// The deleted files are not waste (each path seen once): only the directory path's 8000 is added
			// to both sums. min 2000+3000+10000+8000 = 23000; cum 7000+3000+10000+8000 = 28000.
			name: "directory deleted by whiteout, sized by its children",
			layers: stackOf(
				entries(dir("/etc"), dir("/etc/nginx"), file("/etc/nginx/nginx.conf", 2000), file("/etc/nginx/public", 3000)),
				entries(dir("/etc"), dir("/etc/nginx"), file("/etc/nginx/nginx.conf", 5000), file("/etc/athing", 10000)),
				entries(dir("/etc"), whiteout("/etc/nginx")),
			),
			minSum: 23000, cumSum: 28000,
			wasted:         7000,
			inefficiencies: []Inefficiency{{Path: "/etc/nginx/nginx.conf", Count: 2, CumulativeBytes: 7000, Layers: []int{0, 1}}},
			total:          20000, user: 15000,
			image: 10000,
			layerCounts: []counts{
				{added: 4, wasted: 2000 + 3000},
				{added: 1, changed: 3, wasted: 5000}, // /etc, /etc/nginx, nginx.conf changed; athing added
				{changed: 1, removed: 3},             // /etc changed; /etc/nginx, nginx.conf, public removed
			},
		},
		{
			// L0 has directory entries, but L1 reaches /etc/nginx without one: dive copies the implied node's
			// empty payload onto the stacked tree, so by L2 /etc/nginx is no directory and its whiteout is 0.
			// Leaves: nginx.conf 2000 and 5000, public 3000, whiteout 0 (L2's /etc has the whiteout below it).
			// min 2000+3000+0 = 5000; cum 7000+3000+0 = 10000.
			name: "directory implied in a later layer is forgotten, as dive does",
			layers: stackOf(
				entries(dir("/etc"), dir("/etc/nginx"), file("/etc/nginx/nginx.conf", 2000), file("/etc/nginx/public", 3000)),
				entries(file("/etc/nginx/nginx.conf", 5000)),
				entries(dir("/etc"), whiteout("/etc/nginx")),
			),
			minSum: 5000, cumSum: 10000,
			wasted:         7000,
			inefficiencies: []Inefficiency{{Path: "/etc/nginx/nginx.conf", Count: 2, CumulativeBytes: 7000, Layers: []int{0, 1}}},
			total:          10000, user: 5000,
			image: 0,
			layerCounts: []counts{
				{added: 4, wasted: 5000},
				{changed: 1, wasted: 5000},
				{changed: 1, removed: 3},
			},
		},
		{
			// Deleting a file: the whiteout is a second occurrence of its path, of size 0 (a file, not a dir).
			// big.bin: cum 1000 min 0; keep 500. min 0+500 = 500; cum 1000+500 = 1500. Wasted 1000.
			// User bytes are 0 (L1 ships no content): the percent is 0, where dive would divide by zero.
			name: "file deleted by whiteout",
			layers: stackOf(
				entries(dir("/app"), file("/app/big.bin", 1000), file("/app/keep", 500)),
				entries(dir("/app"), whiteout("/app/big.bin")),
			),
			minSum: 500, cumSum: 1500,
			wasted:         1000,
			inefficiencies: []Inefficiency{{Path: "/app/big.bin", Count: 2, CumulativeBytes: 1000, Layers: []int{0, 1}}},
			total:          1500, user: 0,
			image: 500,
			layerCounts: []counts{
				{added: 3, wasted: 1000},
				{changed: 1, removed: 1},
			},
		},
		{
			// /a written three times: cum 100+300+50 = 450, min 50.
			name: "file overwritten in later layers",
			layers: stackOf(
				entries(file("/a", 100)),
				entries(file("/a", 300)),
				entries(file("/a", 50)),
			),
			minSum: 50, cumSum: 450,
			wasted:         450,
			inefficiencies: []Inefficiency{{Path: "/a", Count: 3, CumulativeBytes: 450, Layers: []int{0, 1, 2}}},
			total:          450, user: 350,
			image: 50,
			layerCounts: []counts{
				{added: 1, wasted: 100},
				{changed: 1, wasted: 300},
				{changed: 1},
			},
		},
		{
			// The opaque marker in /d is modelled as whiteouts of /d's children below: /d/x (a file: 0) and
			// /d/sub (a directory entry: 0 + y 600 = 600). L1's leaves: /d/new 70 and the two whiteouts
			// (/d itself has entries below it).
			// /d/x: cum 400 min 0; /d/sub/y 600; /other 10; /d/new 70; /d/sub 600.
			// min 0+600+10+70+600 = 1280; cum 400+600+10+70+600 = 1680. Wasted 400 (/d/x).
			name: "opaque directory",
			layers: stackOf(
				entries(dir("/d"), file("/d/x", 400), dir("/d/sub"), file("/d/sub/y", 600), file("/other", 10)),
				entries(dir("/d"), opaque("/d"), file("/d/new", 70)),
			),
			minSum: 1280, cumSum: 1680,
			wasted:         400,
			inefficiencies: []Inefficiency{{Path: "/d/x", Count: 2, CumulativeBytes: 400, Layers: []int{0, 1}}},
			total:          1080, user: 70,
			image: 80, // /d/new 70 + /other 10
			layerCounts: []counts{
				{added: 5, wasted: 400 + 600},
				{added: 1, changed: 1, removed: 3}, // /d/x, /d/sub, /d/sub/y hidden
			},
		},
		{
			// One layer: every path once, min = cum = 1050: score 1, nothing wasted.
			name: "single layer",
			layers: stackOf(
				entries(dir("/etc"), file("/etc/passwd", 50), file("/bin/sh", 1000)),
			),
			minSum: 1050, cumSum: 1050,
			inefficiencies: []Inefficiency{},
			total:          1050,
			image:          1050,
			layerCounts:    []counts{{added: 3}},
		},
		{
			name:           "no layers",
			inefficiencies: []Inefficiency{},
			layerCounts:    []counts{},
		},
		{
			// Links count with the size the record gives, like dive's tar header size.
			// python3.11 5000; python3 (symlink recorded at 10) cum 20 min 10; py (hardlink, 0) cum 0, count 2.
			// min 5000+10+0 = 5010; cum 5000+20+0 = 5020. Wasted 20 + 0.
			name: "symlinks and hardlinks, sizes as recorded",
			layers: stackOf(
				entries(file("/usr/bin/python3.11", 5000), symlink("/usr/bin/python3", "python3.11", 10),
					hardlink("/usr/bin/py", "/usr/bin/python3.11", 0)),
				entries(symlink("/usr/bin/python3", "python3.12", 10), hardlink("/usr/bin/py", "/usr/bin/python3.11", 0)),
			),
			minSum: 5010, cumSum: 5020,
			wasted: 20,
			inefficiencies: []Inefficiency{
				{Path: "/usr/bin/python3", Count: 2, CumulativeBytes: 20, Layers: []int{0, 1}},
				{Path: "/usr/bin/py", Count: 2, CumulativeBytes: 0, Layers: []int{0, 1}},
			},
			total: 5020, user: 10,
			image: 5010,
			layerCounts: []counts{
				{added: 3, wasted: 10},
				{changed: 2},
			},
		},
		{
			// Implied parents are never leaves; an empty directory entry is one.
			// Leaves: tool 100; tool2 50 and /var/empty 0 (L1; /opt has tool2 below it); /var/empty 0 (L2).
			// min = cum = 150; /var/empty is seen twice with 0 bytes: listed, wastes nothing.
			name: "implied parent directories and empty directories",
			layers: stackOf(
				entries(file("/opt/app/bin/tool", 100)),
				entries(dir("/opt"), file("/opt/app/bin/tool2", 50), dir("/var/empty")),
				entries(dir("/var/empty")),
			),
			minSum: 150, cumSum: 150,
			inefficiencies: []Inefficiency{{Path: "/var/empty", Count: 2, CumulativeBytes: 0, Layers: []int{1, 2}}},
			total:          150, user: 50,
			image: 150,
			layerCounts: []counts{
				{added: 1},
				{added: 2, changed: 1}, // /opt was there, implied by L0
				{changed: 1},
			},
		},
		{
			// Whiteout and entry of the same path in one layer are sibling nodes to dive: three occurrences
			// of /x (10, 20, and the whiteout of a file, 0). min 0, cum 30.
			name: "whiteout and re-creation in one layer",
			layers: stackOf(
				entries(file("/x", 10)),
				entries(whiteout("/x"), file("/x", 20)),
			),
			minSum: 0, cumSum: 30,
			wasted:         30,
			inefficiencies: []Inefficiency{{Path: "/x", Count: 3, CumulativeBytes: 30, Layers: []int{0, 1, 1}}},
			total:          30, user: 20,
			image: 20,
			layerCounts: []counts{
				{added: 1, wasted: 10},
				{added: 1, removed: 1}, // deletions apply to the layers below first
			},
		},
		{
			// A repeated path in one layer is one node (the last entry); the first copy still ships.
			name: "same path twice in one layer",
			layers: stackOf(
				entries(file("/f", 5), file("/f", 7)),
			),
			minSum: 7, cumSum: 7,
			inefficiencies: []Inefficiency{},
			total:          12,
			image:          7,
			layerCounts:    []counts{{added: 1, wasted: 5}},
		},
		{
			// A symlink replaces the directory /p and, per OCI, its contents. dive sees /p (0), a 30, b 40,
			// each once: min = cum = 70, nothing wasted by its measure, though 70 bytes ship unseen.
			name: "non-directory replaces a directory",
			layers: stackOf(
				entries(dir("/p"), file("/p/a", 30), file("/p/b", 40)),
				entries(symlink("/p", "/q", 0)),
			),
			minSum: 70, cumSum: 70,
			inefficiencies: []Inefficiency{},
			total:          70,
			image:          0,
			layerCounts: []counts{
				{added: 3, wasted: 70},
				{changed: 1, removed: 2},
			},
		},
		{
			// Both whiteouts are sized against L0 before either applies: /a = 0 + 0 + 10 + 5 = 15, /a/b = 10.
			// Leaves: f 10, g 5 (L0); the whiteouts /a 15 and /a/b 10 (L1). Each path once: min = cum = 40.
			// Removing /a takes /a/b with it; the second whiteout finds it gone.
			name: "nested whiteouts in one layer",
			layers: stackOf(
				entries(dir("/a"), dir("/a/b"), file("/a/b/f", 10), file("/a/g", 5)),
				entries(whiteout("/a"), whiteout("/a/b")),
			),
			minSum: 40, cumSum: 40,
			inefficiencies: []Inefficiency{},
			total:          15,
			image:          0,
			layerCounts: []counts{
				{added: 4, wasted: 15},
				{removed: 4},
			},
		},
		{
			// An opaque root hides every top-level path below: whiteouts of /a (a file: 0) and /b (a dir: 3).
			// /a: cum 5 min 0; /b/c 3; /n 1; /b 3. min 0+3+1+3 = 7; cum 5+3+1+3 = 12. Wasted 5.
			name: "opaque root",
			layers: stackOf(
				entries(file("/a", 5), dir("/b"), file("/b/c", 3)),
				entries(opaque("/"), file("/n", 1)),
			),
			minSum: 7, cumSum: 12,
			wasted:         5,
			inefficiencies: []Inefficiency{{Path: "/a", Count: 2, CumulativeBytes: 5, Layers: []int{0, 1}}},
			total:          9, user: 1,
			image: 1,
			layerCounts: []counts{
				{added: 3, wasted: 8},
				{added: 1, removed: 3},
			},
		},
		{
			// A whiteout of a path that is not below counts 0 (dive would stop visiting the layer), and an
			// opaque marker over nothing leaves its implied directory as a 0-byte leaf.
			// Leaves: /a 5; /nope 0; /new 0. min = cum = 5.
			name: "whiteout of nothing, opaque over nothing",
			layers: stackOf(
				entries(file("/a", 5)),
				entries(whiteout("/nope"), opaque("/new")),
			),
			minSum: 5, cumSum: 5,
			inefficiencies: []Inefficiency{},
			total:          5,
			image:          5,
			layerCounts: []counts{
				{added: 1},
				{},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Analyze(tt.layers)
			wantScore := 1.0
			if tt.cumSum != 0 {
				wantScore = float64(tt.minSum) / float64(tt.cumSum)
			}
			if r.Efficiency != wantScore {
				t.Errorf("efficiency = %v, want %d/%d = %v", r.Efficiency, tt.minSum, tt.cumSum, wantScore)
			}
			if r.WastedBytes != tt.wasted {
				t.Errorf("wasted = %d, want %d", r.WastedBytes, tt.wasted)
			}
			if !reflect.DeepEqual(r.Inefficiencies, tt.inefficiencies) {
				t.Errorf("inefficiencies = %+v, want %+v", r.Inefficiencies, tt.inefficiencies)
			}
			if r.TotalBytes != tt.total || r.UserBytes != tt.user || r.ImageBytes != tt.image {
				t.Errorf("total/user/image = %d/%d/%d, want %d/%d/%d", r.TotalBytes, r.UserBytes, r.ImageBytes, tt.total, tt.user, tt.image)
			}
			wantPercent := 0.0
			if tt.user != 0 {
				wantPercent = float64(tt.wasted) / float64(tt.user)
			}
			if r.UserWastedRatio != wantPercent {
				t.Errorf("user wasted percent = %v, want %v", r.UserWastedRatio, wantPercent)
			}
			if len(r.Layers) != len(tt.layerCounts) {
				t.Fatalf("%d layer reports, want %d", len(r.Layers), len(tt.layerCounts))
			}
			var layerWaste int64
			for i, want := range tt.layerCounts {
				l := r.Layers[i]
				got := counts{added: l.FilesAdded, changed: l.FilesChanged, removed: l.FilesRemoved, wasted: l.WastedBytes}
				if got != want {
					t.Errorf("layer %d: %+v, want %+v", i, got, want)
				}
				layerWaste += l.WastedBytes
			}
			// Every shipped byte is either seen in the final view or wasted by exactly one layer.
			if layerWaste+r.ImageBytes != r.TotalBytes {
				t.Errorf("layers' wasted bytes %d + image bytes %d != total bytes %d", layerWaste, r.ImageBytes, r.TotalBytes)
			}
		})
	}
}

// TestLayerReportCopiesMetadata checks the per-layer fields that come straight from the input.
func TestLayerReportCopiesMetadata(t *testing.T) {
	in := []LayerInput{{
		Index: 7, DiffID: "sha256:d", Digest: "sha256:g", CreatedBy: "RUN make", CompressedSize: 123,
		Files: entries(dir("/app"), file("/app/a", 10), file("/app/b", 32), whiteout("/old")),
	}}
	got := Analyze(in).Layers[0]
	want := LayerReport{
		Index: 7, DiffID: "sha256:d", Digest: "sha256:g", CreatedBy: "RUN make", CompressedSize: 123,
		UncompressedSize: 42, // 0 + 10 + 32 + 0
		Entries:          4,
		FilesAdded:       3,
	}
	if got != want {
		t.Errorf("layer report = %+v, want %+v", got, want)
	}
}
