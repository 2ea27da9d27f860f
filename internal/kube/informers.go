package kube

import (
	"context"
	"fmt"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/client-go/informers"
	appsinformers "k8s.io/client-go/informers/apps/v1"
	batchinformers "k8s.io/client-go/informers/batch/v1"
	coreinformers "k8s.io/client-go/informers/core/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/cache"
)

// informerSet holds one informer per resource build reads, all in every namespace.
type informerSet struct {
	factory      informers.SharedInformerFactory
	namespaces   coreinformers.NamespaceInformer
	pods         coreinformers.PodInformer
	deployments  appsinformers.DeploymentInformer
	replicaSets  appsinformers.ReplicaSetInformer
	statefulSets appsinformers.StatefulSetInformer
	daemonSets   appsinformers.DaemonSetInformer
	cronJobs     batchinformers.CronJobInformer
	jobs         batchinformers.JobInformer
}

// newInformers sets the informers up, calling onEvent on any add, update or delete, and refused when the API
// server refuses a list or watch (RBAC, expired credentials): client-go retries everything else itself.
func newInformers(client kubernetes.Interface, onEvent func(), refused func(error)) (*informerSet, error) {
	f := informers.NewSharedInformerFactoryWithOptions(client, 0, // no resync: the events are enough
		informers.WithTransform(stripManagedFields))
	s := &informerSet{
		factory:      f,
		namespaces:   f.Core().V1().Namespaces(),
		pods:         f.Core().V1().Pods(),
		deployments:  f.Apps().V1().Deployments(),
		replicaSets:  f.Apps().V1().ReplicaSets(),
		statefulSets: f.Apps().V1().StatefulSets(),
		daemonSets:   f.Apps().V1().DaemonSets(),
		cronJobs:     f.Batch().V1().CronJobs(),
		jobs:         f.Batch().V1().Jobs(),
	}
	handlers := cache.ResourceEventHandlerFuncs{
		AddFunc:    func(any) { onEvent() },
		UpdateFunc: func(any, any) { onEvent() },
		DeleteFunc: func(any) { onEvent() },
	}
	for name, inf := range map[string]cache.SharedIndexInformer{
		"namespaces": s.namespaces.Informer(), "pods": s.pods.Informer(),
		"deployments": s.deployments.Informer(), "replicasets": s.replicaSets.Informer(),
		"statefulsets": s.statefulSets.Informer(), "daemonsets": s.daemonSets.Informer(),
		"cronjobs": s.cronJobs.Informer(), "jobs": s.jobs.Informer(),
	} {
		if _, err := inf.AddEventHandler(handlers); err != nil {
			return nil, fmt.Errorf("watching %s: %w", name, err)
		}
		err := inf.SetWatchErrorHandlerWithContext(func(ctx context.Context, r *cache.Reflector, err error) {
			if apierrors.IsForbidden(err) || apierrors.IsUnauthorized(err) {
				refused(fmt.Errorf("watching %s: %w", name, err))
				return
			}
			cache.DefaultWatchErrorHandler(ctx, r, err)
		})
		if err != nil {
			return nil, fmt.Errorf("watching %s: %w", name, err)
		}
	}
	return s, nil
}

// start runs the informers until ctx ends and waits for their caches to fill.
func (s *informerSet) start(ctx context.Context) error {
	s.factory.Start(ctx.Done())
	for typ, ok := range s.factory.WaitForCacheSync(ctx.Done()) {
		if !ok {
			return fmt.Errorf("filling the informer cache of %v: %w", typ, context.Cause(ctx))
		}
	}
	return nil
}

// stop waits for the informers' goroutines, once the ctx given to start has ended.
func (s *informerSet) stop() { s.factory.Shutdown() }

// snapshot reads the caches as they are now. Listers hand out the cached objects themselves: build only reads
// them.
func (s *informerSet) snapshot() (*snapshot, error) {
	var snap snapshot
	var err error
	all := labels.Everything()
	if snap.namespaces, err = s.namespaces.Lister().List(all); err != nil {
		return nil, fmt.Errorf("namespaces from the informer cache: %w", err)
	}
	if snap.pods, err = s.pods.Lister().List(all); err != nil {
		return nil, fmt.Errorf("pods from the informer cache: %w", err)
	}
	if snap.deployments, err = s.deployments.Lister().List(all); err != nil {
		return nil, fmt.Errorf("deployments from the informer cache: %w", err)
	}
	if snap.replicaSets, err = s.replicaSets.Lister().List(all); err != nil {
		return nil, fmt.Errorf("replicasets from the informer cache: %w", err)
	}
	if snap.statefulSets, err = s.statefulSets.Lister().List(all); err != nil {
		return nil, fmt.Errorf("statefulsets from the informer cache: %w", err)
	}
	if snap.daemonSets, err = s.daemonSets.Lister().List(all); err != nil {
		return nil, fmt.Errorf("daemonsets from the informer cache: %w", err)
	}
	if snap.cronJobs, err = s.cronJobs.Lister().List(all); err != nil {
		return nil, fmt.Errorf("cronjobs from the informer cache: %w", err)
	}
	if snap.jobs, err = s.jobs.Lister().List(all); err != nil {
		return nil, fmt.Errorf("jobs from the informer cache: %w", err)
	}
	return &snap, nil
}

// stripManagedFields drops metadata.managedFields before an object enters the cache: server-side apply's
// bookkeeping is often the largest part of an object, and Watch keeps every pod of the cluster in memory.
func stripManagedFields(obj any) (any, error) {
	if m, err := meta.Accessor(obj); err == nil {
		m.SetManagedFields(nil)
	}
	return obj, nil
}
