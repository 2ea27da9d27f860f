package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/patchbay/patchbay/internal/fleet"
	"github.com/patchbay/patchbay/internal/store"
	"github.com/patchbay/patchbay/internal/vulndb"
)

// dbFlag is the store location every command that uses the store takes.
type dbFlag struct{ location string }

func (d *dbFlag) register(cmd *cobra.Command) {
	cmd.PersistentFlags().StringVar(&d.location, "db", "", "store: a SQLite file or a postgres:// URL (default $PATCHBAY_DB, else ~/.local/share/patchbay/patchbay.db)")
}

func newDBCmd() *cobra.Command {
	var db dbFlag
	cmd := &cobra.Command{
		Use:   "db",
		Short: "Manage the vulnerability data (OSV) in the store",
		Long: `Patchbay keeps OSV vulnerability records in its store: SQLite embedded by default, PostgreSQL when
--db (or PATCHBAY_DB) is a postgres:// URL. Import them from files, directories and OSV's all.zip archives, or
fetch those archives over HTTP(S) with 'db update'. Updates are incremental: a record is written only when it is
new or its 'modified' time is newer; withdrawn records are kept and never matched.`,
	}
	db.register(cmd)
	cmd.AddCommand(newDBImportCmd(&db), newDBUpdateCmd(&db), newDBStatusCmd(&db))
	return cmd
}

func newDBImportCmd(db *dbFlag) *cobra.Command {
	return &cobra.Command{
		Use:     "import PATH...",
		Short:   "Import OSV records from JSON files, directories of them, or all.zip archives",
		Example: "  patchbay db import ./osv/debian ./Go-all.zip GHSA-xxxx.json",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := store.Open(cmd.Context(), db.location)
			if err != nil {
				return err
			}
			defer s.Close()
			start := time.Now()
			st, err := vulndb.Import(cmd.Context(), s, args)
			printImportStats(cmd, "import", st, time.Since(start))
			for _, p := range st.Problems {
				fmt.Fprintln(cmd.ErrOrStderr(), "  ", p)
			}
			if rerr := rematchFleet(cmd, s, st.Changed); rerr != nil {
				return rerr
			}
			return err
		},
	}
}

func printImportStats(cmd *cobra.Command, what string, st vulndb.ImportStats, took time.Duration) {
	fmt.Fprintf(cmd.OutOrStdout(), "%s: %d records read: %d added, %d updated, %d unchanged, %d withdrawn, %d failed (%.1fs)\n",
		what, st.Read, st.Added, st.Updated, st.Unchanged, st.Withdrawn, st.Failed, took.Seconds())
}

func newDBUpdateCmd(db *dbFlag) *cobra.Command {
	var (
		baseURL    string
		ecosystems []string
		sources    []string
	)
	cmd := &cobra.Command{
		Use:   "update",
		Short: "Fetch OSV's per-ecosystem archives and import what is new",
		Long: `Fetch each ecosystem's all.zip (OSV's public archives by default, or a mirror with --base-url, or any URL
per ecosystem with --source) and import the records that are new or newer. A server that answers 304 Not
Modified to the last ETag costs nothing.`,
		Example: `  patchbay db update
  patchbay db update --ecosystem Debian --ecosystem npm
  patchbay db update --base-url https://mirror.example.com/osv
  patchbay db update --source Debian=https://mirror.example.com/osv/Debian/all.zip`,
		RunE: func(cmd *cobra.Command, args []string) error {
			srcs := vulndb.SourcesFor(baseURL, ecosystems)
			for _, s := range sources {
				eco, url, ok := strings.Cut(s, "=")
				if !ok || eco == "" || url == "" {
					return fmt.Errorf("--source %q: want ECOSYSTEM=URL", s)
				}
				srcs = replaceSource(srcs, vulndb.Source{Ecosystem: eco, URL: url})
			}
			s, err := store.Open(cmd.Context(), db.location)
			if err != nil {
				return err
			}
			defer s.Close()
			start := time.Now()
			results, err := vulndb.Update(cmd.Context(), s, &http.Client{Timeout: 30 * time.Minute}, srcs)
			var changed []string
			for _, r := range results {
				if r.NotModified {
					fmt.Fprintf(cmd.OutOrStdout(), "%s: not modified since the last update\n", r.Ecosystem)
					continue
				}
				printImportStats(cmd, r.Ecosystem, r.Stats, time.Since(start))
				changed = append(changed, r.Stats.Changed...)
			}
			if rerr := rematchFleet(cmd, s, changed); rerr != nil {
				return rerr
			}
			return err
		},
	}
	cmd.Flags().StringVar(&baseURL, "base-url", vulndb.DefaultBaseURL, "where the per-ecosystem archives are: BASE/ECOSYSTEM/all.zip")
	cmd.Flags().StringSliceVar(&ecosystems, "ecosystem", vulndb.DefaultEcosystems, "ecosystems to update")
	cmd.Flags().StringArrayVar(&sources, "source", nil, "ECOSYSTEM=URL of an archive, replacing the default for that ecosystem (repeatable)")
	return cmd
}

func replaceSource(srcs []vulndb.Source, s vulndb.Source) []vulndb.Source {
	for i := range srcs {
		if srcs[i].Ecosystem == s.Ecosystem {
			srcs[i] = s
			return srcs
		}
	}
	return append(srcs, s)
}

func newDBStatusCmd(db *dbFlag) *cobra.Command {
	var output string
	cmd := &cobra.Command{
		Use:   "status",
		Short: "Show the records per ecosystem, the last update and the schema version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := store.Open(cmd.Context(), db.location)
			if err != nil {
				return err
			}
			defer s.Close()
			st, err := vulndb.GetStatus(cmd.Context(), s)
			if err != nil {
				return err
			}
			switch output {
			case "json":
				e := json.NewEncoder(cmd.OutOrStdout())
				e.SetIndent("", "  ")
				return e.Encode(st)
			case "table":
			default:
				return fmt.Errorf("unknown output format %q: want table or json", output)
			}
			w := cmd.OutOrStdout()
			fmt.Fprintf(w, "store:   %s (schema version %d)\nrecords: %d (%d withdrawn)\n\n", st.Location, st.SchemaVersion, st.Records, st.Withdrawn)
			tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ECOSYSTEM\tRECORDS\tLAST UPDATE\tSOURCE")
			for _, e := range st.Ecosystems {
				last, src := e.LastUpdate, e.Source
				if last == "" {
					last, src = "-", "(imported)"
				}
				fmt.Fprintf(tw, "%s\t%d\t%s\t%s\n", e.Ecosystem, e.Records, last, src)
			}
			return tw.Flush()
		},
	}
	cmd.Flags().StringVarP(&output, "output", "o", "table", "output format: table or json")
	return cmd
}

// rematchFleet matches the fleet's stored packages against the records an import added or changed, so that new
// findings appear (and their patch clock starts) without reading any image again.
func rematchFleet(cmd *cobra.Command, s *store.DB, changed []string) error {
	if len(changed) == 0 {
		return nil
	}
	has, err := fleet.HasImages(cmd.Context(), s)
	if err != nil || !has {
		return err
	}
	st, err := fleet.Rematch(cmd.Context(), s, changed)
	if err != nil {
		return fmt.Errorf("re-matching the fleet: %w", err)
	}
	fmt.Fprintf(cmd.OutOrStdout(), "fleet: %d new findings, %d resolved\n", st.New, st.Resolved)
	return nil
}
