package main

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/patchbay/patchbay/internal/impact"
)

func newImpactCmd() *cobra.Command {
	var (
		db     dbFlag
		output string
	)
	cmd := &cobra.Command{
		Use:   "impact VULN-ID",
		Short: "Which images and running workloads a vulnerability hits, who owns them, who must act, how to fix",
		Long: `Given any ID of a vulnerability (CVE, GHSA, DSA/DLA, GO-, PYSEC-, an OSV record ID), list every fleet
image that has it (directly or through its base), every workload running each image grouped by environment
with prod first, the owners, who must act (ops when the vulnerable package lies in the base image's layers,
the project when in its own), and the fix path: rebase onto a newer base that no longer has it, rebuild with a
fixed package version, or triage when no fix exists. -o json is a stable contract (see internal/impact).`,
		Example: "  patchbay impact CVE-2024-45490\n  patchbay impact GHSA-jf85-cpcp-j695 -o json",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if output != "table" && output != "json" {
				return fmt.Errorf("unknown output format %q: want table or json", output)
			}
			s, err := openStore(cmd, &db)
			if err != nil {
				return err
			}
			defer s.Close()
			res, err := impact.Query(cmd.Context(), s, args[0])
			if err != nil {
				return err
			}
			if output == "json" {
				return writeJSON(cmd.OutOrStdout(), res)
			}
			w := cmd.OutOrStdout()
			v := res.Vulnerability
			fmt.Fprintf(w, "%s  %s %.1f  %s\n", v.ID, v.Severity.Rating, v.Severity.Score, v.Summary)
			if len(v.Aliases) > 0 {
				fmt.Fprintf(w, "also: %s\n", strings.Join(v.Aliases, ", "))
			}
			fmt.Fprintf(w, "%d image(s) affected\n\n", len(res.Images))
			for _, img := range res.Images {
				name := img.Digest
				if len(img.References) > 0 {
					name = strings.Join(img.References, ", ")
				}
				owner := img.Owner
				if owner == "" {
					owner = "NO OWNER"
				}
				fmt.Fprintf(w, "%s  [%s, model %d, owner %s]  act: %s  fix: %s %s\n", name, img.Kind, img.HostingModel, owner, img.Actor, img.Fix.Action, img.Fix.Target)
				for _, p := range img.Packages {
					fmt.Fprintf(w, "    %s %s %s (layer %d, %s)\n", p.Type, p.Name, p.Version, p.Layer, p.Origin)
				}
				tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
				for _, wl := range img.Workloads {
					fmt.Fprintf(tw, "    %s\t%s/%s\t%s/%s\t%s\towner %s\n", wl.Environment, wl.Cluster, wl.Namespace, wl.Kind, wl.Name, wl.Container, wl.Owner)
				}
				tw.Flush()
			}
			return nil
		},
	}
	db.register(cmd)
	cmd.Flags().StringVarP(&output, "output", "o", "table", "output format: table or json")
	return cmd
}
