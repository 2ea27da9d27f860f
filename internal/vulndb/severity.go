package vulndb

import (
	"encoding/json"

	"github.com/patchbay/patchbay/internal/severity"
)

// severityOf picks the one severity to show for a record (see severity.Pick): its CVSS vectors, those of its
// affected packages, GitHub's label, Debian's urgency.
func severityOf(v *Vulnerability) severity.Score {
	var in severity.Inputs
	for _, s := range v.Severity {
		in.Severity = append(in.Severity, severity.Entry{Type: s.Type, Score: s.Score})
	}
	for _, a := range v.Affected {
		for _, s := range a.Severity {
			in.Severity = append(in.Severity, severity.Entry{Type: s.Type, Score: s.Score})
		}
		if in.DebianUrgency == "" && len(a.EcosystemSpecific) > 0 {
			var es struct {
				Urgency string `json:"urgency"`
			}
			if json.Unmarshal(a.EcosystemSpecific, &es) == nil {
				in.DebianUrgency = es.Urgency
			}
		}
	}
	if len(v.DatabaseSpecific) > 0 {
		var ds struct {
			Severity string `json:"severity"`
		}
		if json.Unmarshal(v.DatabaseSpecific, &ds) == nil {
			in.GHSA = ds.Severity
		}
	}
	return severity.Pick(in)
}
