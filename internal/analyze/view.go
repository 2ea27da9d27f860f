package analyze

import (
	"fmt"
	"path"
	"strings"

	"github.com/patchbay/patchbay/internal/catalog"
)

// view is the image's filesystem as the layers stack up, whiteouts applied: for each path, which layer wrote it
// last and what it is. It is a trie so that deleting a directory, or hiding it with an opaque whiteout, costs the
// size of that directory, not of the image.
type view struct {
	root *vnode
}

type vnode struct {
	children map[string]*vnode
	layer    int // the layer that last wrote this entry; implicit parents keep the layer that created them
	kind     catalog.FileKind
	link     string
}

func newView() *view { return &view{root: &vnode{kind: catalog.KindDir, layer: -1}} }

// apply stacks one layer's entries on the view.
func (v *view) apply(layer int, files []catalog.FileRecord) {
	for _, f := range files {
		switch f.Kind {
		case catalog.KindWhiteout:
			v.remove(f.Path)
		case catalog.KindOpaque:
			if n := v.lookup(f.Path); n != nil {
				hideLower(n, layer)
			}
		default:
			v.put(layer, f)
		}
	}
}

func (v *view) put(layer int, f catalog.FileRecord) {
	n := v.root
	if f.Path == "/" {
		return
	}
	parts := strings.Split(f.Path[1:], "/")
	for i, part := range parts {
		if n.children == nil {
			n.children = map[string]*vnode{}
		}
		c := n.children[part]
		if c == nil {
			c = &vnode{kind: catalog.KindDir, layer: layer}
			n.children[part] = c
		}
		if i == len(parts)-1 {
			if f.Kind != catalog.KindDir {
				c.children = nil // a file replaces whatever directory was there
			}
			c.layer, c.kind, c.link = layer, f.Kind, f.Link
		}
		n = c
	}
}

// hideLower removes, below an opaque directory, everything that lower layers put there; entries of the opaque
// marker's own layer stay (they may come before the marker in the tar stream).
func hideLower(n *vnode, layer int) {
	for name, c := range n.children {
		if c.layer < layer {
			delete(n.children, name)
		} else {
			hideLower(c, layer)
		}
	}
}

func (v *view) remove(p string) {
	dir, base := path.Split(p)
	if parent := v.lookup(path.Clean(dir)); parent != nil {
		delete(parent.children, base)
	}
}

// lookup finds the node at p without following symlinks.
func (v *view) lookup(p string) *vnode {
	n := v.root
	if p == "/" {
		return n
	}
	for _, part := range strings.Split(p[1:], "/") {
		if n = n.children[part]; n == nil {
			return nil
		}
	}
	return n
}

// maxHops is the symlink budget of a path resolution, as Linux's MAXSYMLINKS.
const maxHops = 40

// resolve follows symlinks in every component of p, the way the kernel would inside the image's root, and
// returns the real path. A loop or a dangling link is an error.
func (v *view) resolve(p string) (string, error) {
	hops := 0
	rest := strings.Split(strings.TrimPrefix(path.Clean(p), "/"), "/")
	cur := "/"
	for len(rest) > 0 {
		part := rest[0]
		rest = rest[1:]
		if part == "" || part == "." {
			continue
		}
		next := path.Join(cur, part)
		n := v.lookup(next)
		if n == nil {
			return "", fmt.Errorf("%s: no such file in the image", p)
		}
		if n.kind == catalog.KindSymlink {
			if hops++; hops > maxHops {
				return "", fmt.Errorf("%s: too many levels of symbolic links (a loop?)", p)
			}
			target := n.link
			if !strings.HasPrefix(target, "/") {
				target = path.Join(cur, target)
			}
			rest = append(strings.Split(strings.TrimPrefix(path.Clean(target), "/"), "/"), rest...)
			cur = "/"
			continue
		}
		cur = next
	}
	return cur, nil
}
