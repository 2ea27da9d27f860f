package kube

import (
	"context"
	"fmt"

	"golang.org/x/sync/errgroup"
	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/client-go/kubernetes"
)

// Inventory lists the cluster's workloads once: one row per container, sorted by namespace, kind and name. It
// needs get/list on namespaces, pods, jobs, cronjobs, deployments, replicasets, statefulsets and daemonsets
// in every namespace. The eight lists are not one atomic read: an object changing meanwhile may be seen
// before or after the change; Watch keeps the picture current.
func Inventory(ctx context.Context, client kubernetes.Interface, cfg Config) ([]Workload, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	s, err := list(ctx, client)
	if err != nil {
		return nil, err
	}
	rows := build(s, cfg)
	if err := newResolver(cfg.Resolve, 0, 0).fill(ctx, rows); err != nil {
		return nil, fmt.Errorf("inventory of cluster %q: %w", cfg.Cluster, err)
	}
	return rows, nil
}

// list reads everything build needs, the eight lists at once.
func list(ctx context.Context, c kubernetes.Interface) (*snapshot, error) {
	s := &snapshot{}
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() (err error) {
		s.namespaces, err = listAll(ctx, "namespaces", c.CoreV1().Namespaces().List, func(l *corev1.NamespaceList) []corev1.Namespace { return l.Items })
		return err
	})
	g.Go(func() (err error) {
		s.pods, err = listAll(ctx, "pods", c.CoreV1().Pods("").List, func(l *corev1.PodList) []corev1.Pod { return l.Items })
		return err
	})
	g.Go(func() (err error) {
		s.deployments, err = listAll(ctx, "deployments", c.AppsV1().Deployments("").List, func(l *appsv1.DeploymentList) []appsv1.Deployment { return l.Items })
		return err
	})
	g.Go(func() (err error) {
		s.replicaSets, err = listAll(ctx, "replicasets", c.AppsV1().ReplicaSets("").List, func(l *appsv1.ReplicaSetList) []appsv1.ReplicaSet { return l.Items })
		return err
	})
	g.Go(func() (err error) {
		s.statefulSets, err = listAll(ctx, "statefulsets", c.AppsV1().StatefulSets("").List, func(l *appsv1.StatefulSetList) []appsv1.StatefulSet { return l.Items })
		return err
	})
	g.Go(func() (err error) {
		s.daemonSets, err = listAll(ctx, "daemonsets", c.AppsV1().DaemonSets("").List, func(l *appsv1.DaemonSetList) []appsv1.DaemonSet { return l.Items })
		return err
	})
	g.Go(func() (err error) {
		s.cronJobs, err = listAll(ctx, "cronjobs", c.BatchV1().CronJobs("").List, func(l *batchv1.CronJobList) []batchv1.CronJob { return l.Items })
		return err
	})
	g.Go(func() (err error) {
		s.jobs, err = listAll(ctx, "jobs", c.BatchV1().Jobs("").List, func(l *batchv1.JobList) []batchv1.Job { return l.Items })
		return err
	})
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return s, nil
}

// pageSize is how many objects one list request asks for, as kubectl does: a cluster of many thousand pods is
// then not one response the API server has to build in memory.
const pageSize = 500

// listAll lists one resource in every namespace, page by page. If the snapshot the pages come from expires
// before the last one (etcd compacted it), it reads the whole list in one request instead, as client-go's
// pager does (whose merged result is untyped, hence this typed loop).
func listAll[L interface {
	runtime.Object
	GetContinue() string
}, T any](ctx context.Context, what string, list func(context.Context, metav1.ListOptions) (L, error), items func(L) []T) ([]*T, error) {
	var out []*T
	opts := metav1.ListOptions{Limit: pageSize}
	for {
		l, err := list(ctx, opts)
		if apierrors.IsResourceExpired(err) && opts.Continue != "" {
			out, opts = nil, metav1.ListOptions{}
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("listing %s: %w", what, err)
		}
		page := items(l)
		for i := range page {
			out = append(out, &page[i])
		}
		if l.GetContinue() == "" {
			return out, nil
		}
		opts.Continue = l.GetContinue()
	}
}
