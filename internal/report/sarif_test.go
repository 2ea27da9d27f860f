package report

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/patchbay/patchbay/internal/match"
	"github.com/patchbay/patchbay/internal/severity"
)

func encodeFixtureSARIF(t *testing.T) []byte {
	t.Helper()
	return encodeSARIF(t, fixtureReport(t))
}

func encodeSARIF(t *testing.T, r *match.Report) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := EncodeSARIF(&buf, r, "0.1.0"); err != nil {
		t.Fatalf("EncodeSARIF: %v", err)
	}
	return buf.Bytes()
}

func TestEncodeSARIFGolden(t *testing.T) {
	checkGolden(t, "report.golden.sarif.json", encodeFixtureSARIF(t))
	checkGolden(t, "report_empty.golden.sarif.json", encodeSARIF(t, emptyReport()))
}

func TestEncodeSARIFValidatesAgainstSchema(t *testing.T) {
	sch := sarifSchema(t)
	validateJSON(t, sch, encodeFixtureSARIF(t))
	validateJSON(t, sch, encodeSARIF(t, emptyReport()))
}

// sarifLog is the part of a SARIF log the assertions read.
type sarifLog struct {
	Runs []struct {
		Tool struct {
			Driver struct {
				Name, Version, InformationURI string
				Rules                         []struct {
					ID         string `json:"id"`
					Properties map[string]any
				}
			}
		}
		Results []struct {
			RuleID              string `json:"ruleId"`
			RuleIndex           int    `json:"ruleIndex"`
			Level               string
			PartialFingerprints map[string]string
			Locations           []struct {
				PhysicalLocation struct {
					ArtifactLocation struct{ URI string }
				}
				LogicalLocations []struct{ Name, FullyQualifiedName string }
			}
		}
	}
}

func decodeSARIF(t *testing.T, doc []byte) sarifLog {
	t.Helper()
	var log sarifLog
	if err := json.Unmarshal(doc, &log); err != nil {
		t.Fatalf("decoding SARIF: %v", err)
	}
	if len(log.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(log.Runs))
	}
	return log
}

func TestEncodeSARIFHasOneResultPerFindingAndOneRulePerID(t *testing.T) {
	r := fixtureReport(t)
	run := decodeSARIF(t, encodeSARIF(t, r)).Runs[0]
	if d := run.Tool.Driver; d.Name != "patchbay" || d.Version != "0.1.0" || d.InformationURI == "" {
		t.Errorf("driver = %+v, want patchbay 0.1.0 with an informationUri", d)
	}
	if len(run.Results) != len(r.Findings) {
		t.Fatalf("%d results for %d findings", len(run.Results), len(r.Findings))
	}
	ids := map[string]bool{}
	for _, f := range r.Findings {
		ids[f.ID] = true
	}
	rules := run.Tool.Driver.Rules
	if len(rules) != len(ids) {
		t.Errorf("%d rules for %d distinct IDs", len(rules), len(ids))
	}
	for i, res := range run.Results {
		f := r.Findings[i]
		if res.RuleID != f.ID {
			t.Errorf("result %d: ruleId %s, want %s", i, res.RuleID, f.ID)
		}
		if res.RuleIndex < 0 || res.RuleIndex >= len(rules) || rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("result %d: ruleIndex %d does not point at rule %s", i, res.RuleIndex, res.RuleID)
		}
		want := map[severity.Rating]string{
			severity.Critical: "error", severity.High: "error", severity.Medium: "warning",
			severity.Low: "note", severity.Unknown: "note",
		}[f.Severity.Rating]
		if res.Level != want {
			t.Errorf("result %d (%s): level %s, want %s", i, f.Severity.Rating, res.Level, want)
		}
		loc := res.Locations[0]
		if len(loc.LogicalLocations) != 1 || loc.LogicalLocations[0].Name != f.Package.Layer.DiffID {
			t.Errorf("result %d: logical locations %+v, want the layer %s", i, loc.LogicalLocations, f.Package.Layer.DiffID)
		}
	}
	// The jar inside the Spring Boot jar is located at the outer jar, relative.
	if got := run.Results[0].Locations[0].PhysicalLocation.ArtifactLocation.URI; got != "app/app.jar" {
		t.Errorf("nested jar located at %q, want app/app.jar", got)
	}
}

func TestEncodeSARIFRuleProperties(t *testing.T) {
	rules := decodeSARIF(t, encodeFixtureSARIF(t)).Runs[0].Tool.Driver.Rules
	props := map[string]map[string]any{}
	for _, r := range rules {
		props[r.ID] = r.Properties
	}
	if got := props["CVE-2022-42889"]["security-severity"]; got != "9.8" {
		t.Errorf("CVE-2022-42889 security-severity = %v, want \"9.8\"", got)
	}
	for _, id := range []string{"CVE-2010-4756", "CVE-2024-13176"} {
		if got, ok := props[id]["security-severity"]; ok {
			t.Errorf("%s has no CVSS score but security-severity %v", id, got)
		}
	}
	tags, _ := props["CVE-2024-13176"]["tags"].([]any)
	if len(tags) != 3 || tags[0] != "security" || tags[1] != "vulnerability" || tags[2] != "UNKNOWN" {
		t.Errorf("CVE-2024-13176 tags = %v, want [security vulnerability UNKNOWN]", tags)
	}
}

// TestSARIFFingerprintsIgnoreTheImage checks that an alert survives a rebuild: the same finding in another image
// (digest, layer) keeps its fingerprint, and two copies of a jar at different paths have different ones.
func TestSARIFFingerprintsIgnoreTheImage(t *testing.T) {
	fingerprints := func(r *match.Report) []string {
		var out []string
		for _, res := range decodeSARIF(t, encodeSARIF(t, r)).Runs[0].Results {
			out = append(out, res.PartialFingerprints[fingerprintName])
		}
		return out
	}
	before := fingerprints(fixtureReport(t))
	rebuilt := fixtureReport(t)
	rebuilt.Source.ManifestDigest = "sha256:dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd"
	for i := range rebuilt.Findings {
		rebuilt.Findings[i].Package.Layer.DiffID = "sha256:eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee"
		rebuilt.Findings[i].Package.Layer.Index++
	}
	after := fingerprints(rebuilt)
	seen := map[string]bool{}
	for i := range before {
		if before[i] == "" || before[i] != after[i] {
			t.Errorf("result %d: fingerprint %q before the rebuild, %q after", i, before[i], after[i])
		}
		if seen[before[i]] {
			t.Errorf("result %d: fingerprint %q is not unique", i, before[i])
		}
		seen[before[i]] = true
	}
}

func TestArtifactURI(t *testing.T) {
	for in, want := range map[string]string{
		"/var/lib/dpkg/status":                       "var/lib/dpkg/status",
		"/app/app.jar!/BOOT-INF/lib/x.jar":           "app/app.jar",
		"/app/a.war!/WEB-INF/lib/b.jar!/META-INF/c":  "app/a.war",
		"/app/node_modules/@babel/core/package.json": "app/node_modules/@babel/core/package.json",
		"/opt/my app/lib#1/x.jar":                    "opt/my%20app/lib%231/x.jar",
		"/c:d/file":                                  "./c:d/file",
	} {
		if got := artifactURI(in); got != want {
			t.Errorf("artifactURI(%q) = %q, want %q", in, got, want)
		}
	}
}
