package fleet

import (
	"context"
	"sort"

	"github.com/patchbay/patchbay/internal/store"
)

// Node is one image in a lineage tree.
type Node struct {
	Digest     string   `json:"digest"`
	References []string `json:"references"`
	Kind       string   `json:"kind"`
	Owner      string   `json:"owner"`
	Layers     int      `json:"layers"`
	// BaseLayers is how many of its layers are its base's; Behind how many newer images of its base exist.
	BaseLayers int     `json:"base_layers"`
	Behind     int     `json:"behind"`
	Children   []*Node `json:"children,omitempty"`
}

// Lineage is an image's ancestry (its base, the base's base... nearest first) and its descendants.
type Lineage struct {
	Ancestors []*Node `json:"ancestors"`
	Image     *Node   `json:"image"`
}

// LineageOf builds the tree of one image, up and down.
func LineageOf(ctx context.Context, db *store.DB, digest string) (*Lineage, error) {
	type row struct {
		node *Node
		base string
	}
	rows, err := db.QueryContext(ctx, `SELECT digest, kind, owner, layer_count, base_digest, base_layers FROM images`)
	if err != nil {
		return nil, err
	}
	all := map[string]*row{}
	children := map[string][]string{}
	for rows.Next() {
		r := &row{node: &Node{}}
		if err := rows.Scan(&r.node.Digest, &r.node.Kind, &r.node.Owner, &r.node.Layers, &r.base, &r.node.BaseLayers); err != nil {
			rows.Close()
			return nil, err
		}
		all[r.node.Digest] = r
		if r.base != "" {
			children[r.base] = append(children[r.base], r.node.Digest)
		}
	}
	rows.Close()
	if all[digest] == nil {
		return nil, errNoImage
	}
	refs := map[string][]string{}
	trows, err := db.QueryContext(ctx, `SELECT digest, repository, tag FROM image_tags WHERE current = 1 ORDER BY repository, tag`)
	if err != nil {
		return nil, err
	}
	for trows.Next() {
		var d, repo, tag string
		if err := trows.Scan(&d, &repo, &tag); err != nil {
			trows.Close()
			return nil, err
		}
		refs[d] = append(refs[d], repo+":"+tag)
	}
	trows.Close()
	behind := map[string]int{} // siblings share a base: ask once per base
	fill := func(n *Node) error {
		n.References = refs[n.Digest]
		b := all[n.Digest].base
		if b == "" {
			return nil
		}
		if _, ok := behind[b]; !ok {
			newer, err := Newer(ctx, db, b)
			if err != nil {
				return err
			}
			behind[b] = len(newer)
		}
		n.Behind = behind[b]
		return nil
	}
	out := &Lineage{Image: all[digest].node}
	seen := map[string]bool{digest: true}
	for b := all[digest].base; b != "" && !seen[b] && all[b] != nil; b = all[b].base {
		seen[b] = true
		if err := fill(all[b].node); err != nil {
			return nil, err
		}
		out.Ancestors = append(out.Ancestors, all[b].node)
	}
	var down func(n *Node) error
	down = func(n *Node) error {
		if err := fill(n); err != nil {
			return err
		}
		kids := children[n.Digest]
		sort.Strings(kids)
		for _, k := range kids {
			if seen[k] {
				continue
			}
			seen[k] = true
			c := all[k].node
			n.Children = append(n.Children, c)
			if err := down(c); err != nil {
				return err
			}
		}
		return nil
	}
	return out, down(out.Image)
}
