package layers

import "github.com/patchbay/patchbay/internal/catalog"

// deletionKey groups the bytes one layer's deletion takes out of the view by the path the layer deleted
// and the layer that shipped them: one deleted-later hint each.
type deletionKey struct {
	origin string
	owner  int32
}

// stacker applies layers, bottom first, to the stacked view, and accounts for what each one adds,
// overwrites and deletes.
type stacker struct {
	inputs    []LayerInput
	reports   []LayerReport
	root      *viewNode
	hints     *hintCollector
	deletions map[deletionKey]int64 // of the layer being applied
}

func newStacker(inputs []LayerInput, reports []LayerReport, hints *hintCollector) *stacker {
	return &stacker{inputs: inputs, reports: reports, root: newViewRoot(), hints: hints, deletions: make(map[deletionKey]int64)}
}

func (s *stacker) indexOf(pos int32) int { return s.inputs[pos].Index }

// resolveWhiteouts finds, in the view below, what each whiteout of the layer deletes. It must run before
// anything of the layer is applied: dive sizes whiteouts against the layers below only.
func (s *stacker) resolveWhiteouts(tree layerTree) {
	cur := newCursor(s.root)
	for i := range tree.nodes {
		n := &tree.nodes[i]
		if !n.isWhiteout() || n.target != nil {
			continue
		}
		if dir := cur.dirOf(n.path); dir != nil {
			n.target = dir.child(baseName(n.path))
		}
	}
}

// forgetter returns the function that copies dive's empty payload for an implied directory onto the view:
// a directory the layer reaches without an entry of its own is no longer a directory in dive's eyes.
func forgetter(pos int32) func(*viewNode) {
	return func(d *viewNode) {
		if d.touched != pos {
			d.diveDir = false
		}
	}
}

// forgetImpliedDirs applies dive's quirk to the parents of the layer's whiteouts and to the directories of
// its opaque markers; applyEntries does it for the parents of entries. Explicit directory entries of the
// layer, applied later, set the flag back.
func (s *stacker) forgetImpliedDirs(tree layerTree, pos int32) {
	cur := newCursor(s.root)
	cur.enter = forgetter(pos)
	for i := range tree.nodes {
		n := &tree.nodes[i]
		switch {
		case n.role == roleImplied:
			if dir := cur.dirOf(n.path); dir != nil {
				if d := dir.child(baseName(n.path)); d != nil {
					cur.enter(d)
				}
			}
		case n.isWhiteout() && !n.synthetic():
			cur.dirOf(n.path)
		}
	}
}

// applyWhiteouts removes what the layer's whiteouts (and opaque markers) delete.
func (s *stacker) applyWhiteouts(tree layerTree, pos int32) {
	for i := range tree.nodes {
		n := &tree.nodes[i]
		if n.isWhiteout() && n.target != nil && !n.target.detached {
			s.remove(n.target, n.origin, pos)
		}
	}
	s.flushDeletions(pos)
}

// remove takes t and everything below it out of the view on behalf of the layer at pos: their bytes
// become the waste of the layers that shipped them.
func (s *stacker) remove(t *viewNode, origin string, pos int32) {
	rep := &s.reports[pos]
	t.detach(func(d *viewNode) {
		if !d.implied {
			rep.FilesRemoved++
		}
		if d.size == 0 {
			return
		}
		s.reports[d.owner].WastedBytes += d.size
		s.deletions[deletionKey{origin: origin, owner: d.owner}] += d.size
	})
}

// flushDeletions turns the layer's deletions into deleted-later hints.
func (s *stacker) flushDeletions(pos int32) {
	for k, bytes := range s.deletions {
		s.hints.offer(hintCandidate{
			hint: Hint{Layer: s.indexOf(k.owner), Kind: HintDeletedLater, Path: k.origin, Bytes: bytes},
			by:   s.indexOf(pos),
		})
	}
	clear(s.deletions)
}

// overwritten accounts for old's bytes when the layer at pos writes over its path.
func (s *stacker) overwritten(old *viewNode, pos int32) {
	if old.size == 0 {
		return
	}
	s.reports[old.owner].WastedBytes += old.size
	if old.owner != pos {
		s.hints.offer(hintCandidate{
			hint: Hint{Layer: s.indexOf(old.owner), Kind: HintOverwritten, Path: old.path, Bytes: old.size},
			by:   s.indexOf(pos),
		})
	}
}

// applyEntries writes the layer's entries into the view, in path order, creating the parent directories
// the layer does not list.
func (s *stacker) applyEntries(tree layerTree, pos int32) {
	rep := &s.reports[pos]
	cur := newCursor(s.root)
	cur.enter = forgetter(pos)
	cur.makeDir = func(parent *viewNode, p string, existing *viewNode) *viewNode {
		if existing == nil {
			d := &viewNode{path: p, kind: catalog.KindDir, implied: true, owner: pos, touched: -1}
			parent.attach(d)
			return d
		}
		// A file or link stands where an entry needs a directory: a directory replaces it.
		s.overwritten(existing, pos)
		existing.kind, existing.size, existing.implied, existing.owner = catalog.KindDir, 0, true, pos
		return existing
	}
	for i := range tree.nodes {
		n := &tree.nodes[i]
		if n.role != roleEntry {
			continue
		}
		dir := cur.dirOf(n.path)
		node := dir.child(baseName(n.path))
		if node == nil {
			node = &viewNode{path: n.path}
			dir.attach(node)
			rep.FilesAdded++
		} else {
			rep.FilesChanged++
			s.overwritten(node, pos)
			if node.isDir() && n.kind != catalog.KindDir {
				// OCI: a non-directory replaces a directory together with its contents.
				for _, c := range node.children {
					s.remove(c, n.path, pos)
				}
				node.children = nil
			}
		}
		node.size, node.kind, node.owner, node.touched = n.size, n.kind, pos, pos
		node.implied, node.diveDir = false, n.kind == catalog.KindDir
	}
	s.flushDeletions(pos)
}
