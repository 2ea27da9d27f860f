package kube

import (
	"context"
	"fmt"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

// resolveParallel bounds the registry requests in flight: a cluster can hold hundreds of distinct tags, and a
// registry rate-limits.
const resolveParallel = 8

// resolver asks Config.Resolve for the digests no pod reports and no spec pins, once per distinct image, and
// remembers the answers for ttl (errors for errTTL, so that a registry that is down is not asked again after
// every change Watch sees). With ttl 0 answers are remembered only for one fill.
type resolver struct {
	fn          func(ctx context.Context, imageRef string) (string, error)
	ttl, errTTL time.Duration

	mu    sync.Mutex
	cache map[string]resolution
}

type resolution struct {
	digest string
	err    error
	at     time.Time
}

func newResolver(fn func(context.Context, string) (string, error), ttl, errTTL time.Duration) *resolver {
	return &resolver{fn: fn, ttl: ttl, errTTL: errTTL, cache: map[string]resolution{}}
}

// fill resolves the rows that have no digest yet. A failed resolution is the row's DigestError, not fill's:
// one unreachable registry must not hide the rest of the inventory. fill fails only when ctx ends.
func (r *resolver) fill(ctx context.Context, rows []Workload) error {
	if r.fn == nil {
		return nil
	}
	now := time.Now()
	answers := map[string]resolution{}
	var todo []string
	r.mu.Lock()
	for ref, c := range r.cache { // forget expired answers, so that images gone from the cluster do not pile up
		if now.Sub(c.at) >= r.lifetime(c) {
			delete(r.cache, ref)
		}
	}
	for _, w := range rows {
		if w.Digest != "" {
			continue
		}
		if _, ok := answers[w.Image]; ok {
			continue
		}
		if c, ok := r.cache[w.Image]; ok {
			answers[w.Image] = c
			continue
		}
		answers[w.Image] = resolution{} // queued
		todo = append(todo, w.Image)
	}
	r.mu.Unlock()

	var mu sync.Mutex
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(resolveParallel)
	for _, ref := range todo {
		g.Go(func() error {
			d, err := r.fn(gctx, ref)
			if err == nil && !validDigest(d) {
				err = fmt.Errorf("the resolver returned %q, not a sha256/sha512 digest", d)
			}
			if ctx.Err() != nil {
				return ctx.Err() // the caller gave up: not an answer about the image
			}
			res := resolution{digest: d, err: err, at: time.Now()}
			mu.Lock()
			answers[ref] = res
			mu.Unlock()
			r.mu.Lock()
			r.cache[ref] = res
			r.mu.Unlock()
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return fmt.Errorf("resolving image digests: %w", err)
	}

	for i := range rows {
		w := &rows[i]
		if w.Digest != "" {
			continue
		}
		switch a := answers[w.Image]; {
		case a.err != nil:
			w.DigestError = fmt.Sprintf("resolving %s: %v", w.Image, a.err)
		case a.digest != "":
			w.Digest, w.DigestSource = a.digest, SourceResolved
		}
	}
	return nil
}

func (r *resolver) lifetime(c resolution) time.Duration {
	if c.err != nil {
		return r.errTTL
	}
	return r.ttl
}
