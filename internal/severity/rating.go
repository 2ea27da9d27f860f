package severity

import (
	"fmt"
	"strings"
)

// Rating is a qualitative severity. The names are FIRST's qualitative scale (CVSS v3.1 specification §5,
// CVSS v4.0 specification §6) plus UNKNOWN for "nothing in the record says".
type Rating string

// The ratings, from least to most severe.
const (
	Unknown  Rating = "UNKNOWN"
	None     Rating = "NONE"
	Low      Rating = "LOW"
	Medium   Rating = "MEDIUM"
	High     Rating = "HIGH"
	Critical Rating = "CRITICAL"
)

// Rank orders ratings: UNKNOWN 0 < NONE 1 < LOW 2 < MEDIUM 3 < HIGH 4 < CRITICAL 5, and -1 for a string that is
// not one of the ratings.
//
// UNKNOWN ranks lowest, as in Trivy and Grype, so that a threshold such as `--fail-on low` is never tripped by a
// record that simply has no severity; a user who wants those to fail asks for `--fail-on unknown`.
func (r Rating) Rank() int {
	switch r {
	case Unknown:
		return 0
	case None:
		return 1
	case Low:
		return 2
	case Medium:
		return 3
	case High:
		return 4
	case Critical:
		return 5
	}
	return -1
}

// AtLeast reports whether r is threshold or more severe; it is what `--fail-on` asks of each finding. It is
// false when either side is not a valid Rating, so a typo can never make every finding trip a threshold.
func (r Rating) AtLeast(threshold Rating) bool {
	rr, tr := r.Rank(), threshold.Rank()
	if rr < 0 || tr < 0 {
		return false
	}
	return rr >= tr
}

// ParseRating reads a rating name, ignoring case and surrounding spaces. It also accepts GitHub's "MODERATE",
// which is GitHub's word for MEDIUM (GitHub's advisory database uses low, moderate, high and critical).
func ParseRating(s string) (Rating, error) {
	name := strings.ToUpper(strings.TrimSpace(s))
	if name == "MODERATE" {
		return Medium, nil
	}
	r := Rating(name)
	if r.Rank() < 0 {
		return Unknown, fmt.Errorf("severity: %w %q (want one of none, low, medium (or moderate), high, critical, unknown)", ErrUnknownRating, s)
	}
	return r, nil
}
