package severity

// Inputs is everything an OSV record says about severity, for Pick.
type Inputs struct {
	// Severity is the record's `severity[]`, followed by the `severity[]` of the affected[] entry that matched
	// (OSV allows both; a scanner knows which package it matched).
	Severity []Entry
	// GHSA is a GitHub advisory's `database_specific.severity` ("LOW", "MODERATE", "HIGH", "CRITICAL"), or "".
	GHSA string
	// DebianUrgency is the matched affected[] entry's `ecosystem_specific.urgency` in Debian records, or "".
	DebianUrgency string
}

// Pick chooses the one severity to show for a vulnerability. It never fails: what cannot be read is passed
// over, and when nothing is left the answer is UNKNOWN.
//
// Preference, and why:
//
//  1. A CVSS score, newest version first (v4.0 > v3.1 > v3.0 > v2.0): a CVSS score is reproducible from its
//     vector, and a newer version models the vulnerability better. Between two vectors of the same version
//     (a record can carry one from the CNA and one from NVD) the higher base score wins, the cautious choice
//     for a scanner that gates builds; on a tie the first listed wins.
//  2. Else an ecosystem's own label: GitHub's severity, an Ubuntu priority from `severity[]`, Debian's urgency.
//     Those are human judgements on different scales, so the most severe known one wins, again the cautious
//     choice; on a tie, the order just given.
//  3. Else UNKNOWN; if a label was present but says "not rated" (Debian "not yet assigned", Ubuntu
//     "untriaged"), the Score still names it, so a report can say where the UNKNOWN came from.
func Pick(in Inputs) Score {
	if best, ok := newestCVSS(in.Severity); ok {
		return best
	}
	return bestLabel(in)
}

// newestCVSS is step 1 of Pick.
func newestCVSS(entries []Entry) (Score, bool) {
	var (
		best  Score
		found bool
	)
	for _, e := range entries {
		s, err := FromEntry(e)
		if err != nil || s.Version == "" {
			continue // unreadable, or a label: step 2 looks at labels
		}
		if !found || versionRank(s.Version) > versionRank(best.Version) ||
			(s.Version == best.Version && s.Base > best.Base) {
			best, found = s, true
		}
	}
	return best, found
}

// bestLabel is steps 2 and 3 of Pick.
func bestLabel(in Inputs) Score {
	var labels []Score
	if in.GHSA != "" {
		if s, err := FromLabel(TypeGHSA, in.GHSA); err == nil {
			labels = append(labels, s)
		}
	}
	for _, e := range in.Severity {
		if s, err := FromEntry(e); err == nil && s.Version == "" {
			labels = append(labels, s)
		}
	}
	if in.DebianUrgency != "" {
		if s, err := FromLabel(TypeDebian, in.DebianUrgency); err == nil {
			labels = append(labels, s)
		}
	}
	if len(labels) == 0 {
		return Score{Rating: Unknown}
	}
	best := labels[0]
	for _, s := range labels[1:] {
		if s.Rating.Rank() > best.Rating.Rank() {
			best = s
		}
	}
	return best
}
