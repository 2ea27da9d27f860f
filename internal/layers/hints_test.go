package layers

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/patchbay/patchbay/internal/catalog"
)

// hintShape is a hint without its message, which is checked only for the words that matter.
type hintShape struct {
	Layer  int
	Kind   string
	Path   string
	Bytes  int64
	Others []string
}

func shapes(hints []Hint) []hintShape {
	out := []hintShape{}
	for _, h := range hints {
		out = append(out, hintShape{Layer: h.Layer, Kind: h.Kind, Path: h.Path, Bytes: h.Bytes, Others: h.Others})
	}
	return out
}

func TestHints(t *testing.T) {
	overwriteCap := func() []LayerInput {
		// 15 files of 1..15 bytes, all overwritten by 1-byte versions in L1.
		var base, later []catalog.FileRecord
		for i := 1; i <= 15; i++ {
			p := fmt.Sprintf("/f%02d", i)
			base = append(base, file(p, int64(i)))
			later = append(later, file(p, 1))
		}
		return stackOf(base, later)
	}
	tests := []struct {
		name     string
		layers   []LayerInput
		want     []hintShape
		omitted  []OmittedHints
		messages []string // words each message must hold, in hint order
	}{
		{
			// Per cache directory: lists 3 MiB (lock and partial/ excluded: the 5 MiB partial file does not
			// count), pip 2 MiB, npm 1.5 MiB, archives 800 KiB + 700 KiB = 1,536,000 bytes (2 .deb; lock
			// and the partial dir are no .deb). /tmp (100 KiB) and pkgcache.bin (512 KiB) are under 1 MiB.
			name: "package caches, aggregated per directory",
			layers: stackOf(
				entries(file("/bin/sh", 10)),
				entries(
					file("/var/cache/apt/archives/a.deb", 800<<10), file("/var/cache/apt/archives/b.deb", 700<<10),
					file("/var/cache/apt/archives/lock", 0), dir("/var/cache/apt/archives/partial"),
					file("/var/cache/apt/pkgcache.bin", 512<<10),
					file("/var/lib/apt/lists/deb.debian.org_dists_main", 3*mib), file("/var/lib/apt/lists/lock", 0),
					file("/var/lib/apt/lists/partial/x", 5*mib),
					file("/tmp/small", 100<<10),
					file("/root/.cache/pip/http/abc", 2*mib),
					file("/home/bob/.npm/_cacache/content-v2/x", 1536<<10),
				),
			),
			want: []hintShape{
				{Layer: 1, Kind: HintPackageCache, Path: "/var/lib/apt/lists", Bytes: 3 * mib},
				{Layer: 1, Kind: HintPackageCache, Path: "/root/.cache/pip", Bytes: 2 * mib},
				{Layer: 1, Kind: HintPackageCache, Path: "/home/bob/.npm/_cacache", Bytes: 1536 << 10},
				{Layer: 1, Kind: HintPackageCache, Path: "/var/cache/apt/archives", Bytes: 1536000},
			},
			messages: []string{"apt package lists left in the layer (1 file)", "pip cache left in the layer (1 file)", "npm cache left in the layer (1 file)", "apt package archives (*.deb) left in the layer (2 files)"},
		},
		{
			// /tmp holds 2 MiB in one layer: a temp-files hint for the directory.
			name: "temporary files",
			layers: stackOf(
				entries(file("/tmp/build/a.o", mib), file("/tmp/build/b.o", mib), file("/var/tmp/x", 10)),
			),
			want:     []hintShape{{Layer: 0, Kind: HintTempFiles, Path: "/tmp", Bytes: 2 * mib}},
			messages: []string{"temporary files left in the layer (2 files)"},
		},
		{
			// L2 deletes /data: it held a (2 MiB) and b (1 MiB) from L0 and c (5 bytes) from L1: one
			// deleted-later hint per shipping layer, naming the deleted path.
			name: "deleted in a later layer",
			layers: stackOf(
				entries(dir("/data"), file("/data/a", 2*mib), file("/data/b", mib), file("/keep", 1)),
				entries(file("/data/c", 5)),
				entries(whiteout("/data")),
			),
			want: []hintShape{
				{Layer: 0, Kind: HintDeletedLater, Path: "/data", Bytes: 3 * mib},
				{Layer: 1, Kind: HintDeletedLater, Path: "/data", Bytes: 5},
			},
			messages: []string{"deleted by layer 2", "deleted by layer 2"},
		},
		{
			// L1 hides /d with an opaque marker: the hint names /d and counts what L0 put under it (400).
			name: "hidden by an opaque directory",
			layers: stackOf(
				entries(dir("/d"), file("/d/x", 300), file("/d/y/z", 100)),
				entries(dir("/d"), opaque("/d")),
			),
			want:     []hintShape{{Layer: 0, Kind: HintDeletedLater, Path: "/d", Bytes: 400}},
			messages: []string{"deleted by layer 1"},
		},
		{
			// x.jar (2 MiB) at three paths of the final view: one hint on the newest copy (L1, /srv after
			// /opt), saving 2 copies = 4 MiB. y.jar has another name; the x.txt pair is under 1 MiB.
			name: "likely duplicates by size and name",
			layers: stackOf(
				entries(file("/app/lib/x.jar", 2*mib), file("/app/y.jar", 2*mib)),
				entries(file("/opt/x.jar", 2*mib), file("/srv/x.jar", 2*mib), file("/small/x.txt", 10), file("/small2/x.txt", 10)),
			),
			want: []hintShape{
				{Layer: 1, Kind: HintDuplicate, Path: "/srv/x.jar", Bytes: 4 * mib, Others: []string{"/app/lib/x.jar", "/opt/x.jar"}},
			},
			messages: []string{"contents not compared"},
		},
		{
			// Hardlinks share content by design: no duplicate hint.
			name: "hardlinks are not duplicates",
			layers: stackOf(
				entries(file("/a/big", 2*mib), hardlink("/b/big", "/a/big", 2*mib)),
			),
			want: []hintShape{},
		},
		{
			// 15 overwrites of 1..15 bytes: the 10 largest are kept (15 down to 6), 1+2+3+4+5 = 15 bytes in
			// 5 hints are counted as omitted.
			name:   "top hints per kind, the rest counted",
			layers: overwriteCap(),
			want: func() []hintShape {
				var out []hintShape
				for i := 15; i >= 6; i-- {
					out = append(out, hintShape{Layer: 0, Kind: HintOverwritten, Path: fmt.Sprintf("/f%02d", i), Bytes: int64(i)})
				}
				return out
			}(),
			omitted:  []OmittedHints{{Kind: HintOverwritten, Count: 5, Bytes: 15}},
			messages: []string{"replaced by layer 1"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Analyze(tt.layers)
			if got := shapes(r.Hints); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("hints =\n%+v\nwant\n%+v", got, tt.want)
			}
			if !reflect.DeepEqual(r.HintsOmitted, tt.omitted) {
				t.Errorf("omitted = %+v, want %+v", r.HintsOmitted, tt.omitted)
			}
			for i, h := range r.Hints {
				words := ""
				if i < len(tt.messages) {
					words = tt.messages[i]
				} else if len(tt.messages) > 0 {
					words = tt.messages[len(tt.messages)-1]
				}
				if h.Message == "" || !strings.Contains(h.Message, words) {
					t.Errorf("hint %d message %q lacks %q", i, h.Message, words)
				}
			}
		})
	}
}

