package vulndb

import (
	"context"

	"github.com/patchbay/patchbay/internal/store"
)

// Status describes what the store holds.
type Status struct {
	SchemaVersion int               `json:"schema_version"`
	Location      string            `json:"location"`
	Records       int               `json:"records"`
	Withdrawn     int               `json:"withdrawn"`
	Ecosystems    []EcosystemStatus `json:"ecosystems"`
}

// EcosystemStatus counts one ecosystem's records and says when it was last updated from its source.
type EcosystemStatus struct {
	Ecosystem  string `json:"ecosystem"`
	Records    int    `json:"records"`
	LastUpdate string `json:"last_update,omitempty"`
	Source     string `json:"source,omitempty"`
}

// GetStatus reads the store's vulnerability data summary.
func GetStatus(ctx context.Context, db *store.DB) (Status, error) {
	st := Status{Location: db.Location}
	var err error
	if st.SchemaVersion, err = db.CurrentSchema(ctx); err != nil {
		return st, err
	}
	if err := db.QueryRowContext(ctx, `SELECT COUNT(*), COUNT(withdrawn) FROM vulns`).Scan(&st.Records, &st.Withdrawn); err != nil {
		return st, err
	}
	rows, err := db.QueryContext(ctx, `SELECT a.ecosystem, COUNT(DISTINCT a.vuln_id), COALESCE(MAX(s.last_update), ''), COALESCE(MAX(s.url), '')
		FROM vuln_affected a LEFT JOIN vulndb_sources s ON s.ecosystem = a.ecosystem
		GROUP BY a.ecosystem ORDER BY a.ecosystem`)
	if err != nil {
		return st, err
	}
	defer rows.Close()
	for rows.Next() {
		var e EcosystemStatus
		if err := rows.Scan(&e.Ecosystem, &e.Records, &e.LastUpdate, &e.Source); err != nil {
			return st, err
		}
		st.Ecosystems = append(st.Ecosystems, e)
	}
	return st, rows.Err()
}
