package layers

import (
	"reflect"
	"testing"

	"github.com/patchbay/patchbay/internal/catalog"
)

func TestComparePaths(t *testing.T) {
	tests := []struct {
		a, b string
		want int // sign
	}{
		{"/a/b", "/a/b", 0},
		{"/a/b", "/a/b/c", -1},
		{"/a/b/c", "/a/b-c", -1}, // byte order would say +1 ('/' > '-')
		{"/a/b-c", "/a/b.txt", -1},
		{"/a/b.txt", "/a/b/c", 1},
		{"/a/z", "/a/b/c", 1},
		{"/", "/a", -1},
	}
	for _, tt := range tests {
		got := comparePaths(tt.a, tt.b)
		if (got < 0) != (tt.want < 0) || (got > 0) != (tt.want > 0) {
			t.Errorf("comparePaths(%q, %q) = %d, want sign %d", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestLayerTreeLeaves checks which nodes of a layer's own tree are leaves, as dive's IsLeaf would say.
func TestLayerTreeLeaves(t *testing.T) {
	type leaf struct {
		path     string
		whiteout bool
	}
	tests := []struct {
		name  string
		files []catalog.FileRecord
		want  []leaf // in component order
	}{
		{
			// /s/b has /s/b/c below it; /s/b-c and /s/b.txt sort between in byte order but are siblings.
			// /s/e is an empty directory entry: a leaf, even with /s/e-f next to it.
			name:  "component order, siblings with common prefixes",
			files: entries(dir("/s/b"), file("/s/b-c", 5), file("/s/b/c", 7), dir("/s/e"), file("/s/e-f", 1), file("/s/b.txt", 2)),
			want:  []leaf{{"/s/b/c", false}, {"/s/b-c", false}, {"/s/b.txt", false}, {"/s/e", false}, {"/s/e-f", false}},
		},
		{
			// dive names the whiteout ".wh.w": a sibling of /w, not a child, so both are leaves.
			name:  "whiteout next to an entry of the same name",
			files: entries(dir("/w"), whiteout("/w")),
			want:  []leaf{{"/w", false}, {"/w", true}},
		},
		{
			name:  "whiteout inside a directory entry",
			files: entries(dir("/w"), whiteout("/w/x")),
			want:  []leaf{{"/w/x", true}},
		},
		{
			// Implied parents (/a, /a/b) are no nodes of ours, and the root entry is skipped as dive does.
			name:  "implied parents and the root entry",
			files: entries(dir("/"), file("/a/b/c", 1)),
			want:  []leaf{{"/a/b/c", false}},
		},
		{
			// A repeated entry is one node.
			name:  "repeated entry",
			files: entries(file("/f", 1), file("/f", 2)),
			want:  []leaf{{"/f", false}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tree := buildLayerTree(tt.files, newViewRoot(), nil)
			got := []leaf{}
			for _, n := range tree.nodes {
				if n.leaf {
					got = append(got, leaf{n.path, n.isWhiteout()})
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("leaves = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestRepeatedEntryKeepsLastAndCountsTheRest(t *testing.T) {
	// /f thrice: 1, 2, then 3 wins; 1 + 2 = 3 bytes ship unseen.
	tree := buildLayerTree(entries(file("/f", 1), file("/f", 2), file("/f", 3)), newViewRoot(), nil)
	if len(tree.nodes) != 1 || tree.nodes[0].size != 3 || tree.repeatedBytes != 3 {
		t.Errorf("nodes %+v, repeated bytes %d; want one node of size 3, 3 repeated bytes", tree.nodes, tree.repeatedBytes)
	}
}