func TestMatchCache(t *testing.T) {
	tests := []struct {
		path, wantDir, wantKind string
	}{
		{"/var/cache/apt/archives/x.deb", "/var/cache/apt/archives", HintPackageCache},
		{"/var/cache/apt/archives/partial/x.deb", "/var/cache/apt/archives", HintPackageCache},
		{"/var/cache/apt/archives/lock", "", ""},
		{"/var/cache/apt/srcpkgcache.bin", "/var/cache/apt", HintPackageCache},
		{"/var/lib/apt/lists/lock", "", ""},
		{"/var/lib/apt/lists/partial/x", "", ""},
		{"/var/lib/apt/lists/x_Packages.lz4", "/var/lib/apt/lists", HintPackageCache},
		{"/var/cache/apk/APKINDEX.tar.gz", "/var/cache/apk", HintPackageCache},
		{"/var/cache/dnf/repo/x.rpm", "/var/cache/dnf", HintPackageCache},
		{"/root/.m2/repository/org/x.jar", "/root/.m2/repository", HintPackageCache},
		{"/home/ci/.cache/go-build/ab/x-d", "/home/ci/.cache/go-build", HintPackageCache},
		{"/home/.cache/pip/x", "", ""}, // /home/.cache is a user named ".cache" with no pip cache below
		{"/rootfs/.cache/pip/x", "", ""},
		{"/tmp/x", "/tmp", HintTempFiles},
		{"/tmp", "", ""},
		{"/usr/lib/x.so", "", ""},
	}
	for _, tt := range tests {
		dir, rule := matchCache(tt.path)
		kind := ""
		if rule != nil {
			kind = rule.kind
		}
		if dir != tt.wantDir || kind != tt.wantKind {
			t.Errorf("matchCache(%q) = %q %q, want %q %q", tt.path, dir, kind, tt.wantDir, tt.wantKind)
		}
	}
}
