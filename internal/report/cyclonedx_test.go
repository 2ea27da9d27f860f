package report

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	cdx "github.com/CycloneDX/cyclonedx-go"

	"github.com/patchbay/patchbay/internal/match"
	"github.com/patchbay/patchbay/internal/sbom"
	"github.com/patchbay/patchbay/internal/severity"
)

func encodeFixtureCycloneDX(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := EncodeCycloneDX(&buf, fixtureSBOM(), fixtureReport(t), sbom.WithTime(fixtureTime)); err != nil {
		t.Fatalf("EncodeCycloneDX: %v", err)
	}
	return buf.Bytes()
}

func TestEncodeCycloneDXGolden(t *testing.T) {
	checkGolden(t, "report.golden.cdx.json", encodeFixtureCycloneDX(t))
}

func TestEncodeCycloneDXValidatesAgainstSchema(t *testing.T) {
	validateJSON(t, cyclonedxSchema(t), encodeFixtureCycloneDX(t))
}

func decodeCycloneDX(t *testing.T, doc []byte) *cdx.BOM {
	t.Helper()
	var bom cdx.BOM
	if err := json.Unmarshal(doc, &bom); err != nil {
		t.Fatalf("decoding CycloneDX: %v", err)
	}
	if bom.Vulnerabilities == nil || bom.Components == nil {
		t.Fatal("document has no vulnerabilities or no components")
	}
	return &bom
}

// TestCycloneDXAffectsResolve checks that every vulnerability points at components the document has, one per
// affected package: the two copies of commons-text are two components and both are affected.
func TestCycloneDXAffectsResolve(t *testing.T) {
	bom := decodeCycloneDX(t, encodeFixtureCycloneDX(t))
	components := map[string]cdx.Component{}
	for _, c := range *bom.Components {
		components[c.BOMRef] = c
	}
	r := fixtureReport(t)
	findingsPerID := map[string]int{}
	for _, f := range r.Findings {
		findingsPerID[f.ID]++
	}
	if len(*bom.Vulnerabilities) != len(findingsPerID) {
		t.Errorf("%d vulnerabilities for %d distinct IDs", len(*bom.Vulnerabilities), len(findingsPerID))
	}
	for _, v := range *bom.Vulnerabilities {
		if v.Affects == nil || len(*v.Affects) != findingsPerID[v.ID] {
			t.Errorf("%s: affects %v, want %d entries", v.ID, v.Affects, findingsPerID[v.ID])
			continue
		}
		for i, a := range *v.Affects {
			c, ok := components[a.Ref]
			if !ok {
				t.Errorf("%s: affects ref %q is no component's bom-ref", v.ID, a.Ref)
				continue
			}
			if a.Range == nil || (*a.Range)[0].Version != c.Version || (*a.Range)[0].Status != cdx.VulnerabilityStatusAffected {
				t.Errorf("%s: affects %q versions %v, want [%s affected]", v.ID, a.Ref, a.Range, c.Version)
			}
			if got := propertyValue(v.Properties, propAffectsPrefix+strconv.Itoa(i)+propLayerSuffix); got != propertyValue(c.Properties, "patchbay:layer:diff_id") {
				t.Errorf("%s: affects[%d] layer %q, component's %q", v.ID, i, got, propertyValue(c.Properties, "patchbay:layer:diff_id"))
			}
		}
	}
}

func TestCycloneDXVulnerabilityFields(t *testing.T) {
	bom := decodeCycloneDX(t, encodeFixtureCycloneDX(t))
	vulns := map[string]cdx.Vulnerability{}
	for _, v := range *bom.Vulnerabilities {
		vulns[v.ID] = v
	}
	text := vulns["CVE-2022-42889"]
	if text.Source == nil || text.Source.URL != "https://osv.dev/vulnerability/GHSA-599f-7c49-w659" {
		t.Errorf("source = %+v, want OSV's page of the first record", text.Source)
	}
	if text.Recommendation != "Upgrade org.apache.commons:commons-text to 1.10.0" {
		t.Errorf("recommendation = %q", text.Recommendation)
	}
	if got := vulns["CVE-2010-4756"].Recommendation; got != "No fix yet" {
		t.Errorf("recommendation without a fix = %q, want \"No fix yet\"", got)
	}
	if got := propertyValue(vulns["CVE-2023-4911"].Properties, "patchbay:affects:0:origin"); got != "base" {
		t.Errorf("glibc origin = %q, want base", got)
	}
	refs := map[string]bool{}
	for _, ref := range *vulns["CVE-2023-4911"].References {
		refs[ref.ID] = true
	}
	if !refs["DSA-5514-1"] || !refs["DEBIAN-CVE-2023-4911"] || refs["CVE-2023-4911"] {
		t.Errorf("references %v: want the aliases and records, not the ID itself", refs)
	}
}

