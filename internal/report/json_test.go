package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/patchbay/patchbay/internal/match"
	"github.com/patchbay/patchbay/internal/severity"
)

func encodeJSON(t *testing.T, r *match.Report) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := EncodeJSON(&buf, r); err != nil {
		t.Fatalf("EncodeJSON: %v", err)
	}
	return buf.Bytes()
}

func TestEncodeJSONGolden(t *testing.T) {
	checkGolden(t, "report.golden.json", encodeJSON(t, fixtureReport(t)))
}

// TestEncodeJSONCarriesEveryFinding reads the document back and checks it finding by finding against the
// report: nothing lost, nothing reordered.
func TestEncodeJSONCarriesEveryFinding(t *testing.T) {
	r := fixtureReport(t)
	var doc jsonReport
	if err := json.Unmarshal(encodeJSON(t, r), &doc); err != nil {
		t.Fatalf("decoding: %v", err)
	}
	if len(doc.Findings) != len(r.Findings) {
		t.Fatalf("%d findings in the JSON, %d in the report", len(doc.Findings), len(r.Findings))
	}
	for i, f := range r.Findings {
		got := doc.Findings[i]
		if got.ID != f.ID || got.Package.Path != f.Package.Path || got.Package.Layer.DiffID != f.Package.Layer.DiffID ||
			got.Origin != string(f.Origin) || got.Severity.Rating != string(f.Severity.Rating) ||
			strings.Join(got.FixedVersions, ",") != strings.Join(f.FixedVersions, ",") {
			t.Errorf("finding %d: JSON %+v, report %+v", i, got, f)
		}
	}
	if doc.Base == nil || doc.Base.Layers != r.Base.Layers || doc.Matched != r.Packages {
		t.Errorf("base %+v / packages_matched %d do not match the report", doc.Base, doc.Matched)
	}
}

// TestEncodeJSONSeverityKeepsAZeroScore checks that a CVSS score of 0.0 is written, and that a label has none.
func TestEncodeJSONSeverityKeepsAZeroScore(t *testing.T) {
	r := fixtureReport(t)
	r.Findings[0].Severity = severity.Score{Type: severity.TypeCVSSV3, Vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", Rating: severity.None, Version: severity.Version31}
	var doc struct {
		Findings []struct{ Severity map[string]any }
	}
	if err := json.Unmarshal(encodeJSON(t, r), &doc); err != nil {
		t.Fatalf("decoding: %v", err)
	}
	if base, ok := doc.Findings[0].Severity["base"]; !ok || base != 0.0 {
		t.Errorf("CVSS 0.0: severity %v, want base 0", doc.Findings[0].Severity)
	}
	label := doc.Findings[4].Severity // CVE-2010-4756, a Debian urgency
	if _, ok := label["base"]; ok || label["type"] != "Debian" || label["vector"] != "unimportant" {
		t.Errorf("Debian label: severity %v, want type and vector and no base", label)
	}
}

// TestEncodeJSONWritesEmptyArrays checks the contract's promise: no null where a consumer iterates.
func TestEncodeJSONWritesEmptyArrays(t *testing.T) {
	r := fixtureReport(t)
	r.Findings[0].FixedVersions = nil
	r.Findings[0].Records = nil
	for _, report := range []*match.Report{r, {}} {
		if out := encodeJSON(t, report); bytes.Contains(out, []byte("null")) {
			t.Errorf("JSON holds a null:\n%s", out)
		}
	}
}
