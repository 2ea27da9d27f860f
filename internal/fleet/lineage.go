package fleet

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/patchbay/patchbay/internal/image"
	"github.com/patchbay/patchbay/internal/store"
)

type imageRow struct {
	digest      string
	repository  string
	base        string // as the last lineage found it
	created     string
	annotations map[string]string
	labels      map[string]string
	chains      []string
}

// loadImages reads the fleet's images; withChains adds each one's layer chain IDs (lineage needs them,
// classification does not).
func loadImages(ctx context.Context, db *store.DB, withChains bool) (map[string]*imageRow, error) {
	rows, err := db.QueryContext(ctx, `SELECT digest, repository, created, annotations, labels, base_digest FROM images`)
	if err != nil {
		return nil, err
	}
	out := map[string]*imageRow{}
	for rows.Next() {
		r := &imageRow{}
		var ann, lab string
		if err := rows.Scan(&r.digest, &r.repository, &r.created, &ann, &lab, &r.base); err != nil {
			rows.Close()
			return nil, err
		}
		json.Unmarshal([]byte(ann), &r.annotations)
		json.Unmarshal([]byte(lab), &r.labels)
		out[r.digest] = r
	}
	rows.Close()
	if err := rows.Err(); err != nil || !withChains {
		return out, err
	}
	lrows, err := db.QueryContext(ctx, `SELECT image_digest, idx, chain_id FROM image_layers ORDER BY image_digest, idx`)
	if err != nil {
		return nil, err
	}
	defer lrows.Close()
	for lrows.Next() {
		var d, c string
		var i int
		if err := lrows.Scan(&d, &i, &c); err != nil {
			return nil, err
		}
		if r := out[d]; r != nil {
			r.chains = append(r.chains, c)
		}
	}
	return out, lrows.Err()
}

// ComputeLineage finds each image's base among the fleet's images: the image whose layers are the longest
// proper prefix of its own (by chain ID). The OCI base annotations, when present, pick among images with the
// same layers and are checked against the layers: an annotation the layers contradict is reported, not obeyed.
func ComputeLineage(ctx context.Context, db *store.DB) ([]string, error) {
	imgs, err := loadImages(ctx, db, true)
	if err != nil {
		return nil, err
	}
	byTop := map[string][]string{}
	for d, r := range imgs {
		if len(r.chains) > 0 {
			byTop[r.chains[len(r.chains)-1]] = append(byTop[r.chains[len(r.chains)-1]], d)
		}
	}
	for _, ds := range byTop {
		sort.Strings(ds)
	}
	var warnings []string
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, db.Rebind(`UPDATE images SET base_digest = ?, base_layers = ?, base_source = ? WHERE digest = ?`))
	if err != nil {
		return nil, err
	}
	defer stmt.Close()
	for d, r := range imgs {
		base, layers, source := "", 0, ""
		annotated := r.annotations[image.BaseDigestAnnotation]
		for k := len(r.chains) - 1; k >= 1 && base == ""; k-- {
			for _, cand := range byTop[r.chains[k-1]] {
				if cand == d {
					continue
				}
				if base == "" || cand == annotated {
					base, layers = cand, k
				}
			}
		}
		if base != "" {
			source = "layers"
			if annotated == base {
				source = "layers+annotation"
			} else if annotated != "" {
				warnings = append(warnings, fmt.Sprintf("%s: its annotations name base %s, but its layers are built on %s", d, annotated, base))
			}
		}
		if _, err := stmt.ExecContext(ctx, base, layers, source, d); err != nil {
			return nil, err
		}
	}
	return warnings, tx.Commit()
}

// Newer lists the images of base's repository that came after it — created later, or, for images created at the
// same time (reproducible builds set one time for all), tagged with a higher version — oldest first: how far
// behind an image built on base is, and what it could be rebased onto.
func Newer(ctx context.Context, db *store.DB, base string) ([]string, error) {
	rows, err := db.QueryContext(ctx, db.Rebind(`SELECT t.digest, t.tag, i.created FROM image_tags t JOIN images i ON i.digest = t.digest
		WHERE t.current = 1 AND t.repository IN (SELECT repository FROM image_tags WHERE digest = ?)`), base)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	type version struct{ digest, tag, created string }
	var all []version
	for rows.Next() {
		var v version
		if err := rows.Scan(&v.digest, &v.tag, &v.created); err != nil {
			return nil, err
		}
		all = append(all, v)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	sort.Slice(all, func(a, b int) bool {
		if all[a].created != all[b].created {
			return all[a].created < all[b].created
		}
		return naturalLess(all[a].tag, all[b].tag)
	})
	pos := -1
	for i, v := range all {
		if v.digest == base {
			pos = i // the last tag of base counts: a later tag of the same image is not newer
		}
	}
	if pos < 0 {
		return nil, nil
	}
	var out []string
	seen := map[string]bool{base: true}
	for _, v := range all[pos+1:] {
		if !seen[v.digest] {
			seen[v.digest] = true
			out = append(out, v.digest)
		}
	}
	return out, nil
}

// naturalLess orders tags as people read versions: digit runs by value ("v2" < "v10").
func naturalLess(a, b string) bool {
	for a != "" && b != "" {
		da, db := digitRun(a), digitRun(b)
		if da > 0 && db > 0 {
			na, nb := strings.TrimLeft(a[:da], "0"), strings.TrimLeft(b[:db], "0")
			if len(na) != len(nb) {
				return len(na) < len(nb)
			}
			if na != nb {
				return na < nb
			}
			a, b = a[da:], b[db:]
			continue
		}
		if a[0] != b[0] {
			return a[0] < b[0]
		}
		a, b = a[1:], b[1:]
	}
	return len(a) < len(b)
}

func digitRun(s string) int {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}
