package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"k8s.io/client-go/kubernetes"

	"github.com/patchbay/patchbay/internal/chart"
	"github.com/patchbay/patchbay/internal/fleet"
	"github.com/patchbay/patchbay/internal/image"
	"github.com/patchbay/patchbay/internal/kube"
	"github.com/patchbay/patchbay/internal/store"
)

// fleetSourceCmds are the commands that add clusters and charts.
func fleetSourceCmds(db *dbFlag) []*cobra.Command {
	return []*cobra.Command{newFleetAddClusterCmd(db), newFleetAddChartCmd(db)}
}

func newFleetAddClusterCmd(db *dbFlag) *cobra.Command {
	var c fleet.Cluster
	cmd := &cobra.Command{
		Use:   "add-cluster NAME",
		Short: "Add a Kubernetes cluster whose workloads belong to the fleet",
		Long: `Add a cluster: its kubeconfig (found as kubectl finds it when not given: $KUBECONFIG, ~/.kube/config, or
in-cluster), a context, and the environment each namespace belongs to, as 'NAMESPACE-GLOB=ENV,...' (first match
wins). Owners come from the workloads' labels or annotations (--owner-keys, by default owner, team,
app.kubernetes.io/owner, patchbay.dev/owner), then their namespace's.`,
		Example: "  patchbay fleet add-cluster prod-eu --kubeconfig ~/.kube/prod --context prod-eu --env 'prod-*=prod,staging=staging,qa=qa'",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			c.Name = args[0]
			if _, err := kube.ParseEnvRules(c.EnvRules); err != nil {
				return fmt.Errorf("--env: %w", err)
			}
			if c.Kubeconfig != "" {
				abs, err := filepath.Abs(c.Kubeconfig)
				if err != nil {
					return err
				}
				c.Kubeconfig = abs
			}
			s, err := openStore(cmd, db)
			if err != nil {
				return err
			}
			defer s.Close()
			return fleet.AddCluster(cmd.Context(), s, c)
		},
	}
	cmd.Flags().StringVar(&c.Kubeconfig, "kubeconfig", "", "kubeconfig file (default: as kubectl finds it)")
	cmd.Flags().StringVar(&c.Context, "context", "", "kubeconfig context (default: the current one)")
	cmd.Flags().StringVar(&c.EnvRules, "env", "", "environments by namespace: 'NAMESPACE-GLOB=ENV,...'")
	cmd.Flags().StringVar(&c.OwnerKeys, "owner-keys", "", "labels/annotations that name an owner, in order (default: owner,team,app.kubernetes.io/owner,patchbay.dev/owner)")
	return cmd
}

func newFleetAddChartCmd(db *dbFlag) *cobra.Command {
	var c fleet.Chart
	cmd := &cobra.Command{
		Use:   "add-chart PATH",
		Short: "Add a Helm chart, Kustomize directory or manifests whose images belong to the fleet",
		Long: `Add what a release would deploy, without a cluster: a Helm chart (directory or .tgz, rendered with the
Helm SDK and the values files given), a Kustomize directory, or a directory of plain manifests.`,
		Example: "  patchbay fleet add-chart ./charts/petclinic --values values-prod.yaml --env prod --release petclinic --namespace prod",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			abs, err := filepath.Abs(args[0])
			if err != nil {
				return err
			}
			c.Path = abs
			for i, v := range c.ValuesFiles {
				if c.ValuesFiles[i], err = filepath.Abs(v); err != nil {
					return err
				}
			}
			if _, err := renderChart(cmd.Context(), c); err != nil {
				return err
			}
			s, err := openStore(cmd, db)
			if err != nil {
				return err
			}
			defer s.Close()
			return fleet.AddChart(cmd.Context(), s, c)
		},
	}
	cmd.Flags().StringArrayVarP(&c.ValuesFiles, "values", "f", nil, "Helm values file (repeatable; later files win)")
	cmd.Flags().StringVar(&c.Environment, "env", "", "the environment this release runs in")
	cmd.Flags().StringVar(&c.Release, "release", "", "Helm release name (default: the chart's name)")
	cmd.Flags().StringVar(&c.Namespace, "namespace", "default", "namespace of the release")
	return cmd
}

func renderChart(ctx context.Context, c fleet.Chart) ([]chart.Image, error) {
	switch chart.Detect(c.Path) {
	case "helm":
		release := c.Release
		if release == "" {
			release = filepath.Base(c.Path)
		}
		return chart.RenderHelm(ctx, c.Path, chart.HelmOptions{Release: release, Namespace: c.Namespace, ValuesFiles: c.ValuesFiles})
	case "kustomize":
		return chart.RenderKustomize(ctx, c.Path)
	default:
		return chart.ReadManifests(ctx, c.Path)
	}
}

