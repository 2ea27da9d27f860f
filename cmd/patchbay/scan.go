package main

import (
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/patchbay/patchbay/internal/image"
	"github.com/patchbay/patchbay/internal/match"
	"github.com/patchbay/patchbay/internal/report"
	"github.com/patchbay/patchbay/internal/severity"
	"github.com/patchbay/patchbay/internal/store"
)

func newScanCmd() *cobra.Command {
	var (
		flags         imageFlags
		db            dbFlag
		output        string
		failOn        string
		ignoreUnfixed bool
		baseRef       string
	)
	cmd := &cobra.Command{
		Use:   "scan IMAGE",
		Short: "Find the known vulnerabilities of an image's packages, and who must fix each",
		Long: `Match every package of an image against the OSV records in the store ('patchbay db update' or
'db import' fills it). Each finding names the package, the installed and fixed versions, the layer that brought
the package in, and whether that layer belongs to the base image (its owner, Ops in hosting model 1, must act)
or to the application (the project must act). The base image comes from --base, or from the image's OCI
annotations org.opencontainers.image.base.name/digest.

Language packages installed by an OS package are matched through the OS package (distributions backport
fixes); OS packages through their source package in the image's release (e.g. Debian:12).

Output formats: table (default, grouped by severity), json, sarif (SARIF 2.1.0 for code scanning),
cyclonedx (CycloneDX 1.6 with vulnerabilities). Exit codes: 0 no finding at or above --fail-on, 1 one was
found, 2 error.

` + imageSourcesHelp,
		Example: `  patchbay scan registry.example.com/team/app:1.4.2
  patchbay scan --fail-on high --ignore-unfixed oci:./layout:app:1.0
  patchbay scan -o sarif app.tar > results.sarif`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var gate severity.Rating
			if failOn != "" {
				var err error
				if gate, err = severity.ParseRating(failOn); err != nil {
					return fmt.Errorf("--fail-on: %w", err)
				}
			}
			enc, err := scanEncoder(output)
			if err != nil {
				return err
			}
			s, err := store.Open(cmd.Context(), db.location)
			if err != nil {
				return err
			}
			defer s.Close()
			img, res, err := flags.analyzeImage(cmd.Context(), args[0], true)
			if err != nil {
				return err
			}
			base, err := image.FindBase(cmd.Context(), img, baseRef, flags.options())
			if err != nil {
				if baseRef != "" {
					return err
				}
				fmt.Fprintf(os.Stderr, "warning: %v\n", err)
			}
			rep, err := match.Match(cmd.Context(), s, res.SBOM, toMatchBase(base))
			if err != nil {
				return err
			}
			if ignoreUnfixed {
				rep.Findings = fixedOnly(rep.Findings)
			}
			for _, w := range rep.Warnings {
				if !flags.quiet {
					fmt.Fprintf(os.Stderr, "warning: %s\n", w)
				}
			}
			if err := enc(cmd.OutOrStdout(), res, rep); err != nil {
				return err
			}
			if gate != "" {
				if n := countAtLeast(rep.Findings, gate); n > 0 {
					return &gateError{msg: fmt.Sprintf("%d finding(s) at or above %s", n, gate)}
				}
			}
			return nil
		},
	}
	flags.register(cmd)
	db.register(cmd)
	cmd.Flags().StringVarP(&output, "output", "o", "table", "output format: table, json, sarif, cyclonedx")
	cmd.Flags().StringVar(&failOn, "fail-on", "", "exit 1 when a finding is at or above this severity: low, medium, high, critical")
	cmd.Flags().BoolVar(&ignoreUnfixed, "ignore-unfixed", false, "leave out findings that have no fixed version yet")
	cmd.Flags().StringVar(&baseRef, "base", "", "the image's base image, to tell base-layer findings (Ops) from application ones")
	return cmd
}

type scanEncodeFunc func(io.Writer, *analyzeResult, *match.Report) error

func scanEncoder(format string) (scanEncodeFunc, error) {
	switch format {
	case "table":
		return func(w io.Writer, _ *analyzeResult, r *match.Report) error { return report.RenderTable(w, r) }, nil
	case "json":
		return func(w io.Writer, _ *analyzeResult, r *match.Report) error { return report.EncodeJSON(w, r) }, nil
	case "sarif":
		return func(w io.Writer, _ *analyzeResult, r *match.Report) error { return report.EncodeSARIF(w, r, version) }, nil
	case "cyclonedx":
		return func(w io.Writer, a *analyzeResult, r *match.Report) error {
			return report.EncodeCycloneDX(w, a.SBOM, r, documentTime()...)
		}, nil
	}
	return nil, fmt.Errorf("unknown output format %q: want table, json, sarif or cyclonedx", format)
}

func toMatchBase(b *image.Base) *match.Base {
	if b == nil {
		return nil
	}
	return &match.Base{Name: b.Name, Digest: b.Digest, Layers: b.Layers, Source: b.Source}
}

func fixedOnly(fs []match.Finding) []match.Finding {
	out := fs[:0]
	for _, f := range fs {
		if len(f.FixedVersions) > 0 {
			out = append(out, f)
		}
	}
	return out
}

func countAtLeast(fs []match.Finding, min severity.Rating) int {
	n := 0
	for _, f := range fs {
		if f.Severity.Rating.AtLeast(min) {
			n++
		}
	}
	return n
}
