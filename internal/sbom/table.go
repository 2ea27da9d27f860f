package sbom

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// RenderTable writes the SBOM as a table a person reads: one package a line, with the layer that brought it in.
func RenderTable(w io.Writer, s *SBOM) error {
	distro := "unknown"
	if s.Distro != nil {
		distro = strings.TrimSpace(s.Distro.ID + " " + s.Distro.VersionID)
	}
	fmt.Fprintf(w, "%s  %s  %s  %d layers  %d packages\n\n", s.Source.Name, short(s.Source.ManifestDigest), distro, len(s.Layers), len(s.Packages))
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "TYPE\tNAME\tVERSION\tLAYER\tPATH")
	for _, p := range s.Packages {
		path := ""
		if len(p.Paths) > 0 {
			path = p.Paths[0]
		}
		v := p.Version
		if v == "" {
			v = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d %s\t%s\n", p.Type, p.Name, v, p.Layer.Index, short(p.Layer.DiffID), path)
	}
	return tw.Flush()
}

// short cuts a digest to the 12 hex digits people recognise.
func short(d string) string {
	if i := strings.IndexByte(d, ':'); i >= 0 && len(d) >= i+13 {
		return d[i+1 : i+13]
	}
	return d
}
