package layers

import "github.com/patchbay/patchbay/internal/catalog"

// viewNode is one path of the stacked view: what a container started from the layers stacked so far sees.
// Nodes share their path with the FileRecord that wrote them (or with a descendant's, for implied
// directories), so the view costs no string copies.
type viewNode struct {
	path     string
	parent   *viewNode
	children map[string]*viewNode // by name; nil until the first child arrives
	size     int64
	owner    int32 // position of the layer that wrote this node (Analyze's input order)
	touched  int32 // last layer position with an entry for exactly this path; -1 for none
	kind     catalog.FileKind
	implied  bool // created as the parent of something, no entry of its own
	diveDir  bool // dive's IsDir for this path: true only if the last layer to mention it had a dir entry
	detached bool // removed from the view; a whiteout resolved before the removal may still point here
}

func newViewRoot() *viewNode {
	return &viewNode{path: "/", kind: catalog.KindDir, implied: true, diveDir: true, owner: -1, touched: -1}
}

func (n *viewNode) isDir() bool { return n.kind == catalog.KindDir }

func (n *viewNode) child(name string) *viewNode { return n.children[name] }

func (n *viewNode) attach(c *viewNode) {
	if n.children == nil {
		n.children = make(map[string]*viewNode)
	}
	c.parent = n
	n.children[baseName(c.path)] = c
}

// detach cuts n out of the view with everything below it, marks them detached and hands each to gone
// (parents first), so the caller can account for what left.
func (n *viewNode) detach(gone func(*viewNode)) {
	delete(n.parent.children, baseName(n.path))
	n.parent = nil
	n.walk(func(d *viewNode) {
		d.detached = true
		gone(d)
	})
}

// walk calls fn on n and on everything below it, parents first.
func (n *viewNode) walk(fn func(*viewNode)) {
	fn(n)
	for _, c := range n.children {
		c.walk(fn)
	}
}

// subtreeBytes is the size of n plus the sizes of everything below it.
func (n *viewNode) subtreeBytes() int64 {
	total := n.size
	for _, c := range n.children {
		total += c.subtreeBytes()
	}
	return total
}

// lookup finds p in the view, or nil. For the few one-off lookups; sorted runs use a cursor.
func (n *viewNode) lookup(p string) *viewNode {
	node := n
	for node != nil && node.path != p {
		if !isBelow(p, node.path) {
			return nil
		}
		node = node.child(baseName(childPath(node.path, p)))
	}
	return node
}

// cursor walks a sorted run of paths down the view. It keeps the chain of directories that hold the last
// path, so consecutive paths pay map lookups only for the components they do not share.
type cursor struct {
	chain []*viewNode // chain[0] is the root; each next one is a child of the previous
	// enter, if set, is called once for every directory the cursor steps into.
	enter func(dir *viewNode)
	// makeDir, if set, is called where the way down is missing a directory (existing == nil) or finds a
	// non-directory (existing != nil); it returns the directory to go on with. If unset, dirOf gives up.
	makeDir func(parent *viewNode, path string, existing *viewNode) *viewNode
}

func newCursor(root *viewNode) *cursor {
	return &cursor{chain: []*viewNode{root}}
}

// dirOf returns the directory of the view that holds p, or nil when there is none (and makeDir is unset).
func (c *cursor) dirOf(p string) *viewNode {
	dir := parentDir(p)
	for len(c.chain) > 1 {
		top := c.chain[len(c.chain)-1]
		if top.path == dir || isBelow(dir, top.path) {
			break
		}
		c.chain = c.chain[:len(c.chain)-1]
	}
	node := c.chain[len(c.chain)-1]
	for node.path != dir {
		next := childPath(node.path, dir)
		child := node.child(baseName(next))
		if child == nil || !child.isDir() {
			if c.makeDir == nil {
				return nil
			}
			child = c.makeDir(node, next, child)
		}
		c.chain = append(c.chain, child)
		if c.enter != nil {
			c.enter(child)
		}
		node = child
	}
	return node
}