// TestEncodeCycloneDXRefusesAForeignReport checks that a finding whose package is not in the SBOM is an error,
// not a vulnerability pointing nowhere.
func TestEncodeCycloneDXRefusesAForeignReport(t *testing.T) {
	r := fixtureReport(t)
	r.Findings[2].Package.Version = "2.36-9+deb12u9"
	var buf bytes.Buffer
	err := EncodeCycloneDX(&buf, fixtureSBOM(), r, sbom.WithTime(fixtureTime))
	if err == nil || !strings.Contains(err.Error(), "CVE-2023-4911") {
		t.Errorf("EncodeCycloneDX with a package not in the SBOM: %v, want an error naming the finding", err)
	}
}

func TestEncodeCycloneDXWithoutFindingsIsTheSBOM(t *testing.T) {
	var withReport, alone bytes.Buffer
	if err := EncodeCycloneDX(&withReport, fixtureSBOM(), &match.Report{}, sbom.WithTime(fixtureTime)); err != nil {
		t.Fatal(err)
	}
	if err := sbom.EncodeCycloneDX(&alone, fixtureSBOM(), sbom.WithTime(fixtureTime)); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(withReport.Bytes(), alone.Bytes()) {
		t.Error("a report without findings changes the SBOM's document")
	}
}

func TestCycloneDXRating(t *testing.T) {
	score := func(f float64) *float64 { return &f }
	for _, tc := range []struct {
		name string
		in   severity.Score
		want cdx.VulnerabilityRating
	}{
		{"CVSS 2.0", severity.Score{Type: severity.TypeCVSSV2, Vector: "AV:N/AC:L/Au:N/C:P/I:P/A:P", Base: 7.5, Rating: severity.High, Version: severity.Version20},
			cdx.VulnerabilityRating{Score: score(7.5), Severity: cdx.SeverityHigh, Method: cdx.ScoringMethodCVSSv2, Vector: "AV:N/AC:L/Au:N/C:P/I:P/A:P"}},
		{"CVSS 3.0", severity.Score{Type: severity.TypeCVSSV3, Vector: "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", Base: 9.8, Rating: severity.Critical, Version: severity.Version30},
			cdx.VulnerabilityRating{Score: score(9.8), Severity: cdx.SeverityCritical, Method: cdx.ScoringMethodCVSSv3, Vector: "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}},
		{"CVSS 3.1", severity.Score{Type: severity.TypeCVSSV3, Vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", Base: 0, Rating: severity.None, Version: severity.Version31},
			cdx.VulnerabilityRating{Score: score(0), Severity: cdx.SeverityNone, Method: cdx.ScoringMethodCVSSv31, Vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N"}},
		{"CVSS 4.0", severity.Score{Type: severity.TypeCVSSV4, Vector: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", Base: 9.3, Rating: severity.Critical, Version: severity.Version40},
			cdx.VulnerabilityRating{Score: score(9.3), Severity: cdx.SeverityCritical, Method: cdx.ScoringMethodCVSSv4, Vector: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"}},
		{"GitHub label", severity.Score{Type: severity.TypeGHSA, Vector: "MODERATE", Rating: severity.Medium},
			cdx.VulnerabilityRating{Source: &cdx.Source{Name: "GitHub Advisory Database"}, Severity: cdx.SeverityMedium, Method: cdx.ScoringMethodOther, Justification: `GitHub severity "MODERATE"`}},
		{"nothing known", severity.Score{Rating: severity.Unknown},
			cdx.VulnerabilityRating{Severity: cdx.SeverityUnknown}},
		{"misspelt rating", severity.Score{Rating: "SEVERE"},
			cdx.VulnerabilityRating{Severity: cdx.SeverityUnknown}},
	} {
		s := tc.in
		s.Rating = ratingOf(s)
		got, _ := json.Marshal(cyclonedxRating(s))
		want, _ := json.Marshal(tc.want)
		if !bytes.Equal(got, want) {
			t.Errorf("%s: rating %s, want %s", tc.name, got, want)
		}
	}
}

func TestAliasSource(t *testing.T) {
	for id, want := range map[string]string{
		"CVE-2023-4911":       "https://nvd.nist.gov/vuln/detail/CVE-2023-4911",
		"GHSA-599f-7c49-w659": "https://github.com/advisories/GHSA-599f-7c49-w659",
		"DSA-5514-1":          "https://osv.dev/vulnerability/DSA-5514-1",
	} {
		if got := aliasSource(id).URL; got != want {
			t.Errorf("aliasSource(%s) = %s, want %s", id, got, want)
		}
	}
}

func propertyValue(props *[]cdx.Property, name string) string {
	if props == nil {
		return ""
	}
	for _, p := range *props {
		if p.Name == name {
			return p.Value
		}
	}
	return ""
}
