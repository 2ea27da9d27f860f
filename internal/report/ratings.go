package report

import "github.com/patchbay/patchbay/internal/severity"

// displayOrder is the order in which severities are listed to a person: the worst first. NONE (a CVSS score of
// 0.0) is a known, harmless severity and so comes before UNKNOWN, which says nothing at all.
var displayOrder = []severity.Rating{
	severity.Critical,
	severity.High,
	severity.Medium,
	severity.Low,
	severity.None,
	severity.Unknown,
}

// ratingOf is the finding's rating as the outputs show it: a rating that is not one of severity's names (empty,
// or misspelt by a hand-made report) is UNKNOWN, never dropped.
func ratingOf(s severity.Score) severity.Rating {
	if s.Rating.Rank() < 0 {
		return severity.Unknown
	}
	return s.Rating
}

// hasCVSS reports whether the score is a CVSS base score rather than a label or nothing.
func hasCVSS(s severity.Score) bool {
	return s.Version != ""
}
