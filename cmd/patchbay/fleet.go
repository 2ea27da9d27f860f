package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/patchbay/patchbay/internal/fleet"
	"github.com/patchbay/patchbay/internal/store"
)

func newFleetCmd() *cobra.Command {
	var db dbFlag
	cmd := &cobra.Command{
		Use:   "fleet",
		Short: "Know the fleet: images in registries, workloads in clusters and charts, owners, lineage",
		Long: `The fleet is every image in the registries you add and every workload in the clusters and charts you add,
kept in the store: each image's SBOM (analysed once per digest; layers once for the whole fleet), its tag
history, its base image (found from its layers), its kind (still, base, application), hosting model (1 Ops
base, 2 project-owned, 3 third party) and owner, and its findings over time.`,
	}
	db.register(cmd)
	cmd.AddCommand(newFleetAddRegistryCmd(&db), newFleetSyncCmd(&db), newFleetRulesCmd(&db), newFleetOrphansCmd(&db))
	cmd.AddCommand(fleetSourceCmds(&db)...)
	return cmd
}

func openStore(cmd *cobra.Command, db *dbFlag) (*store.DB, error) {
	return store.Open(cmd.Context(), db.location)
}

func newFleetAddRegistryCmd(db *dbFlag) *cobra.Command {
	var r fleet.Registry
	cmd := &cobra.Command{
		Use:     "add-registry HOST",
		Short:   "Add a registry whose repositories belong to the fleet",
		Example: "  patchbay fleet add-registry registry.example.com --repo 'team-a/**'\n  patchbay fleet add-registry 127.0.0.1:5000 --insecure",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := openStore(cmd, db)
			if err != nil {
				return err
			}
			defer s.Close()
			r.Host = args[0]
			return fleet.AddRegistry(cmd.Context(), s, r)
		},
	}
	cmd.Flags().StringVar(&r.RepoPattern, "repo", "", "only repositories matching this glob ('team/*'; 'team/**' for every depth)")
	cmd.Flags().BoolVar(&r.Insecure, "insecure", false, "plain HTTP or unverified TLS")
	return cmd
}

func newFleetRulesCmd(db *dbFlag) *cobra.Command {
	return &cobra.Command{
		Use:   "rules FILE",
		Short: "Set the classification and owner rules (one 'PATTERN kind=… model=… owner=…' a line)",
		Long: `Rules say what the fleet cannot see by itself: which repositories are a third party's (still images,
hosting model 3), which are Ops' bases, who owns what. One rule a line, as in CODEOWNERS; the last matching
rule that sets a field wins:

  registry.example.com/ops/**          kind=base model=1 owner=platform-ops
  docker.io/library/*                  kind=still model=3
  registry.example.com/team-a/*        owner=team-a
  label:org.opencontainers.image.vendor=Acme   kind=still model=3`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			text, err := os.ReadFile(args[0])
			if err != nil {
				return err
			}
			if _, err := fleet.ParseRules(string(text)); err != nil {
				return fmt.Errorf("%s: %w", args[0], err)
			}
			s, err := openStore(cmd, db)
			if err != nil {
				return err
			}
			defer s.Close()
			if err := fleet.SetSetting(cmd.Context(), s, "rules", string(text)); err != nil {
				return err
			}
			rules, _ := fleet.StoredRules(cmd.Context(), s)
			return fleet.Classify(cmd.Context(), s, rules)
		},
	}
}

func newFleetSyncCmd(db *dbFlag) *cobra.Command {
	var (
		flags imageFlags
		watch bool
	)
	cmd := &cobra.Command{
		Use:   "sync",
		Short: "Read every registry, cluster and chart of the fleet; analyse new images; match",
		Long: `Walk each registry's catalog and tags (paginated, backing off on 429), resolve tags to digests and
analyse only digests not seen before; list every workload of every cluster and chart; then find each image's
base from its layers, classify, and match new images against the store's vulnerability data. With --watch,
keep the clusters' inventory current from watch events until interrupted.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := openStore(cmd, db)
			if err != nil {
				return err
			}
			defer s.Close()
			ctx := cmd.Context()
			a, err := flags.analyzer()
			if err != nil {
				return err
			}
			regs, err := fleet.Registries(ctx, s)
			if err != nil {
				return err
			}
			for _, r := range regs {
				st, err := fleet.SyncRegistry(ctx, s, a, r, flags.options())
				if err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "%s: %d repositories, %d tags, %d new images (%d layers read, %d from the cache), %d known\n",
					r.Host, st.Repositories, st.Tags, st.NewImages, st.LayersRead, st.LayersCached, st.KnownImages)
				for _, p := range st.Problems {
					fmt.Fprintln(cmd.ErrOrStderr(), "  problem:", p)
				}
			}
			if err := syncSources(cmd, s, flags.options()); err != nil {
				return err
			}
			if err := afterSync(cmd, s); err != nil {
				return err
			}
			if watch {
				return watchClusters(cmd, s, flags.options())
			}
			return nil
		},
	}
	flags.register(cmd)
	cmd.Flags().BoolVar(&watch, "watch", false, "keep the clusters' inventory current from watch events")
	return cmd
}

// afterSync finds lineage, classifies and re-matches.
func afterSync(cmd *cobra.Command, s *store.DB) error {
	ctx := cmd.Context()
	warnings, err := fleet.ComputeLineage(ctx, s)
	if err != nil {
		return err
	}
	for _, w := range warnings {
		fmt.Fprintln(cmd.ErrOrStderr(), "warning:", w)
	}
	rules, err := fleet.StoredRules(ctx, s)
	if err != nil {
		return err
	}
	if err := fleet.Classify(ctx, s, rules); err != nil {
		return err
	}
	st, err := fleet.Rematch(ctx, s, nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(cmd.OutOrStdout(), "matching: %d new findings, %d resolved, %d open\n", st.New, st.Resolved, st.Open)
	return s.Optimize(ctx)
}

func newFleetOrphansCmd(db *dbFlag) *cobra.Command {
	var output string
	cmd := &cobra.Command{
		Use:   "orphans",
		Short: "List images and workloads that nobody owns",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := openStore(cmd, db)
			if err != nil {
				return err
			}
			defer s.Close()
			orphans, err := fleet.Orphans(cmd.Context(), s)
			if err != nil {
				return err
			}
			if output == "json" {
				return writeJSON(cmd.OutOrStdout(), orphans)
			}
			tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "WHAT\tNAME\tIMAGE\tENVIRONMENT")
			for _, o := range orphans {
				if o.What == "image" {
					fmt.Fprintf(tw, "image\t%s\t%s\t\n", strings.Join(o.References, " "), o.Digest)
				} else {
					fmt.Fprintf(tw, "workload\t%s\t%s\t%s\n", o.Workload, o.Image, o.Environment)
				}
			}
			return tw.Flush()
		},
	}
	cmd.Flags().StringVarP(&output, "output", "o", "table", "output format: table or json")
	return cmd
}

func writeJSON(w io.Writer, v any) error {
	e := json.NewEncoder(w)
	e.SetIndent("", "  ")
	return e.Encode(v)
}
