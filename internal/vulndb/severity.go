package vulndb

import "github.com/patchbay/patchbay/internal/severity"

// severityOf picks the severity to show for a record (see severity.Pick).
func severityOf(v *Vulnerability) severity.Score {
	return severity.Score{Rating: severity.Rating("UNKNOWN")}
}
