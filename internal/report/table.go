package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/patchbay/patchbay/internal/match"
	"github.com/patchbay/patchbay/internal/severity"
)

// RenderTable writes r for a person: a header naming the image (name, digest, distribution, base image) with
// the count of findings by severity, then the findings grouped by severity, worst first, one line each with
// what to do about it (the fixed version) and whose job it is (the layer's origin).
func RenderTable(w io.Writer, r *match.Report) error {
	if r == nil {
		return errNilReport
	}
	ew := &errWriter{w: w}
	writeTableHeader(ew, r)
	if len(r.Findings) == 0 {
		fmt.Fprintln(ew, "\nNo vulnerabilities found.")
	} else {
		groups := findingsByRating(r.Findings)
		for _, rating := range displayOrder {
			if fs := groups[rating]; len(fs) > 0 {
				writeTableGroup(ew, rating, fs)
			}
		}
	}
	writeTableWarnings(ew, r.Warnings)
	if ew.err != nil {
		return fmt.Errorf("writing the findings table: %w", ew.err)
	}
	return nil
}

func writeTableHeader(w io.Writer, r *match.Report) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "Image:\t%s\n", orDash(imageName(r)))
	fmt.Fprintf(tw, "Digest:\t%s\n", orDash(shortDigest(r.Source.ManifestDigest)))
	fmt.Fprintf(tw, "Distro:\t%s\n", distroText(r))
	fmt.Fprintf(tw, "Base image:\t%s\n", baseText(r.Base))
	fmt.Fprintf(tw, "Packages:\t%d matched, %d not matched\n", r.Packages, r.Unmatched)
	fmt.Fprintf(tw, "Findings:\t%s\n", countsText(r.Findings))
	tw.Flush()
}

// writeTableGroup writes one severity's heading and its findings, in the report's order. Each group has its own
// column heading: a table per group stays aligned however wide another group's columns are.
func writeTableGroup(w io.Writer, rating severity.Rating, fs []match.Finding) {
	fmt.Fprintf(w, "\n%s (%d)\n", rating, len(fs))
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tPACKAGE\tINSTALLED\tFIXED\tORIGIN\tPATH")
	for _, f := range fs {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s L%d\t%s\n",
			f.ID, f.Package.Name, orDash(f.Package.Version), fixOrNone(f),
			originShort(f.Origin), f.Package.Layer.Index, shortPath(f.Package.Path))
	}
	tw.Flush()
}

func writeTableWarnings(w io.Writer, warnings []string) {
	if len(warnings) == 0 {
		return
	}
	fmt.Fprintf(w, "\nWarnings (%d):\n", len(warnings))
	for _, warning := range warnings {
		fmt.Fprintf(w, "  %s\n", warning)
	}
}

// findingsByRating sorts the findings into their severity groups, keeping the report's order within a group.
func findingsByRating(fs []match.Finding) map[severity.Rating][]match.Finding {
	groups := make(map[severity.Rating][]match.Finding)
	for _, f := range fs {
		r := ratingOf(f.Severity)
		groups[r] = append(groups[r], f)
	}
	return groups
}

// countsText is "7 (CRITICAL 2, HIGH 1, MEDIUM 1, LOW 1, UNKNOWN 2)": every usual severity, even at 0, so that
// the line reads the same from one scan to the next; NONE only when some finding has it.
func countsText(fs []match.Finding) string {
	groups := findingsByRating(fs)
	var parts []string
	for _, r := range displayOrder {
		if r == severity.None && len(groups[r]) == 0 {
			continue
		}
		parts = append(parts, string(r)+" "+strconv.Itoa(len(groups[r])))
	}
	return fmt.Sprintf("%d (%s)", len(fs), strings.Join(parts, ", "))
}

func distroText(r *match.Report) string {
	d := r.Distro
	if d == nil {
		return "unknown"
	}
	text := strings.TrimSpace(d.ID + " " + d.VersionID)
	if d.VersionCodename != "" {
		text += " (" + d.VersionCodename + ")"
	}
	return orDash(text)
}

func baseText(b *match.Base) string {
	if b == nil {
		return "base image unknown"
	}
	name := b.Name
	if name == "" {
		name = shortDigest(b.Digest)
	}
	if name == "" {
		name = "unnamed"
	}
	layers := "layers"
	if b.Layers == 1 {
		layers = "layer"
	}
	return fmt.Sprintf("%s (bottom %d %s)", name, b.Layers, layers)
}

// shortDigest cuts "sha256:<64 hex>" to the 12 hex digits people recognise (as docker does).
func shortDigest(d string) string {
	hex := d[strings.IndexByte(d, ':')+1:]
	if len(hex) > 12 {
		return hex[:12]
	}
	return hex
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
