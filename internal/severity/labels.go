package severity

import (
	"fmt"
	"strings"
)

// FromLabel maps an ecosystem's own severity word to a Rating:
//
//   - TypeGHSA, GitHub's database_specific.severity: LOW, MODERATE, HIGH, CRITICAL (any case), MODERATE being
//     MEDIUM. These are GitHub's words; see ParseRating.
//   - TypeDebian, Debian's urgency: see debianUrgency.
//   - TypeUbuntu, the score of an OSV severity entry of type "Ubuntu": see ubuntuPriority.
//
// The Score has Type = source, Vector = the label as written, no Base and no Version. A label that is known
// but says "not assessed" ("not yet assigned", "untriaged") gives UNKNOWN without an error; a word that is not
// on the source's scale is an error wrapping ErrUnknownLabel, and an unknown source one wrapping ErrUnknownType.
func FromLabel(source, label string) (Score, error) {
	var (
		r   Rating
		err error
	)
	switch source {
	case TypeGHSA:
		r, err = githubSeverity(label)
	case TypeDebian:
		r, err = debianUrgency(label)
	case TypeUbuntu:
		r, err = ubuntuPriority(label)
	default:
		return Score{}, fmt.Errorf("severity: %w %s: FromLabel knows %s, %s and %s", ErrUnknownType, quoteShort(source), TypeGHSA, TypeDebian, TypeUbuntu)
	}
	if err != nil {
		return Score{}, fmt.Errorf("severity: %s label %s: %w: %w", source, quoteShort(label), ErrUnknownLabel, err)
	}
	return Score{Type: source, Vector: strings.TrimSpace(label), Rating: r}, nil
}

// githubSeverity reads GitHub's database_specific.severity. GitHub writes LOW, MODERATE, HIGH or CRITICAL;
// ParseRating knows those (MODERATE is MEDIUM) and our own names besides, which costs nothing to accept.
func githubSeverity(label string) (Rating, error) {
	r, err := ParseRating(label)
	if err != nil {
		return Unknown, fmt.Errorf("not a GitHub advisory severity (low, moderate, high, critical)")
	}
	return r, nil
}

// debianUrgency maps a Debian urgency the way scanners that read Debian's security tracker do (aquasecurity
// trivy-db, pkg/vulnsrc/debian, severityFromUrgency):
//
//	unimportant, low                  → LOW
//	medium                            → MEDIUM
//	high                              → HIGH
//	not yet assigned, end-of-life     → UNKNOWN (the tracker has not rated it, or no longer supports it)
//
// The tracker's JSON export can append "*" or "**" to a level ("low**"); those marks are dropped, as trivy-db
// does. Debian has no CRITICAL.
//
// Urgencies also come from debian/changelog entries (Debian Policy §5.6.17: low, medium, high, emergency,
// critical), which is where the shared DEBCL- records take theirs. Changelog urgency says how fast an upload
// should migrate, not how bad the flaw is, but it is the only signal such records carry; its two extra words,
// emergency and critical, are above high on that scale and map to HIGH, Debian's top rating.
func debianUrgency(label string) (Rating, error) {
	word := strings.TrimRight(strings.ToLower(strings.TrimSpace(label)), "*")
	switch word {
	case "unimportant", "low":
		return Low, nil
	case "medium":
		return Medium, nil
	case "high", "emergency", "critical":
		return High, nil
	case "not yet assigned", "end-of-life":
		return Unknown, nil
	}
	return Unknown, fmt.Errorf("not a Debian urgency (unimportant, low, medium, high, emergency, critical, not yet assigned, end-of-life)")
}

// ubuntuPriority maps Ubuntu's CVE priority (negligible, low, medium, high, critical; "untriaged" before the
// security team has looked) as trivy-db does (pkg/vulnsrc/ubuntu, SeverityFromPriority): negligible is LOW,
// since the scale has nothing between it and "no vulnerability", and untriaged is UNKNOWN.
func ubuntuPriority(label string) (Rating, error) {
	switch strings.ToLower(strings.TrimSpace(label)) {
	case "negligible", "low":
		return Low, nil
	case "medium":
		return Medium, nil
	case "high":
		return High, nil
	case "critical":
		return Critical, nil
	case "untriaged":
		return Unknown, nil
	}
	return Unknown, fmt.Errorf("not an Ubuntu priority (negligible, low, medium, high, critical, untriaged)")
}
