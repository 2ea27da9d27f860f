package report

import (
	"strings"

	cdx "github.com/CycloneDX/cyclonedx-go"

	"github.com/patchbay/patchbay/internal/severity"
)

// cyclonedxRatings is every distinct rating of v's findings, in their order: the same ID can be scored by a
// CVSS vector for one package and by a distribution's label for another, and CycloneDX keeps both.
func cyclonedxRatings(v vulnerability) []cdx.VulnerabilityRating {
	var out []cdx.VulnerabilityRating
	seen := make(map[severity.Score]bool)
	for _, f := range v.Findings {
		s := f.Severity
		s.Rating = ratingOf(s)
		if !seen[s] {
			seen[s] = true
			out = append(out, cyclonedxRating(s))
		}
	}
	return out
}

// cyclonedxRating is one severity as CycloneDX rates: a CVSS score with its method and vector; a label with
// method "other", the label's source and the label itself as the justification; or, when nothing rated it,
// the bare severity "unknown".
func cyclonedxRating(s severity.Score) cdx.VulnerabilityRating {
	r := cdx.VulnerabilityRating{Severity: cyclonedxSeverity(s.Rating)}
	switch {
	case hasCVSS(s):
		score := s.Base
		r.Score = &score
		r.Method = cvssMethod(s.Version)
		r.Vector = s.Vector
	case s.Type != "":
		source, word := labelSource(s.Type)
		r.Method = cdx.ScoringMethodOther
		r.Source = &cdx.Source{Name: source}
		r.Justification = word + ` "` + s.Vector + `"`
	}
	return r
}

// cyclonedxSeverity is the rating in CycloneDX's words, which are severity's names in lower case.
func cyclonedxSeverity(r severity.Rating) cdx.Severity {
	if r.Rank() < 0 {
		return cdx.SeverityUnknown
	}
	return cdx.Severity(strings.ToLower(string(r)))
}

// cvssMethod is CycloneDX's name for a CVSS version. Mind the names: "CVSSv3" is CVSS 3.0 only, and 3.1 is
// "CVSSv31".
func cvssMethod(version string) cdx.ScoringMethod {
	switch version {
	case severity.Version20:
		return cdx.ScoringMethodCVSSv2
	case severity.Version30:
		return cdx.ScoringMethodCVSSv3
	case severity.Version31:
		return cdx.ScoringMethodCVSSv31
	case severity.Version40:
		return cdx.ScoringMethodCVSSv4
	}
	return cdx.ScoringMethodOther
}

// labelSource names who gave a label and what that source calls its scale.
func labelSource(typ string) (source, word string) {
	switch typ {
	case severity.TypeGHSA:
		return "GitHub Advisory Database", "GitHub severity"
	case severity.TypeDebian:
		return "Debian Security Tracker", "Debian urgency"
	case severity.TypeUbuntu:
		return "Ubuntu CVE Tracker", "Ubuntu priority"
	}
	return typ, typ + " rating"
}
