package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"github.com/patchbay/patchbay/internal/sbom"
)

func newSBOMCmd() *cobra.Command {
	var (
		flags  imageFlags
		output string
	)
	cmd := &cobra.Command{
		Use:   "sbom IMAGE",
		Short: "List every package in an image, with the layer that brought it in",
		Long: `List every package in an image: OS packages (deb, apk, rpm) and language packages (Maven jars
including fat and shaded jars, npm, Python, Go binaries), each with its PURL, its evidence path and the layer
(index and diff_id) that brought in this exact version.

Output formats: table (default), json (Patchbay's own model), cyclonedx (CycloneDX 1.6 JSON), spdx (SPDX 2.3
JSON). In CycloneDX every component carries the property patchbay:layer:diff_id.

` + imageSourcesHelp,
		Example: `  patchbay sbom debian:bookworm
  patchbay sbom oci:./layout:corpus.local/debian-base:v1 -o cyclonedx > bom.json
  patchbay sbom --platform linux/arm64 docker-archive:app.tar -o spdx`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			enc, err := sbomEncoder(output)
			if err != nil {
				return err
			}
			_, res, err := flags.analyzeImage(cmd.Context(), args[0], true)
			if err != nil {
				return err
			}
			return enc(cmd.OutOrStdout(), res.SBOM)
		},
	}
	flags.register(cmd)
	cmd.Flags().StringVarP(&output, "output", "o", "table", "output format: table, json, cyclonedx, spdx")
	return cmd
}

func sbomEncoder(format string) (func(io.Writer, *sbom.SBOM) error, error) {
	switch format {
	case "table":
		return sbom.RenderTable, nil
	case "json":
		return func(w io.Writer, s *sbom.SBOM) error {
			e := json.NewEncoder(w)
			e.SetIndent("", "  ")
			return e.Encode(s)
		}, nil
	case "cyclonedx":
		return func(w io.Writer, s *sbom.SBOM) error { return sbom.EncodeCycloneDX(w, s, documentTime()...) }, nil
	case "spdx":
		return func(w io.Writer, s *sbom.SBOM) error { return sbom.EncodeSPDX(w, s, documentTime()...) }, nil
	}
	return nil, fmt.Errorf("unknown output format %q: want table, json, cyclonedx or spdx", format)
}

// documentTime honours SOURCE_DATE_EPOCH (reproducible-builds.org), so that the same image gives the same SBOM
// byte for byte; otherwise documents carry the current time.
func documentTime() []sbom.EncodeOption {
	if v := os.Getenv("SOURCE_DATE_EPOCH"); v != "" {
		if sec, err := strconv.ParseInt(v, 10, 64); err == nil {
			return []sbom.EncodeOption{sbom.WithTime(time.Unix(sec, 0).UTC())}
		}
	}
	return nil
}
