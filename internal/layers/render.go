package layers

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"unicode/utf8"
)

// renderedInefficiencies is how many inefficient paths the table shows (the JSON has them all).
const renderedInefficiencies = 10

// createdByWidth is where the table cuts a layer's history line.
const createdByWidth = 60

// RenderTable writes the report as plain-text tables, as dive's summary reads: the layers, the image
// figures, the most wasteful paths, then the hints. It returns the first write error.
func RenderTable(w io.Writer, r Report) error {
	t := &table{tw: tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)}
	t.row("LAYER", "SIZE", "COMPRESSED", "ENTRIES", "ADDED", "CHANGED", "REMOVED", "WASTED", "CREATED BY")
	for _, l := range r.Layers {
		t.row(fmt.Sprint(l.Index), humanBytes(l.UncompressedSize), humanBytes(l.CompressedSize),
			fmt.Sprint(l.Entries), fmt.Sprint(l.FilesAdded), fmt.Sprint(l.FilesChanged), fmt.Sprint(l.FilesRemoved),
			humanBytes(l.WastedBytes), shortCreatedBy(l.CreatedBy))
	}
	t.section()

	t.row("Total layer bytes:", humanBytes(r.TotalBytes))
	t.row("Final view bytes:", humanBytes(r.ImageBytes))
	t.row("Efficiency score:", fmt.Sprintf("%.2f %%", r.Efficiency*100))
	t.row("Potential wasted space:", humanBytes(r.WastedBytes))
	t.row("User wasted:", fmt.Sprintf("%.2f %% of %s added after the first layer", r.UserWastedRatio*100, humanBytes(r.UserBytes)))
	t.section()

	if len(r.Inefficiencies) > 0 {
		shown := r.Inefficiencies[:min(len(r.Inefficiencies), renderedInefficiencies)]
		t.line(fmt.Sprintf("Inefficient paths (%d of %d, largest first):", len(shown), len(r.Inefficiencies)))
		t.row("COUNT", "TOTAL SPACE", "PATH")
		for _, in := range shown {
			t.row(fmt.Sprint(in.Count), humanBytes(in.CumulativeBytes), in.Path)
		}
		t.section()
	}

	if len(r.Hints) > 0 {
		t.line("Hints (largest first):")
		t.row("LAYER", "KIND", "SIZE", "PATH", "MESSAGE")
		for _, h := range r.Hints {
			t.row(fmt.Sprint(h.Layer), h.Kind, humanBytes(h.Bytes), h.Path, h.Message)
		}
		for _, o := range r.HintsOmitted {
			t.line(fmt.Sprintf("(and %d more %s hints, %s)", o.Count, o.Kind, humanBytes(o.Bytes)))
		}
		t.section()
	}
	return t.err
}

// table writes tab-separated rows through a tabwriter, remembering the first error so the rendering code
// reads straight.
type table struct {
	tw  *tabwriter.Writer
	err error
}

func (t *table) row(cells ...string) {
	for i, c := range cells {
		cells[i] = flatten(c)
	}
	t.line(strings.Join(cells, "\t"))
}

// line writes a line that is not part of the columns (tabwriter passes lines without tabs through).
func (t *table) line(s string) {
	if t.err == nil {
		_, t.err = io.WriteString(t.tw, s+"\n")
	}
}

// section ends a block of aligned rows with a blank line; the next block gets its own column widths.
func (t *table) section() {
	if t.err == nil {
		t.err = t.tw.Flush()
	}
	t.line("")
	if t.err == nil {
		t.err = t.tw.Flush()
	}
}

// flatten keeps a cell on one line and in one column: tabs and line breaks from history lines or odd file
// names would break the table.
func flatten(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '\t', '\n', '\r', '\v', '\f':
			return ' '
		}
		return r
	}, s)
}

// shortCreatedBy drops the shell prefix every history line carries, as dive does, and cuts the rest.
func shortCreatedBy(s string) string {
	s = strings.TrimPrefix(s, "/bin/sh -c ")
	s = strings.TrimPrefix(s, "#(nop) ")
	s = strings.TrimSpace(flatten(s))
	if utf8.RuneCountInString(s) <= createdByWidth {
		return s
	}
	return string([]rune(s)[:createdByWidth-1]) + "…"
}

// humanBytes writes a size in IEC units with one decimal: 512 B, 1.5 KiB, 12.3 MiB.
func humanBytes(n int64) string {
	const unit = 1024
	if n < unit && n > -unit {
		return fmt.Sprintf("%d B", n)
	}
	v := float64(n)
	for _, u := range []string{"KiB", "MiB", "GiB", "TiB"} {
		v /= unit
		if v < unit && v > -unit || u == "TiB" {
			return fmt.Sprintf("%.1f %s", v, u)
		}
	}
	return fmt.Sprintf("%d B", n) // not reached
}
