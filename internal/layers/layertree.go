package layers

import (
	"cmp"
	"slices"

	"github.com/patchbay/patchbay/internal/catalog"
)

// nodeRole says what stands behind a node of a layer's own tree.
type nodeRole uint8

const (
	roleEntry    nodeRole = iota // a tar entry (file, dir, link, other)
	roleImplied                  // the directory of an opaque marker, with no entry of its own in the layer
	roleWhiteout                 // a ".wh." marker, or one synthesised for a child hidden by an opaque marker
)

// layerNode is one node of a layer's own tree as dive builds it (see doc.go), reduced to what the efficiency
// score, the stacking and the counts need. Implied parents of entries are left out: they always have
// something below them, so they are never leaves, and the stacking creates them on its way down.
type layerNode struct {
	path string
	// target is, for a whiteout, the node of the view below that it deletes (nil if none).
	target *viewNode
	// origin is, for a whiteout, the path to name in hints: its own, or the opaque directory's.
	origin string
	size   int64
	seq    int32 // position of the tar entry in the layer; -1 when no entry stands behind the node
	kind   catalog.FileKind
	role   nodeRole
	leaf   bool
}

func (n *layerNode) isWhiteout() bool { return n.role == roleWhiteout }

// synthetic reports whether the node stands for no record of the layer (an opaque marker's child).
func (n *layerNode) synthetic() bool { return n.role == roleWhiteout && n.seq < 0 }

// compareLayerNodes sorts by path (component order), then entries and implied dirs before whiteouts of the
// same path (dive keeps them as distinct siblings), then by tar order so the last entry of a repeated path
// comes last.
func compareLayerNodes(a, b layerNode) int {
	if c := comparePaths(a.path, b.path); c != 0 {
		return c
	}
	if aw, bw := a.isWhiteout(), b.isWhiteout(); aw != bw {
		if bw {
			return -1
		}
		return 1
	}
	return cmp.Compare(a.seq, b.seq)
}

// layerTree is one layer's own tree, sorted, with repeated paths merged.
type layerTree struct {
	nodes []layerNode
	// repeatedBytes are the sizes of entries a later entry of the same path in the same layer replaced:
	// shipped, never seen.
	repeatedBytes int64
}

// buildLayerTree turns a layer's records into its tree. below is the view stacked from the layers below,
// read to find what opaque markers hide. buf is reused from layer to layer.
func buildLayerTree(files []catalog.FileRecord, below *viewNode, buf []layerNode) layerTree {
	if cap(buf) < len(files) {
		buf = make([]layerNode, 0, len(files)) // opaque markers may add a few more; append copes
	}
	nodes := buf[:0]
	for i, f := range files {
		p := absPath(f.Path)
		switch f.Kind {
		case catalog.KindWhiteout:
			if p != "/" {
				nodes = append(nodes, layerNode{path: p, origin: p, seq: int32(i), role: roleWhiteout})
			}
		case catalog.KindOpaque:
			nodes = appendOpaque(nodes, p, below)
		default:
			if p != "/" { // dive skips the "./" entry too
				nodes = append(nodes, layerNode{path: p, size: f.Size, seq: int32(i), kind: f.Kind, role: roleEntry})
			}
		}
	}
	slices.SortFunc(nodes, compareLayerNodes)
	tree := layerTree{}
	tree.nodes, tree.repeatedBytes = mergeRepeats(nodes)
	markLeaves(tree.nodes)
	return tree
}

// appendOpaque models an opaque marker in dir as dive's tree would hold it (dir, implied unless the layer
// has an entry for it) plus a whiteout of each child dir has in the view below (our model, see doc.go).
func appendOpaque(nodes []layerNode, dir string, below *viewNode) []layerNode {
	if dir != "/" {
		nodes = append(nodes, layerNode{path: dir, seq: -1, kind: catalog.KindDir, role: roleImplied})
	}
	d := below.lookup(dir)
	if d == nil || !d.isDir() {
		return nodes
	}
	for _, c := range d.children {
		nodes = append(nodes, layerNode{path: c.path, target: c, origin: dir, seq: -1, role: roleWhiteout})
	}
	return nodes
}

// mergeRepeats keeps one node per (path, whiteout or not) of sorted nodes, in place: the last entry (dive's
// AddPath overwrites the payload), else the implied directory; among whiteouts a real marker before a
// synthesised one, so hints name the path the layer itself deleted. It returns the bytes of the entries
// dropped.
func mergeRepeats(nodes []layerNode) ([]layerNode, int64) {
	var dropped int64
	out := nodes[:0]
	for i := 0; i < len(nodes); {
		j := i + 1
		for j < len(nodes) && nodes[j].path == nodes[i].path && nodes[j].isWhiteout() == nodes[i].isWhiteout() {
			j++
		}
		keep := nodes[j-1] // the last in tar order; an implied dir or a synthetic whiteout sorts first (seq -1)
		for k := i; k < j-1; k++ {
			if nodes[k].role == roleEntry {
				dropped += nodes[k].size
			}
		}
		out = append(out, keep)
		i = j
	}
	return out, dropped
}

// markLeaves sets leaf on every node with nothing of the same layer below it. Whiteouts are always leaves;
// thanks to the component order, whatever lies below a path follows it directly (after a whiteout sibling
// of the same path, if any).
func markLeaves(nodes []layerNode) {
	for i := range nodes {
		if nodes[i].isWhiteout() {
			nodes[i].leaf = true
			continue
		}
		j := i + 1
		for j < len(nodes) && nodes[j].path == nodes[i].path {
			j++
		}
		nodes[i].leaf = j == len(nodes) || !isBelow(nodes[j].path, nodes[i].path)
	}
}
