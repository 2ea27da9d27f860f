package match

import (
	"sort"

	"github.com/patchbay/patchbay/internal/vulndb"
)

// groupHits merges the records that matched one package into problems: two records are the same problem when
// they share an ID, directly or through their aliases (a GO- record and a GHSA record both naming a CVE).
func groupHits(hs []hit, infos map[string]*vulndb.Info) [][]hit {
	parent := map[string]string{}
	var find func(string) string
	find = func(x string) string {
		if p, ok := parent[x]; ok && p != x {
			parent[x] = find(p)
			return parent[x]
		}
		parent[x] = x
		return x
	}
	union := func(a, b string) { parent[find(a)] = find(b) }
	for _, h := range hs {
		find(h.vulnID)
		if info := infos[h.vulnID]; info != nil {
			for _, a := range info.Aliases {
				union(a, h.vulnID)
			}
		}
	}
	groups := map[string][]hit{}
	for _, h := range hs {
		r := find(h.vulnID)
		groups[r] = append(groups[r], h)
	}
	out := make([][]hit, 0, len(groups))
	for _, g := range groups {
		out = append(out, g)
	}
	sort.Slice(out, func(a, b int) bool { return out[a][0].vulnID < out[b][0].vulnID })
	return out
}
