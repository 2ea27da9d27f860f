package layers

// Analyze stacks the layers, bottom first, and judges their hygiene: dive's efficiency score and wasted
// bytes, per-layer figures, and hints. It never fails: records it cannot place (a whiteout of something
// absent, an entry for "/") are skipped, as dive skips them.
func Analyze(layers []LayerInput) Report {
	reports := make([]LayerReport, len(layers))
	hints := newHintCollector()
	stack := newStacker(layers, reports, hints)
	largest := 0
	for i := range layers {
		largest = max(largest, len(layers[i].Files))
	}
	tally := newEfficiencyTally(largest)
	var buf []layerNode

	for i := range layers {
		pos := int32(i)
		reports[i] = describeLayer(&layers[i])

		tree := buildLayerTree(layers[i].Files, stack.root, buf)
		buf = tree.nodes
		reports[i].WastedBytes += tree.repeatedBytes

		// Order matters: whiteout sizes are read from the view below, before the layer changes it.
		stack.resolveWhiteouts(tree)
		tally.addLeaves(tree, pos)
		stack.forgetImpliedDirs(tree, pos)
		stack.applyWhiteouts(tree, pos)
		stack.applyEntries(tree, pos)

		for _, c := range cacheHints(layers[i].Files, layers[i].Index) {
			hints.offer(c)
		}
	}

	r := Report{Layers: reports, Efficiency: tally.score()}
	for i := range reports {
		r.TotalBytes += reports[i].UncompressedSize
		if i > 0 {
			r.UserBytes += reports[i].UncompressedSize
		}
	}
	r.Inefficiencies, r.WastedBytes = tally.inefficiencies(stack.indexOf)
	if r.UserBytes > 0 {
		r.UserWastedRatio = float64(r.WastedBytes) / float64(r.UserBytes)
	}
	var dups duplicateFinder
	r.ImageBytes = finalView(stack.root, &dups)
	for _, c := range dups.hints(stack.indexOf) {
		hints.offer(c)
	}
	r.Hints, r.HintsOmitted = hints.result()
	return r
}

// describeLayer fills what a layer's report says of the layer alone.
func describeLayer(in *LayerInput) LayerReport {
	rep := LayerReport{
		Index: in.Index, DiffID: in.DiffID, Digest: in.Digest, CreatedBy: in.CreatedBy,
		CompressedSize: in.CompressedSize, Entries: len(in.Files),
	}
	for _, f := range in.Files {
		rep.UncompressedSize += f.Size
	}
	return rep
}

// finalView walks what a container sees: it returns the bytes and shows each node to the duplicate finder.
func finalView(root *viewNode, dups *duplicateFinder) int64 {
	var bytes int64
	for _, c := range root.children {
		c.walk(func(n *viewNode) {
			bytes += n.size
			dups.see(n)
		})
	}
	return bytes
}
