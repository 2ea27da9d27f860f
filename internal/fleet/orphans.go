package fleet

import (
	"context"

	"github.com/patchbay/patchbay/internal/store"
)

// Orphan is an image or workload that nobody owns: a finding in itself, since nobody will patch it.
type Orphan struct {
	What        string   `json:"what"` // "image" or "workload"
	Digest      string   `json:"digest,omitempty"`
	References  []string `json:"references,omitempty"`
	Workload    string   `json:"workload,omitempty"` // cluster/namespace/kind/name/container
	Image       string   `json:"image,omitempty"`
	Environment string   `json:"environment,omitempty"`
}

// Orphans lists images without an owner, and workloads without one whose image has none either.
func Orphans(ctx context.Context, db *store.DB) ([]Orphan, error) {
	var out []Orphan
	rows, err := db.QueryContext(ctx, `SELECT i.digest, COALESCE(t.repository, ''), COALESCE(t.tag, '') FROM images i
		LEFT JOIN image_tags t ON t.digest = i.digest AND t.current = 1 WHERE i.owner = '' ORDER BY i.digest, t.repository, t.tag`)
	if err != nil {
		return nil, err
	}
	byDigest := map[string]int{}
	for rows.Next() {
		var d, repo, tag string
		if err := rows.Scan(&d, &repo, &tag); err != nil {
			rows.Close()
			return nil, err
		}
		i, ok := byDigest[d]
		if !ok {
			i = len(out)
			byDigest[d] = i
			out = append(out, Orphan{What: "image", Digest: d})
		}
		if repo != "" {
			out[i].References = append(out[i].References, repo+":"+tag)
		}
	}
	rows.Close()
	wrows, err := db.QueryContext(ctx, `SELECT w.source, w.namespace, w.kind, w.name, w.container, w.image, w.environment
		FROM workloads w LEFT JOIN images i ON i.digest = w.digest
		WHERE w.owner = '' AND COALESCE(i.owner, '') = '' ORDER BY w.source, w.namespace, w.kind, w.name, w.container`)
	if err != nil {
		return nil, err
	}
	defer wrows.Close()
	for wrows.Next() {
		var src, ns, kind, name, container, img, env string
		if err := wrows.Scan(&src, &ns, &kind, &name, &container, &img, &env); err != nil {
			return nil, err
		}
		out = append(out, Orphan{What: "workload", Workload: src + "/" + ns + "/" + kind + "/" + name + "/" + container, Image: img, Environment: env})
	}
	return out, wrows.Err()
}
