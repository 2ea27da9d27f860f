package severity

// Score is one severity signal, scored or mapped. It has no JSON tags on purpose: how a report spells it is
// the report's business (and a CVSS base of 0.0 must not vanish the way omitempty would make it).
type Score struct {
	// Type is where the signal came from: an OSV severity type (TypeCVSSV2, TypeCVSSV3, TypeCVSSV4,
	// TypeUbuntu) or an ecosystem's own label (TypeGHSA, TypeDebian). Empty when nothing was known.
	Type string
	// Vector is the CVSS vector as the record spelled it, or the label as written ("MODERATE", "unimportant").
	Vector string
	// Base is the CVSS base score, 0..10. A label has no number, so Base is 0 when Version is empty.
	Base float64
	// Rating is the qualitative severity; UNKNOWN when nothing usable was found.
	Rating Rating
	// Version is the CVSS version ("2.0", "3.0", "3.1", "4.0"), empty for labels.
	Version string
}

// OSV severity types (OSV schema, `severity[].type`) and the ecosystem labels this package understands.
const (
	TypeCVSSV2 = "CVSS_V2"
	TypeCVSSV3 = "CVSS_V3"
	TypeCVSSV4 = "CVSS_V4"
	TypeUbuntu = "Ubuntu" // OSV severity type whose score is Ubuntu's priority word
	TypeGHSA   = "GHSA"   // GitHub advisory database_specific.severity
	TypeDebian = "Debian" // Debian urgency (affected[].ecosystem_specific.urgency)
)

// CVSS versions, as Score.Version spells them.
const (
	Version20 = "2.0"
	Version30 = "3.0"
	Version31 = "3.1"
	Version40 = "4.0"
)

// versionRank orders CVSS versions for Pick: a newer version describes the vulnerability with a better model,
// so it wins over an older one whatever the numbers say.
func versionRank(version string) int {
	switch version {
	case Version40:
		return 4
	case Version31:
		return 3
	case Version30:
		return 2
	case Version20:
		return 1
	}
	return 0
}
