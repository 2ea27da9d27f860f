package layers

import (
	"cmp"
	"slices"

	"github.com/patchbay/patchbay/internal/catalog"
)

// DuplicateMinBytes is the size below which same-size, same-name files are not worth a hint.
const DuplicateMinBytes = 1 << 20

// duplicateKey groups likely copies: FileRecord carries no content hash, so size and base name stand in.
type duplicateKey struct {
	size int64
	name string
}

// duplicateFinder collects the regular files of the final view large enough to matter. Hardlinks are
// not copies (they share content by design) and symlinks have no content, so only regular files count.
type duplicateFinder struct {
	groups map[duplicateKey][]*viewNode
}

func (d *duplicateFinder) see(n *viewNode) {
	if n.kind != catalog.KindFile || n.size < DuplicateMinBytes {
		return
	}
	if d.groups == nil {
		d.groups = make(map[duplicateKey][]*viewNode)
	}
	k := duplicateKey{size: n.size, name: baseName(n.path)}
	d.groups[k] = append(d.groups[k], n)
}

// hints returns one hint per group of two or more copies. It names the newest copy (highest layer, then
// last path), the one most likely added without need, and says what removing all but one would save.
func (d *duplicateFinder) hints(indexOf func(int32) int) []hintCandidate {
	var out []hintCandidate
	for k, copies := range d.groups {
		if len(copies) < 2 {
			continue
		}
		slices.SortFunc(copies, func(a, b *viewNode) int {
			if c := cmp.Compare(a.owner, b.owner); c != 0 {
				return c
			}
			return comparePaths(a.path, b.path)
		})
		newest := copies[len(copies)-1]
		others := make([]string, 0, len(copies)-1)
		for _, c := range copies[:len(copies)-1] {
			others = append(others, c.path)
		}
		out = append(out, hintCandidate{hint: Hint{
			Layer:   indexOf(newest.owner),
			Kind:    HintDuplicate,
			Path:    newest.path,
			Bytes:   k.size * int64(len(copies)-1),
			Message: duplicateMessage(len(copies), others[0]),
			Others:  others,
		}})
	}
	return out
}
