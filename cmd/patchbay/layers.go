package main

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/patchbay/patchbay/internal/layers"
)

func newLayersCmd() *cobra.Command {
	var (
		flags  imageFlags
		output string
	)
	cmd := &cobra.Command{
		Use:   "layers IMAGE",
		Short: "Show each layer's size, changes and waste, and the image's efficiency as dive computes it",
		Long: `Show, per layer: the command that created it, its compressed and uncompressed size, the files it adds,
changes and removes, and the bytes it ships that later layers overwrite or delete. Then the image's efficiency
score and wasted space as dive computes them, and the hints a reviewer would give (package-manager caches left
in a layer, files deleted later that still ship, large duplicated files).

` + imageSourcesHelp,
		Example: `  patchbay layers oci:./layout:corpus.local/vets-frontend:1.0.0
  patchbay layers registry.example.com/team/app:1.2 -o json`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if output != "table" && output != "json" {
				return fmt.Errorf("unknown output format %q: want table or json", output)
			}
			img, res, err := flags.analyzeImage(cmd.Context(), args[0], false)
			if err != nil {
				return err
			}
			in := make([]layers.LayerInput, len(res.Layers))
			for i, r := range res.Layers {
				l := img.Layers[i]
				in[i] = layers.LayerInput{Index: i, DiffID: r.DiffID, Digest: l.Digest, CreatedBy: l.CreatedBy,
					CompressedSize: l.Size, Files: r.Files}
			}
			rep := layers.Analyze(in)
			if output == "json" {
				e := json.NewEncoder(cmd.OutOrStdout())
				e.SetIndent("", "  ")
				return e.Encode(rep)
			}
			layers.RenderTable(cmd.OutOrStdout(), rep)
			return nil
		},
	}
	flags.register(cmd)
	cmd.Flags().StringVarP(&output, "output", "o", "table", "output format: table or json")
	return cmd
}
