package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/patchbay/patchbay/internal/fleet"
)

func newLineageCmd() *cobra.Command {
	var (
		db     dbFlag
		output string
	)
	cmd := &cobra.Command{
		Use:   "lineage IMAGE",
		Short: "Show an image's bases up and the images built on it down",
		Long: `Print the lineage the fleet found from the layers: the image's base, the base's base, and every image
built on it, with how far behind its base each one is. IMAGE is a reference the last sync saw (host/repo:tag)
or a digest.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := openStore(cmd, &db)
			if err != nil {
				return err
			}
			defer s.Close()
			d, err := fleet.ResolveRef(cmd.Context(), s, args[0])
			if err != nil {
				return err
			}
			l, err := fleet.LineageOf(cmd.Context(), s, d)
			if err != nil {
				return fmt.Errorf("%s: %w", args[0], err)
			}
			if output == "json" {
				return writeJSON(cmd.OutOrStdout(), l)
			}
			w := cmd.OutOrStdout()
			for i := len(l.Ancestors) - 1; i >= 0; i-- {
				fmt.Fprintf(w, "%s%s\n", strings.Repeat("  ", len(l.Ancestors)-1-i), describe(l.Ancestors[i]))
			}
			printTree(w, l.Image, len(l.Ancestors), true)
			return nil
		},
	}
	db.register(cmd)
	cmd.Flags().StringVarP(&output, "output", "o", "table", "output format: table or json")
	return cmd
}

func describe(n *fleet.Node) string {
	name := n.Digest[:min(len(n.Digest), 19)]
	if len(n.References) > 0 {
		name = strings.Join(n.References, ", ")
	}
	s := fmt.Sprintf("%s  [%s", name, n.Kind)
	if n.Owner != "" {
		s += ", owner " + n.Owner
	}
	if n.Behind > 0 {
		s += fmt.Sprintf(", base %d behind", n.Behind)
	}
	return s + "]"
}

func printTree(w io.Writer, n *fleet.Node, depth int, self bool) {
	mark := ""
	if self {
		mark = " <"
	}
	fmt.Fprintf(w, "%s%s%s\n", strings.Repeat("  ", depth), describe(n), mark)
	for _, c := range n.Children {
		printTree(w, c, depth+1, false)
	}
}
