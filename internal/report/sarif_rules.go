package report

import (
	"strconv"
	"strings"

	"github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/patchbay/patchbay/internal/severity"
)

// osvURL is where a person reads an OSV record.
const osvURL = "https://osv.dev/vulnerability/"

// addSARIFRule adds the rule that all of v's results refer to.
func addSARIFRule(run *sarif.Run, v vulnerability) {
	short := v.Summary()
	if short == "" {
		short = v.ID
	}
	rating := worstRating(v)
	props := sarif.Properties{
		// GitHub's code scanning sorts and filters alerts by these (it reads them from the rule, not the result).
		"tags": []string{"security", "vulnerability", string(rating)},
	}
	if score, ok := highestCVSS(v); ok {
		props["security-severity"] = strconv.FormatFloat(score, 'f', 1, 64)
	}
	run.AddRule(v.ID).
		WithShortDescription(sarif.NewMultiformatMessageString(short)).
		WithHelp(sarif.NewMultiformatMessageString(sarifHelp(v))).
		WithHelpURI(osvURL + v.FirstRecord()).
		WithProperties(props)
}

// sarifHelp is the rule's help: what the vulnerability is, its other names, and the fix.
func sarifHelp(v vulnerability) string {
	var b strings.Builder
	b.WriteString(v.ID)
	if s := v.Summary(); s != "" {
		b.WriteString(": " + s)
	}
	b.WriteString("\n")
	if ids := v.OtherIDs(); len(ids) > 0 {
		b.WriteString("Also known as: " + strings.Join(ids, ", ") + ".\n")
	}
	b.WriteString("Fix: " + fixSentence(v.Fixes()) + ".\n")
	b.WriteString("Details: " + osvURL + v.FirstRecord())
	return b.String()
}

// worstRating is the most severe rating among v's findings; the same ID can be rated differently for two
// packages when different records matched them.
func worstRating(v vulnerability) severity.Rating {
	worst := severity.Unknown
	for _, f := range v.Findings {
		if r := ratingOf(f.Severity); r.Rank() > worst.Rank() {
			worst = r
		}
	}
	return worst
}

// highestCVSS is the highest CVSS base score among v's findings, and false when none has a CVSS score.
func highestCVSS(v vulnerability) (float64, bool) {
	best, found := 0.0, false
	for _, f := range v.Findings {
		if hasCVSS(f.Severity) && (!found || f.Severity.Base > best) {
			best, found = f.Severity.Base, true
		}
	}
	return best, found
}
