package severity

import "errors"

// Errors callers can test with errors.Is. Returned errors wrap one of these and say which input was wrong.
var (
	// ErrUnknownType: a severity type this package does not know (not CVSS_V2/V3/V4, Ubuntu, GHSA or Debian).
	ErrUnknownType = errors.New("unknown severity type")
	// ErrMalformedVector: a CVSS vector that does not parse, or whose version does not match its OSV type.
	ErrMalformedVector = errors.New("malformed CVSS vector")
	// ErrUnknownLabel: an ecosystem label that has no place on the scale (e.g. a Debian urgency "whenever").
	ErrUnknownLabel = errors.New("unknown severity label")
	// ErrUnknownRating: ParseRating was given a word that is not a rating.
	ErrUnknownRating = errors.New("unknown rating")
)
