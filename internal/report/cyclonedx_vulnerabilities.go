package report

import (
	"strconv"
	"strings"

	cdx "github.com/CycloneDX/cyclonedx-go"

	"github.com/patchbay/patchbay/internal/match"
)

// Property names on a vulnerability. CycloneDX's affects entries cannot carry properties (the schema allows only
// ref and versions), so what Patchbay knows about each affected package is a property of the vulnerability,
// numbered like the affects entry it belongs to: "patchbay:affects:0:origin" goes with affects[0].
const (
	propAffectsPrefix = "patchbay:affects:" // + N + one of the suffixes
	propOriginSuffix  = ":origin"           // base, application or unknown: who must act
	propLayerSuffix   = ":layer:diff_id"    // the layer that brought the package in
)

// cyclonedxVulnerabilities is one CycloneDX vulnerability per finding ID, in the order of the findings.
func cyclonedxVulnerabilities(fs []match.Finding, components componentRefs) ([]cdx.Vulnerability, error) {
	var out []cdx.Vulnerability
	for _, v := range groupByID(fs) {
		vuln, err := cyclonedxVulnerability(v, components)
		if err != nil {
			return nil, err
		}
		out = append(out, vuln)
	}
	return out, nil
}

func cyclonedxVulnerability(v vulnerability, components componentRefs) (cdx.Vulnerability, error) {
	affects, props, err := cyclonedxAffects(v, components)
	if err != nil {
		return cdx.Vulnerability{}, err
	}
	vuln := cdx.Vulnerability{
		ID:             v.ID,
		Source:         osvSource(v.FirstRecord()),
		Description:    v.Summary(),
		Recommendation: capitalized(fixSentence(v.Fixes())),
		Affects:        &affects,
		Properties:     &props,
	}
	if refs := cyclonedxReferences(v); len(refs) > 0 {
		vuln.References = &refs
	}
	if ratings := cyclonedxRatings(v); len(ratings) > 0 {
		vuln.Ratings = &ratings
	}
	return vuln, nil
}

// cyclonedxAffects is the components v affects, each once (the schema wants them unique), with the version
// found, and the properties saying where each came from.
func cyclonedxAffects(v vulnerability, components componentRefs) ([]cdx.Affects, []cdx.Property, error) {
	var (
		affects []cdx.Affects
		props   []cdx.Property
		seen    = make(map[string]bool)
	)
	for _, f := range v.Findings {
		ref, err := components.lookup(f)
		if err != nil {
			return nil, nil, err
		}
		if seen[ref] {
			continue
		}
		seen[ref] = true
		a := cdx.Affects{Ref: ref}
		// A package without a version (a Go main module built from source) has no version to name, and an
		// entry with neither version nor range is invalid.
		if f.Package.Version != "" {
			a.Range = &[]cdx.AffectedVersions{{Version: f.Package.Version, Status: cdx.VulnerabilityStatusAffected}}
		}
		prefix := propAffectsPrefix + strconv.Itoa(len(affects))
		props = append(props,
			cdx.Property{Name: prefix + propOriginSuffix, Value: string(f.Origin)},
			cdx.Property{Name: prefix + propLayerSuffix, Value: f.Package.Layer.DiffID},
		)
		affects = append(affects, a)
	}
	return affects, props, nil
}

// cyclonedxReferences is the vulnerability's other IDs (aliases and the OSV records), each with where it is
// published: OSV for the records that matched (OSV served them), NVD for a CVE and GitHub for a GHSA that are
// only aliases, and OSV for any other alias, since OSV databases are what name each other in aliases.
func cyclonedxReferences(v vulnerability) []cdx.VulnerabilityReference {
	records := make(map[string]bool)
	for _, id := range v.Records() {
		records[id] = true
	}
	var refs []cdx.VulnerabilityReference
	for _, id := range v.OtherIDs() {
		source := osvSource(id)
		if !records[id] {
			source = aliasSource(id)
		}
		refs = append(refs, cdx.VulnerabilityReference{ID: id, Source: source})
	}
	return refs
}

// osvSource is OSV as the source of a record, with the page that shows it.
func osvSource(id string) *cdx.Source {
	return &cdx.Source{Name: "OSV", URL: osvURL + id}
}

// aliasSource is where an alias is published, judged by its prefix.
func aliasSource(id string) *cdx.Source {
	switch {
	case strings.HasPrefix(id, "CVE-"):
		return &cdx.Source{Name: "NVD", URL: "https://nvd.nist.gov/vuln/detail/" + id}
	case strings.HasPrefix(id, "GHSA-"):
		return &cdx.Source{Name: "GitHub Advisories", URL: "https://github.com/advisories/" + id}
	}
	return osvSource(id)
}
