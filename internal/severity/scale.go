package severity

import "math"

// RatingFromScore puts a CVSS base score on the qualitative scale of its CVSS version:
//
//   - "2.0": NVD's scale for CVSS v2 (CVSS v2 itself defines none): LOW 0.0-3.9, MEDIUM 4.0-6.9, HIGH 7.0-10.0.
//     It has no NONE and no CRITICAL, so a v2 score of 0.0 is LOW and 10.0 is HIGH, as NVD shows them.
//   - "3.0", "3.1", "4.0": FIRST's qualitative severity rating scale (CVSS v3.1 specification §5, unchanged in
//     v4.0): NONE 0.0, LOW 0.1-3.9, MEDIUM 4.0-6.9, HIGH 7.0-8.9, CRITICAL 9.0-10.0.
//
// Any other version, or a score outside 0..10 (or NaN), is UNKNOWN rather than a guess.
func RatingFromScore(version string, base float64) Rating {
	if math.IsNaN(base) || base < 0 || base > 10 {
		return Unknown
	}
	switch version {
	case Version20:
		switch {
		case base >= 7.0:
			return High
		case base >= 4.0:
			return Medium
		default:
			return Low
		}
	case Version30, Version31, Version40:
		switch {
		case base >= 9.0:
			return Critical
		case base >= 7.0:
			return High
		case base >= 4.0:
			return Medium
		case base >= 0.1:
			return Low
		default:
			return None
		}
	}
	return Unknown
}