// connectCluster turns a stored cluster into the inventory's configuration and a client for it.
func connectCluster(s *store.DB, c fleet.Cluster, opt image.Options) (kube.Config, kubernetes.Interface, error) {
	rules, err := kube.ParseEnvRules(c.EnvRules)
	if err != nil {
		return kube.Config{}, nil, fmt.Errorf("cluster %s: %w", c.Name, err)
	}
	var keys []string
	for _, k := range strings.Split(c.OwnerKeys, ",") {
		if k = strings.TrimSpace(k); k != "" {
			keys = append(keys, k)
		}
	}
	cfg := kube.Config{Cluster: c.Name, Kubeconfig: c.Kubeconfig, Context: c.Context, EnvRules: rules, OwnerKeys: keys,
		Resolve: fleet.Resolver(s, opt)}
	client, err := kube.Connect(cfg)
	if err != nil {
		return cfg, nil, fmt.Errorf("cluster %s: %w", c.Name, err)
	}
	return cfg, client, nil
}

func workloadsFromKube(ws []kube.Workload) []fleet.Workload {
	var out []fleet.Workload
	for _, w := range ws {
		row := fleet.Workload{Source: w.Cluster, Namespace: w.Namespace, Kind: w.Kind, Name: w.Name, Container: w.Container,
			Init: w.Init, Image: w.Image, Digest: w.Digest, DigestSource: w.DigestSource, Environment: w.Environment, Owner: w.Owner}
		out = append(out, row)
		for _, d := range w.OtherDigests { // the old pods of a rollout run too
			other := row
			other.Digest, other.DigestSource = d, kube.SourceImageID
			out = append(out, other)
		}
	}
	return out
}

// syncSources reads every cluster and chart of the fleet into the workloads.
func syncSources(cmd *cobra.Command, s *store.DB, opt image.Options) error {
	ctx := cmd.Context()
	clusters, err := fleet.Clusters(ctx, s)
	if err != nil {
		return err
	}
	for _, c := range clusters {
		cfg, client, err := connectCluster(s, c, opt)
		if err != nil {
			return err
		}
		ws, err := kube.Inventory(ctx, client, cfg)
		if err != nil {
			return fmt.Errorf("cluster %s: %w", c.Name, err)
		}
		if err := fleet.ReplaceWorkloads(ctx, s, c.Name, workloadsFromKube(ws)); err != nil {
			return err
		}
		fmt.Fprintf(cmd.OutOrStdout(), "cluster %s: %d containers\n", c.Name, len(ws))
	}
	charts, err := fleet.Charts(ctx, s)
	if err != nil {
		return err
	}
	resolve := fleet.Resolver(s, opt)
	for _, c := range charts {
		imgs, err := renderChart(ctx, c)
		if err != nil {
			return err
		}
		var ws []fleet.Workload
		for _, i := range imgs {
			w := fleet.Workload{Source: "chart:" + c.Path, Namespace: i.Namespace, Kind: i.Kind, Name: i.Name, Container: i.Container,
				Init: i.Init, Image: i.Image, Environment: c.Environment}
			if d, err := resolve(ctx, i.Image); err == nil {
				w.Digest, w.DigestSource = d, kube.SourceResolved
			} else {
				fmt.Fprintf(cmd.ErrOrStderr(), "warning: chart %s: %v\n", c.Path, err)
			}
			ws = append(ws, w)
		}
		if err := fleet.ReplaceWorkloads(ctx, s, "chart:"+c.Path, ws); err != nil {
			return err
		}
		fmt.Fprintf(cmd.OutOrStdout(), "chart %s: %d containers\n", c.Path, len(ws))
	}
	return nil
}

// watchClusters keeps the clusters' workloads current from watch events until interrupted (main's context ends
// on Ctrl-C and SIGTERM).
func watchClusters(cmd *cobra.Command, s *store.DB, opt image.Options) error {
	ctx := cmd.Context()
	clusters, err := fleet.Clusters(ctx, s)
	if err != nil {
		return err
	}
	if len(clusters) == 0 {
		return fmt.Errorf("--watch: no cluster in the fleet (patchbay fleet add-cluster)")
	}
	errs := make(chan error, len(clusters))
	for _, c := range clusters {
		cfg, client, err := connectCluster(s, c, opt)
		if err != nil {
			return err
		}
		go func(c fleet.Cluster) {
			errs <- kube.Watch(ctx, client, cfg, func(ws []kube.Workload) {
				if err := fleet.ReplaceWorkloads(ctx, s, c.Name, workloadsFromKube(ws)); err != nil {
					fmt.Fprintf(cmd.ErrOrStderr(), "cluster %s: %v\n", c.Name, err)
					return
				}
				fmt.Fprintf(cmd.OutOrStdout(), "cluster %s: %d containers\n", c.Name, len(ws))
			})
		}(c)
	}
	for range clusters {
		if err := <-errs; err != nil {
			return err
		}
	}
	return nil
}
