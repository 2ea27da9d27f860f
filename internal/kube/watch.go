package kube

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sync"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/cache"
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
// onChange runs on Watch's goroutine: events that arrive meanwhile are gathered into the next call.
//
// Watch returns nil when ctx ends, and an error if the API server refuses to let it list or watch (RBAC):
// client-go would otherwise retry forever and the inventory would silently stay empty or stale.
func Watch(ctx context.Context, client kubernetes.Interface, cfg Config, onChange func([]Workload)) error {
	if err := cfg.validate(); err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	factory := informers.NewSharedInformerFactoryWithOptions(client, 0, // no resync: the events are enough
		informers.WithTransform(stripManagedFields))
	defer factory.Shutdown() // runs after cancel below: waits for the informers' goroutines to end
	defer cancel()

	listers := struct {
		namespaces   func() ([]snapshotItem, error)
		deployments  informerLister
		replicaSets  informerLister
		statefulSets informerLister
		daemonSets   informerLister
		cronJobs     informerLister
		jobs         informerLister
		pods         informerLister
	}{}
	_ = listers
	ns := factory.Core().V1().Namespaces()
	deploy := factory.Apps().V1().Deployments()
	rs := factory.Apps().V1().ReplicaSets()
	sts := factory.Apps().V1().StatefulSets()
	ds := factory.Apps().V1().DaemonSets()
	cj := factory.Batch().V1().CronJobs()
	job := factory.Batch().V1().Jobs()
	pod := factory.Core().V1().Pods()

	changed := make(chan struct{}, 1)
	notify := func() {
		select {
		case changed <- struct{}{}:
		default: // one pending signal is enough: the rebuild reads the caches as they are then
		}
	}
	var fatalOnce sync.Once
	var fatal error
	handlers := cache.ResourceEventHandlerFuncs{
		AddFunc:    func(any) { notify() },
		UpdateFunc: func(any, any) { notify() },
		DeleteFunc: func(any) { notify() },
	}
	for name, inf := range map[string]cache.SharedIndexInformer{
		"namespaces": ns.Informer(), "deployments": deploy.Informer(), "replicasets": rs.Informer(),
		"statefulsets": sts.Informer(), "daemonsets": ds.Informer(), "cronjobs": cj.Informer(), "jobs": job.Informer(),
		"pods": pod.Informer(),
	} {
		if _, err := inf.AddEventHandler(handlers); err != nil {
			return fmt.Errorf("watching %s: %w", name, err)
		}
		err := inf.SetWatchErrorHandlerWithContext(func(ctx context.Context, r *cache.Reflector, err error) {
			if apierrors.IsForbidden(err) || apierrors.IsUnauthorized(err) {
				fatalOnce.Do(func() { fatal = fmt.Errorf("watching %s: %w", name, err) })
				cancel()
				return
			}
			cache.DefaultWatchErrorHandler(ctx, r, err) // transient: client-go retries with backoff
		})
		if err != nil {
			return fmt.Errorf("watching %s: %w", name, err)
		}
	}

	factory.Start(ctx.Done())
	for typ, ok := range factory.WaitForCacheSync(ctx.Done()) {
		if !ok {
			return watchEnd(ctx, &fatalOnce, &fatal, fmt.Errorf("filling the %v cache", typ))
		}
	}

	snapshotNow := func() (*snapshot, error) {
		var s snapshot
		var err error
		all := labels.Everything()
		if s.namespaces, err = ns.Lister().List(all); err != nil {
			return nil, err
		}
		if s.deployments, err = deploy.Lister().List(all); err != nil {
			return nil, err
		}
		if s.replicaSets, err = rs.Lister().List(all); err != nil {
			return nil, err
		}
		if s.statefulSets, err = sts.Lister().List(all); err != nil {
			return nil, err
		}
		if s.daemonSets, err = ds.Lister().List(all); err != nil {
			return nil, err
		}
		if s.cronJobs, err = cj.Lister().List(all); err != nil {
			return nil, err
		}
		if s.jobs, err = job.Lister().List(all); err != nil {
			return nil, err
		}
		if s.pods, err = pod.Lister().List(all); err != nil {
			return nil, err
		}
		return &s, nil
	}

	res := newResolver(cfg.Resolve, resolveTTL, resolveErrTTL)
	var last []Workload
	first := true
	for {
		s, err := snapshotNow()
		if err != nil {
			return fmt.Errorf("reading the informer caches: %w", err)
		}
		rows := build(s, cfg)
		if err := res.fill(ctx, rows); err != nil {
			return watchEnd(ctx, &fatalOnce, &fatal, err)
		}
		if first || !reflect.DeepEqual(rows, last) {
			onChange(rows)
			last, first = rows, false
		}
		if err := waitForChanges(ctx, changed); err != nil {
			return watchEnd(ctx, &fatalOnce, &fatal, err)
		}
	}
}
