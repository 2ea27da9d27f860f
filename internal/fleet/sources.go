package fleet

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/patchbay/patchbay/internal/image"
	"github.com/patchbay/patchbay/internal/store"
)

// Cluster is a Kubernetes cluster whose workloads belong to the fleet.
type Cluster struct {
	Name       string `json:"name"`
	Kubeconfig string `json:"kubeconfig"`
	Context    string `json:"context"`
	EnvRules   string `json:"env_rules"`  // "NAMESPACE-GLOB=ENV,..."
	OwnerKeys  string `json:"owner_keys"` // "key,key,...": labels/annotations naming an owner; "" = the defaults
}

// Chart is a Helm chart, Kustomize directory or manifest set whose images belong to the fleet.
type Chart struct {
	Path        string   `json:"path"`
	ValuesFiles []string `json:"values_files"`
	Environment string   `json:"environment"`
	Release     string   `json:"release"`
	Namespace   string   `json:"namespace"`
}

// AddCluster remembers a cluster to sync.
func AddCluster(ctx context.Context, db *store.DB, c Cluster) error {
	_, err := db.ExecContext(ctx, db.Rebind(`INSERT INTO clusters (name, kubeconfig, context, env_rules, owner_keys, added_at) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (name) DO UPDATE SET kubeconfig = excluded.kubeconfig, context = excluded.context, env_rules = excluded.env_rules,
		owner_keys = excluded.owner_keys`), c.Name, c.Kubeconfig, c.Context, c.EnvRules, c.OwnerKeys, now())
	return err
}

// Clusters lists the clusters to sync.
func Clusters(ctx context.Context, db *store.DB) ([]Cluster, error) {
	rows, err := db.QueryContext(ctx, `SELECT name, kubeconfig, context, env_rules, owner_keys FROM clusters ORDER BY name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Cluster
	for rows.Next() {
		var c Cluster
		if err := rows.Scan(&c.Name, &c.Kubeconfig, &c.Context, &c.EnvRules, &c.OwnerKeys); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// AddChart remembers a chart (or Kustomize directory, or manifests) to render at every sync.
func AddChart(ctx context.Context, db *store.DB, c Chart) error {
	values, _ := json.Marshal(c.ValuesFiles)
	_, err := db.ExecContext(ctx, db.Rebind(`INSERT INTO charts (path, values_files, environment, release, namespace, added_at) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (path) DO UPDATE SET values_files = excluded.values_files, environment = excluded.environment,
		release = excluded.release, namespace = excluded.namespace`), c.Path, string(values), c.Environment, c.Release, c.Namespace, now())
	return err
}

// Charts lists the charts to render.
func Charts(ctx context.Context, db *store.DB) ([]Chart, error) {
	rows, err := db.QueryContext(ctx, `SELECT path, values_files, environment, release, namespace FROM charts ORDER BY path`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Chart
	for rows.Next() {
		var c Chart
		var values string
		if err := rows.Scan(&c.Path, &values, &c.Environment, &c.Release, &c.Namespace); err != nil {
			return nil, err
		}
		json.Unmarshal([]byte(values), &c.ValuesFiles)
		out = append(out, c)
	}
	return out, rows.Err()
}

// Resolver finds the digest an image reference runs: from the tags the last registry syncs saw when the fleet
// knows the tag, else by asking the registry (HEAD on the manifest, with the platform's image from an index), with
// --insecure for the fleet's registries that were added so.
func Resolver(db *store.DB, opt image.Options) func(ctx context.Context, ref string) (string, error) {
	return func(ctx context.Context, ref string) (string, error) {
		if d, err := ResolveRef(ctx, db, ref); err == nil {
			return d, nil
		}
		regs, err := Registries(ctx, db)
		if err != nil {
			return "", err
		}
		o := opt
		for _, r := range regs {
			if r.Insecure && strings.HasPrefix(ref, r.Host+"/") {
				o.Insecure = true
			}
		}
		img, err := image.Open(ctx, ref, o)
		if err != nil {
			return "", fmt.Errorf("resolving %s: %w", ref, err)
		}
		return img.ManifestDigest, nil
	}
}
