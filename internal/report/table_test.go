package report

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/patchbay/patchbay/internal/match"
)

func renderFixtureTable(t *testing.T, r *match.Report) string {
	t.Helper()
	var buf bytes.Buffer
	if err := RenderTable(&buf, r); err != nil {
		t.Fatalf("RenderTable: %v", err)
	}
	return buf.String()
}

func TestRenderTableGolden(t *testing.T) {
	checkGolden(t, "table.golden.txt", []byte(renderFixtureTable(t, fixtureReport(t))))
	checkGolden(t, "table_empty.golden.txt", []byte(renderFixtureTable(t, emptyReport())))
}

// TestRenderTableGroupsBySeverityWorstFirst checks the structure the golden file shows: a heading per
// severity, in order, each followed by exactly its findings.
func TestRenderTableGroupsBySeverityWorstFirst(t *testing.T) {
	out := renderFixtureTable(t, fixtureReport(t))
	headings := []string{"CRITICAL (2)", "HIGH (1)", "MEDIUM (1)", "LOW (1)", "UNKNOWN (1)"}
	last := -1
	for _, h := range headings {
		i := strings.Index(out, "\n"+h+"\n")
		if i < 0 {
			t.Fatalf("no heading %q in:\n%s", h, out)
		}
		if i < last {
			t.Errorf("heading %q is out of order", h)
		}
		last = i
	}
	if strings.Contains(out, "NONE (") {
		t.Error("a NONE heading without NONE findings")
	}
	for _, want := range []string{
		"Findings:    6 (CRITICAL 2, HIGH 1, MEDIUM 1, LOW 1, UNKNOWN 1)",
		"Base image:  docker.io/library/debian:12-slim (bottom 1 layer)",
		"Digest:      aaaaaaaaaaaa",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("header lacks %q", want)
		}
	}
	// The lowest of two fixed versions, and "no fix yet" where there is none.
	for _, want := range []string{"2.36-9+deb12u3", "no fix yet"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q", want)
		}
	}
	if strings.Contains(out, "2.37-12") {
		t.Error("table shows a fixed version other than the lowest")
	}
}

func TestRenderTableWithoutFindingsSaysSo(t *testing.T) {
	out := renderFixtureTable(t, emptyReport())
	for _, want := range []string{"No vulnerabilities found.", "base image unknown", "Distro:      unknown"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
}

func TestOriginShortSaysWhoMustAct(t *testing.T) {
	for origin, want := range map[match.Origin]string{
		match.OriginBase:        "base",
		match.OriginApplication: "app",
		match.OriginUnknown:     "?",
		"":                      "?",
	} {
		if got := originShort(origin); got != want {
			t.Errorf("originShort(%q) = %q, want %q", origin, got, want)
		}
	}
}

func TestShortPath(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"/var/lib/dpkg/status", "/var/lib/dpkg/status"},
		{"/app/app.jar!/BOOT-INF/lib/commons-text-1.9.jar", "/app/app.jar!/BOOT-INF/lib/commons-text-1.9.jar"},
		{"/usr/lib/python3/dist-packages/urllib3-1.26.12.egg-info/PKG-INFO", "/usr/.../urllib3-1.26.12.egg-info/PKG-INFO"},
		{"/usr/lib/python3/dist-packages/cryptography-41.0.7.dist-info/METADATA", "/usr/.../cryptography-41.0.7.dist-info/METADATA"},
		{"/app/lib/app.jar!/BOOT-INF/lib/jackson-databind-2.13.0.jar", "/app/lib/app.jar!/BOOT-INF/lib/jackson-databind-2.13.0.jar"},
		{"/app/lib/app.jar!/BOOT-INF/lib/jackson-databind-2.13.0-SNAPSHOT.jar", "/app/lib/app.jar!/.../jackson-databind-2.13.0-SNAPSHOT.jar"},
		{"/opt/service/lib/service-all-in-one.jar!/BOOT-INF/lib/jackson-databind-2.13.0.jar", ".../service-all-in-one.jar!/.../jackson-databind-2.13.0.jar"},
		{"/app/node_modules/some-really-long-package-name-for-testing/node_modules/another-long-one/package.json", "/app/.../another-long-one/package.json"},
		{"/" + strings.Repeat("x", 70), "..." + strings.Repeat("x", 57)},
	} {
		got := shortPath(tc.in)
		if got != tc.want {
			t.Errorf("shortPath(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if len(got) > maxPathWidth {
			t.Errorf("shortPath(%q) = %q is %d wide, more than %d", tc.in, got, len(got), maxPathWidth)
		}
	}
}

func TestRenderTableReportsWriteErrors(t *testing.T) {
	err := RenderTable(failingWriter{}, fixtureReport(t))
	if !errors.Is(err, errWrite) {
		t.Errorf("RenderTable on a failing writer: %v, want it to wrap %v", err, errWrite)
	}
}

func TestOutputsRefuseANilReport(t *testing.T) {
	var buf bytes.Buffer
	for name, err := range map[string]error{
		"table":     RenderTable(&buf, nil),
		"json":      EncodeJSON(&buf, nil),
		"sarif":     EncodeSARIF(&buf, nil, "0.1.0"),
		"cyclonedx": EncodeCycloneDX(&buf, fixtureSBOM(), nil),
	} {
		if !errors.Is(err, errNilReport) {
			t.Errorf("%s: %v, want %v", name, err, errNilReport)
		}
	}
}

var errWrite = errors.New("disk full")

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errWrite }
