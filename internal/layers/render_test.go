package layers

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func TestRenderTable(t *testing.T) {
	layers := stackOf(
		entries(file("/a", 100)),
		entries(file("/a", 300), file("/tmp/x", 2*mib)),
	)
	layers[1].CreatedBy = "/bin/sh -c apt-get update &&\tapt-get install -y build-essential curl git\nvim && rm -rf /var/lib/apt/lists/*"
	layers[1].CompressedSize = 1536
	r := Analyze(layers)
	var out bytes.Buffer
	if err := RenderTable(&out, r); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	// /a: cum 400, min 100; /tmp/x 2 MiB once. Efficiency = (100 + 2097152) / (400 + 2097152) = 99.9857 %.
	for _, want := range []string{
		"LAYER  SIZE",
		"1      2.0 MiB  1.5 KiB",
		// The shell prefix is gone, the tab and newline are spaces, the line is cut to 59 runes and "…".
		"apt-get update && apt-get install -y build-essential curl g…\n",
		"Efficiency score:        99.99 %",
		"Potential wasted space:  400 B",
		"Inefficient paths (1 of 1, largest first):",
		"2      400 B        /a",
		"0      overwritten-later  100 B    /a",
		"1      temp-files         2.0 MiB  /tmp",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("table lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "\t") {
		t.Errorf("table holds a tab:\n%s", text)
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestRenderTableReportsWriteErrors(t *testing.T) {
	if err := RenderTable(failingWriter{}, Analyze(nil)); err == nil {
		t.Error("RenderTable to a failing writer returned nil")
	}
}

func TestHumanBytes(t *testing.T) {
	tests := []struct {
		n    int64
		want string
	}{
		{0, "0 B"}, {1023, "1023 B"}, {1024, "1.0 KiB"}, {1536, "1.5 KiB"}, {5 * mib, "5.0 MiB"}, {3 << 30, "3.0 GiB"},
	}
	for _, tt := range tests {
		if got := humanBytes(tt.n); got != tt.want {
			t.Errorf("humanBytes(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

// TestReportJSON checks the -o json shape: snake_case keys, and lists that are [] rather than null.
func TestReportJSON(t *testing.T) {
	empty, err := json.Marshal(Analyze(nil))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"layers":[]`, `"inefficiencies":[]`, `"hints":[]`, `"efficiency":1`} {
		if !strings.Contains(string(empty), want) {
			t.Errorf("empty report JSON lacks %s: %s", want, empty)
		}
	}

	full, err := json.Marshal(Analyze(stackOf(entries(file("/a", 100)), entries(file("/a", 300)))))
	if err != nil {
		t.Fatal(err)
	}
	var back map[string]any
	if err := json.Unmarshal(full, &back); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"layers", "efficiency", "wasted_bytes", "user_wasted_ratio", "total_bytes", "user_bytes", "image_bytes", "inefficiencies", "hints"} {
		if _, ok := back[key]; !ok {
			t.Errorf("report JSON lacks %q: %s", key, full)
		}
	}
	for _, want := range []string{`"files_added":1`, `"uncompressed_size":300`, `"cumulative_bytes":400`, `"kind":"overwritten-later"`, `"diff_id":"sha256:layer1"`} {
		if !strings.Contains(string(full), want) {
			t.Errorf("report JSON lacks %s: %s", want, full)
		}
	}
}
