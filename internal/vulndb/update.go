package vulndb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/patchbay/patchbay/internal/store"
)

// DefaultBaseURL is where OSV publishes one all.zip per ecosystem.
const DefaultBaseURL = "https://osv-vulnerabilities.storage.googleapis.com"

// DefaultEcosystems are the ecosystems whose packages Patchbay finds in images.
var DefaultEcosystems = []string{"Alpine", "Debian", "Go", "Maven", "npm", "PyPI", "Red Hat", "Ubuntu"}

// maxArchive bounds one downloaded archive. OSV's largest (Debian) is a few hundred MB.
const maxArchive = 4 << 30

// Source is where one ecosystem's records come from.
type Source struct {
	Ecosystem string
	URL       string
}

// SourcesFor builds the usual source of each ecosystem under a base URL (OSV's own, or a mirror of it).
func SourcesFor(baseURL string, ecosystems []string) []Source {
	var out []Source
	for _, e := range ecosystems {
		out = append(out, Source{Ecosystem: e, URL: strings.TrimRight(baseURL, "/") + "/" + strings.ReplaceAll(e, " ", "%20") + "/all.zip"})
	}
	return out
}

// UpdateResult is what one source's update did.
type UpdateResult struct {
	Source
	NotModified bool // the server said the archive has not changed since the last update
	Stats       ImportStats
}

// Update fetches each source's archive (conditionally, with the ETag of the last update) and imports what is new
// or newer. One source failing does not stop the others; the error names every source that failed.
func Update(ctx context.Context, db *store.DB, client *http.Client, sources []Source) ([]UpdateResult, error) {
	if client == nil {
		client = http.DefaultClient
	}
	var results []UpdateResult
	var failed []string
	for _, s := range sources {
		r, err := updateOne(ctx, db, client, s)
		results = append(results, r)
		if err != nil {
			if ctx.Err() != nil {
				return results, ctx.Err()
			}
			failed = append(failed, fmt.Sprintf("%s (%s): %v", s.Ecosystem, s.URL, err))
		}
	}
	if len(failed) > 0 {
		return results, fmt.Errorf("update failed for %s", strings.Join(failed, "; "))
	}
	return results, nil
}

func updateOne(ctx context.Context, db *store.DB, client *http.Client, s Source) (UpdateResult, error) {
	res := UpdateResult{Source: s}
	var etag string
	err := db.QueryRowContext(ctx, db.Rebind(`SELECT etag FROM vulndb_sources WHERE ecosystem = ? AND url = ?`), s.Ecosystem, s.URL).Scan(&etag)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return res, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.URL, nil)
	if err != nil {
		return res, err
	}
	if etag != "" {
		req.Header.Set("If-None-Match", etag)
	}
	req.Header.Set("User-Agent", "patchbay")
	resp, err := client.Do(req)
	if err != nil {
		return res, err
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotModified:
		res.NotModified = true
		return res, recordSource(ctx, db, s, etag)
	case resp.StatusCode != http.StatusOK:
		return res, fmt.Errorf("HTTP %s", resp.Status)
	}
	tmp, err := os.CreateTemp("", "patchbay-osv-*.zip")
	if err != nil {
		return res, err
	}
	defer func() { tmp.Close(); os.Remove(tmp.Name()) }()
	n, err := io.Copy(tmp, io.LimitReader(resp.Body, maxArchive+1))
	if err != nil {
		return res, fmt.Errorf("download: %w", err)
	}
	if n > maxArchive {
		return res, fmt.Errorf("archive over the %d-byte limit", int64(maxArchive))
	}
	records := make(chan rawRecord, 64)
	readErr := make(chan error, 1)
	go func() {
		defer close(records)
		readErr <- readZip(ctx, tmp, n, s.URL, records)
	}()
	res.Stats, err = ingest(ctx, db, records, s.URL)
	if rerr := <-readErr; rerr != nil && err == nil {
		err = rerr
	}
	if err != nil {
		return res, err
	}
	return res, recordSource(ctx, db, s, resp.Header.Get("ETag"))
}

func recordSource(ctx context.Context, db *store.DB, s Source, etag string) error {
	_, err := db.ExecContext(ctx, db.Rebind(`INSERT INTO vulndb_sources (ecosystem, url, etag, last_update) VALUES (?, ?, ?, ?)
		ON CONFLICT (ecosystem) DO UPDATE SET url = excluded.url, etag = excluded.etag, last_update = excluded.last_update`),
		s.Ecosystem, s.URL, etag, time.Now().UTC().Format(timeLayout))
	return err
}
