package fleet

import (
	"context"

	"github.com/patchbay/patchbay/internal/store"
)

// Workload is one container of a workload, in a cluster or in what a chart would deploy.
type Workload struct {
	Source       string `json:"cluster"` // the cluster's name, or "chart:PATH"
	Namespace    string `json:"namespace"`
	Kind         string `json:"kind"`
	Name         string `json:"name"`
	Container    string `json:"container"`
	Init         bool   `json:"init,omitempty"`
	Image        string `json:"image"`
	Digest       string `json:"digest,omitempty"`
	DigestSource string `json:"digest_source,omitempty"`
	Environment  string `json:"environment"`
	Owner        string `json:"owner"`
}

// ReplaceWorkloads makes the store's workloads of one source exactly these: what is gone from the cluster is gone
// from the inventory.
func ReplaceWorkloads(ctx context.Context, db *store.DB, source string, ws []Workload) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, db.Rebind(`DELETE FROM workloads WHERE source = ?`), source); err != nil {
		return err
	}
	stmt, err := tx.PrepareContext(ctx, db.Rebind(`INSERT INTO workloads (source, namespace, kind, name, container, init, image,
		digest, digest_source, environment, owner, seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (source, namespace, kind, name, container, digest) DO NOTHING`))
	if err != nil {
		return err
	}
	defer stmt.Close()
	t := now()
	for _, w := range ws {
		init := 0
		if w.Init {
			init = 1
		}
		if _, err := stmt.ExecContext(ctx, source, w.Namespace, w.Kind, w.Name, w.Container, init, w.Image, w.Digest,
			w.DigestSource, w.Environment, w.Owner, t); err != nil {
			return err
		}
	}
	return tx.Commit()
}
