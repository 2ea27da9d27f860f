package kube

import (
	"context"
	"maps"
	"reflect"
	"slices"
	"sync"
	"time"

	"k8s.io/client-go/kubernetes"
)

const (
	// debounce is how long Watch waits after a change for the next one: a rollout is a burst of events (a
	// ReplicaSet, then pods one by one), and one updated inventory per burst is what a caller wants.
	debounce = 200 * time.Millisecond
	// maxDelay bounds the wait under changes that never pause (a large cluster is always changing somewhere).
	maxDelay = 2 * time.Second
	// Watch remembers resolved digests this long: a tag moves rarely, and a registry rate-limits. Failures are
	// retried sooner.
	resolveTTL    = 5 * time.Minute
	resolveErrTTL = 30 * time.Second
)

// Watch keeps an inventory current from the API server's watch events (client-go informers), calling onChange
// with the full inventory, as Inventory returns it, once the caches are filled and then after each burst of
// changes (debounced), unless the inventory came out the same (a pod's status heartbeat changes no row).
// onChange runs on Watch's goroutine: events that arrive meanwhile are gathered into the next call. A digest
// that Resolve failed to find is asked again at the first rebuild after resolveErrTTL.
//
// Watch returns nil when ctx ends, and an error if the API server refuses to let it list or watch (RBAC):
// client-go would otherwise retry forever and the inventory would silently stay empty or stale.
func Watch(ctx context.Context, client kubernetes.Interface, cfg Config, onChange func([]Workload)) error {
	if err := cfg.validate(); err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	var refused error // set once, before cancel, by the informers' error handler
	var refusedOnce sync.Once
	changed := make(chan struct{}, 1)
	inf, err := newInformers(client,
		func() {
			select {
			case changed <- struct{}{}:
			default: // one pending signal is enough: the rebuild reads the caches as they are then
			}
		},
		func(err error) {
			refusedOnce.Do(func() { refused = err })
			cancel()
		})
	if err != nil {
		cancel()
		return err
	}
	defer inf.stop() // runs after cancel below: waits for the informers' goroutines to end
	defer cancel()

	// end tells why the loop stopped: refused by the API server, else ctx ended (not an error), else err.
	end := func(err error) error {
		refusedOnce.Do(func() {}) // a refusal after this point is too late to matter
		switch {
		case refused != nil:
			return refused
		case ctx.Err() != nil:
			return nil
		}
		return err
	}
	if err := inf.start(ctx); err != nil {
		return end(err)
	}
	res := newResolver(cfg.Resolve, resolveTTL, resolveErrTTL)
	var last []Workload
	for first := true; ; first = false {
		s, err := inf.snapshot()
		if err != nil {
			return end(err)
		}
		rows := build(s, cfg)
		if err := res.fill(ctx, rows); err != nil {
			return end(err)
		}
		if first || !reflect.DeepEqual(rows, last) {
			last = rows
			onChange(cloneRows(rows)) // the caller's to keep or change: last must stay as it was
		}
		if err := waitForChanges(ctx, changed); err != nil {
			return end(err)
		}
	}
}

func cloneRows(rows []Workload) []Workload {
	out := slices.Clone(rows)
	for i := range out {
		out[i].Labels = maps.Clone(out[i].Labels)
		out[i].OtherDigests = slices.Clone(out[i].OtherDigests)
	}
	return out
}

// waitForChanges waits for a change, then until changes pause for debounce (or maxDelay has passed).
func waitForChanges(ctx context.Context, changed <-chan struct{}) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-changed:
	}
	quiet, limit := time.NewTimer(debounce), time.NewTimer(maxDelay)
	defer quiet.Stop()
	defer limit.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-changed:
			quiet.Reset(debounce)
		case <-quiet.C:
			return nil
		case <-limit.C:
			return nil
		}
	}
}
