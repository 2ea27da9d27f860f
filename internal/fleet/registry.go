package fleet

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/remote"

	"github.com/patchbay/patchbay/internal/analyze"
	"github.com/patchbay/patchbay/internal/image"
	"github.com/patchbay/patchbay/internal/store"
)

// Registry is a registry whose repositories belong to the fleet.
type Registry struct {
	Host        string `json:"host"`         // "registry.example.com" or "127.0.0.1:5000"
	RepoPattern string `json:"repo_pattern"` // path.Match glob over repository paths: "team/*"; "*" matches one level, "" all
	Insecure    bool   `json:"insecure"`
}

// AddRegistry remembers a registry to sync.
func AddRegistry(ctx context.Context, db *store.DB, r Registry) error {
	r.Host = strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(r.Host, "https://"), "http://"), "/")
	if _, err := name.NewRegistry(r.Host, name.StrictValidation); err != nil {
		return fmt.Errorf("registry %q: %w", r.Host, err)
	}
	if r.RepoPattern != "" {
		if _, err := path.Match(r.RepoPattern, ""); err != nil {
			return fmt.Errorf("--repo %q: %w", r.RepoPattern, err)
		}
	}
	insecure := 0
	if r.Insecure {
		insecure = 1
	}
	_, err := db.ExecContext(ctx, db.Rebind(`INSERT INTO registries (url, repo_pattern, insecure, added_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (url) DO UPDATE SET repo_pattern = excluded.repo_pattern, insecure = excluded.insecure`), r.Host, r.RepoPattern, insecure, now())
	return err
}

