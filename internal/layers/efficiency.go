package layers

import (
	"cmp"
	"slices"
)

// pathTally is dive's EfficiencyData for one path: its occurrences as a leaf across the layers.
type pathTally struct {
	path       string
	cumulative int64
	minimum    int64
	first      int32   // layer position of the first occurrence
	more       []int32 // layer positions of the others; nil for the (many) paths seen once
}

// efficiencyTally accumulates the leaf occurrences of every path, in one map lookup each.
type efficiencyTally struct {
	index   map[string]int32
	tallies []pathTally
}

// newEfficiencyTally sizes the tally for expectPaths distinct paths, saving the rehashing of a growing
// map; the largest layer's entry count is a fair guess (summing all layers would overshoot, since most
// layers repeat few paths).
func newEfficiencyTally(expectPaths int) *efficiencyTally {
	return &efficiencyTally{
		index:   make(map[string]int32, expectPaths),
		tallies: make([]pathTally, 0, expectPaths),
	}
}

// add records one leaf occurrence of path, of the given size, in the layer at position layer.
func (t *efficiencyTally) add(path string, size int64, layer int32) {
	i, seen := t.index[path]
	if !seen {
		t.index[path] = int32(len(t.tallies))
		t.tallies = append(t.tallies, pathTally{path: path, cumulative: size, minimum: size, first: layer})
		return
	}
	p := &t.tallies[i]
	p.cumulative += size
	p.minimum = min(p.minimum, size)
	p.more = append(p.more, layer)
}

// addLeaves records the leaves of one layer's tree. A whiteout's size is what dive gives it: the size of
// the subtree it deletes if that is a directory in dive's eyes, else 0. It must run before the layer's
// whiteouts are applied, since it reads the view below.
func (t *efficiencyTally) addLeaves(tree layerTree, layer int32) {
	for i := range tree.nodes {
		n := &tree.nodes[i]
		if !n.leaf {
			continue
		}
		size := n.size
		if n.isWhiteout() {
			size = 0
			if n.target != nil && n.target.diveDir {
				size = n.target.subtreeBytes()
			}
		}
		t.add(n.path, size, layer)
	}
}

// score is dive's efficiency: sum of the minimum sizes over sum of the cumulative sizes.
func (t *efficiencyTally) score() float64 {
	var minimums, cumulatives int64
	for i := range t.tallies {
		minimums += t.tallies[i].minimum
		cumulatives += t.tallies[i].cumulative
	}
	if cumulatives == 0 {
		return 1.0
	}
	return float64(minimums) / float64(cumulatives)
}

// inefficiencies are the paths seen more than once, largest first (then by path, for stable output), with
// their total: dive's wasted bytes. indexOf turns a layer position into the layer's Index.
func (t *efficiencyTally) inefficiencies(indexOf func(int32) int) ([]Inefficiency, int64) {
	out := []Inefficiency{}
	var wasted int64
	for i := range t.tallies {
		p := &t.tallies[i]
		if len(p.more) == 0 {
			continue
		}
		layers := make([]int, 0, 1+len(p.more))
		layers = append(layers, indexOf(p.first))
		for _, l := range p.more {
			layers = append(layers, indexOf(l))
		}
		out = append(out, Inefficiency{Path: p.path, Count: len(layers), CumulativeBytes: p.cumulative, Layers: layers})
		wasted += p.cumulative
	}
	slices.SortFunc(out, func(a, b Inefficiency) int {
		if c := cmp.Compare(b.CumulativeBytes, a.CumulativeBytes); c != 0 {
			return c
		}
		return comparePaths(a.Path, b.Path)
	})
	return out, wasted
}