// Registries lists the registries to sync.
func Registries(ctx context.Context, db *store.DB) ([]Registry, error) {
	rows, err := db.QueryContext(ctx, `SELECT url, repo_pattern, insecure FROM registries ORDER BY url`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Registry
	for rows.Next() {
		var r Registry
		var insecure int
		if err := rows.Scan(&r.Host, &r.RepoPattern, &insecure); err != nil {
			return nil, err
		}
		r.Insecure = insecure != 0
		out = append(out, r)
	}
	return out, rows.Err()
}

// SyncStats says what a sync saw and did.
type SyncStats struct {
	Repositories int      `json:"repositories"`
	Tags         int      `json:"tags"`
	NewImages    int      `json:"new_images"`   // analysed now
	KnownImages  int      `json:"known_images"` // already in the store: tags updated only
	LayersRead   int      `json:"layers_read"`  // layers whose tar stream was read
	LayersCached int      `json:"layers_cached"`
	Problems     []string `json:"problems,omitempty"`
}

// retryOptions make registry calls back off on 429 Too Many Requests and on transient server errors, as a
// registry with rate limits expects of a client that walks all of it.
func retryOptions() []remote.Option {
	return []remote.Option{
		remote.WithRetryStatusCodes(http.StatusTooManyRequests, http.StatusInternalServerError, http.StatusBadGateway,
			http.StatusServiceUnavailable, http.StatusGatewayTimeout),
		remote.WithRetryBackoff(remote.Backoff{Duration: 500 * time.Millisecond, Factor: 2, Jitter: 0.2, Steps: 6}),
	}
}

// SyncRegistry walks a registry's catalog and tag lists (paginated), resolves each tag to its digest, analyses
// only digests the store has not seen (a layer already analysed for any image is taken from the layer cache), and
// records which digest each tag points at now.
func SyncRegistry(ctx context.Context, db *store.DB, a *analyze.Analyzer, r Registry, opt image.Options) (SyncStats, error) {
	var st SyncStats
	opt.Insecure = r.Insecure
	nameOpts := []name.Option{}
	if r.Insecure {
		nameOpts = append(nameOpts, name.Insecure)
	}
	reg, err := name.NewRegistry(r.Host, nameOpts...)
	if err != nil {
		return st, err
	}
	ropts := append(image.RemoteOptions(ctx, opt), retryOptions()...)
	repos, err := remote.Catalog(ctx, reg, ropts...)
	if err != nil {
		return st, fmt.Errorf("registry %s: catalog: %w", r.Host, err)
	}
	for _, repoPath := range repos {
		if r.RepoPattern != "" && !matchRepo(r.RepoPattern, repoPath) {
			continue
		}
		st.Repositories++
		repo, err := name.NewRepository(r.Host+"/"+repoPath, nameOpts...)
		if err != nil {
			st.Problems = append(st.Problems, fmt.Sprintf("%s: %v", repoPath, err))
			continue
		}
		tags, err := remote.List(repo, ropts...)
		if err != nil {
			st.Problems = append(st.Problems, fmt.Sprintf("%s: tags: %v", repo, err))
			continue
		}
		if err := syncTags(ctx, db, a, repo, tags, opt, &st); err != nil {
			return st, err
		}
	}
	if _, err := db.ExecContext(ctx, db.Rebind(`UPDATE registries SET last_sync = ? WHERE url = ?`), now(), r.Host); err != nil {
		return st, err
	}
	return st, nil
}

// matchRepo matches a repository path against a glob; a pattern ending in "/**" takes every depth below what
// its first segments match ("team-*/**" matches "team-a/x/y").
func matchRepo(pattern, repo string) bool {
	if head, ok := strings.CutSuffix(pattern, "/**"); ok {
		n := strings.Count(head, "/") + 1
		parts := strings.SplitN(repo, "/", n+1)
		if len(parts) <= n {
			return false
		}
		ok, _ := path.Match(head, strings.Join(parts[:n], "/"))
		return ok
	}
	ok, _ := path.Match(pattern, repo)
	return ok
}

// syncTags resolves each tag, groups tags by the image they point at, and analyses each new image once.
func syncTags(ctx context.Context, db *store.DB, a *analyze.Analyzer, repo name.Repository, tags []string, opt image.Options, st *SyncStats) error {
	byDigest := map[string][]string{}
	var order []string
	for _, tag := range tags {
		st.Tags++
		img, err := image.Open(ctx, repo.Tag(tag).String(), opt)
		if err != nil {
			st.Problems = append(st.Problems, fmt.Sprintf("%s:%s: %v", repo, tag, err))
			continue
		}
		d := img.ManifestDigest
		if _, seen := byDigest[d]; !seen {
			order = append(order, d)
			known, err := Known(ctx, db, d)
			if err != nil {
				return err
			}
			if known {
				st.KnownImages++
			} else {
				res, err := a.Analyze(ctx, img)
				if err != nil {
					st.Problems = append(st.Problems, fmt.Sprintf("%s:%s: %v", repo, tag, err))
					continue
				}
				for _, c := range res.Cached {
					if c {
						st.LayersCached++
					} else {
						st.LayersRead++
					}
				}
				if err := RecordImage(ctx, db, img, res.SBOM, repo.Name()); err != nil {
					return err
				}
				st.NewImages++
			}
		}
		byDigest[d] = append(byDigest[d], tag)
	}
	for _, d := range order {
		if err := RecordTags(ctx, db, repo.Name(), byDigest[d], d); err != nil {
			return err
		}
	}
	return nil
}

var errNoImage = errors.New("no such image in the fleet")

// ResolveRef finds the digest an image reference names in the fleet: a digest as is, a tag through the tags the
// last syncs saw.
func ResolveRef(ctx context.Context, db *store.DB, ref string) (string, error) {
	if i := strings.Index(ref, "@sha256:"); i >= 0 {
		return ref[i+1:], nil
	}
	if strings.HasPrefix(ref, "sha256:") {
		return ref, nil
	}
	r, err := name.ParseReference(ref, name.WeakValidation)
	if err != nil {
		return "", err
	}
	tag, ok := r.(name.Tag)
	if !ok {
		return "", fmt.Errorf("%s: %w", ref, errNoImage)
	}
	var d string
	err = db.QueryRowContext(ctx, db.Rebind(`SELECT digest FROM image_tags WHERE repository = ? AND tag = ? AND current = 1`),
		tag.Context().Name(), tag.TagStr()).Scan(&d)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("%s: %w (run 'patchbay fleet sync'?)", ref, errNoImage)
	}
	return d, err
}
