package severity

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// FromVector scores one CVSS vector from an OSV `severity[]` entry of type CVSS_V2, CVSS_V3 or CVSS_V4 (the type
// is matched without regard to case). The vector must be of the version its type names:
//
//   - CVSS_V2: no prefix ("AV:N/AC:L/Au:N/C:P/I:N/A:N"); NVD's older feeds wrap it in parentheses, which are
//     accepted.
//   - CVSS_V3: "CVSS:3.0/..." or "CVSS:3.1/...", each scored by its own specification.
//   - CVSS_V4: "CVSS:4.0/...".
//
// Score.Base is always the base score. For CVSS v4 that means CVSS-B: a vector that also carries threat or
// environmental metrics (CVSS-BT, -BE, -BTE) is scored without them, so that Base means the same thing for every
// version and every record (a v3 vector's temporal metrics are ignored the same way). Score.Vector keeps the
// vector as written, so nothing is lost.
//
// Errors wrap ErrUnknownType or ErrMalformedVector, and the library's own error when it has one. The one
// exception would be a library result outside 0..10: a bug there, reported as such rather than shown.
func FromVector(osvType, vector string) (Score, error) {
	v := strings.TrimSpace(vector)
	switch strings.ToUpper(strings.TrimSpace(osvType)) {
	case TypeCVSSV2:
		return scoreV2(v)
	case TypeCVSSV3:
		return scoreV3(v)
	case TypeCVSSV4:
		return scoreV4(v)
	}
	return Score{}, fmt.Errorf("severity: %w %s: FromVector scores CVSS_V2, CVSS_V3 and CVSS_V4 vectors (use FromEntry or FromLabel for labels)",
		ErrUnknownType, quoteShort(osvType))
}

// scored checks what the library computed before anyone relies on it: a score outside 0..10 would be a bug
// there, and it must surface as an error, not as a severity nobody can explain.
func scored(osvType, vector, version string, base float64) (Score, error) {
	if math.IsNaN(base) || base < 0 || base > 10 {
		return Score{}, fmt.Errorf("severity: %s vector %s: CVSS %s scoring gave %v, outside 0..10", osvType, quoteShort(vector), version, base)
	}
	return Score{Type: osvType, Vector: vector, Base: base, Rating: RatingFromScore(version, base), Version: version}, nil
}

// malformed builds the error for a vector that does not parse; cause, when not nil, is the library's reason.
func malformed(osvType, vector, why string, cause error) error {
	if cause != nil {
		return fmt.Errorf("severity: %s vector %s: %w: %s: %w", osvType, quoteShort(vector), ErrMalformedVector, why, libraryError{cause})
	}
	return fmt.Errorf("severity: %s vector %s: %w: %s", osvType, quoteShort(vector), ErrMalformedVector, why)
}

// libraryError carries the CVSS library's error, still reachable with errors.Is and errors.As, behind a
// message of bounded length and printable characters: the library echoes the part of the vector it could not
// read ("invalid metric abbreviation : <that part>"), which can be kilobytes of binary (found by FuzzFromVector).
type libraryError struct{ err error }

func (e libraryError) Error() string {
	const maxLen = 80
	msg := strings.Map(func(r rune) rune {
		if r == utf8.RuneError || !unicode.IsPrint(r) {
			return '?'
		}
		return r
	}, e.err.Error())
	if len(msg) <= maxLen {
		return msg
	}
	cut := maxLen
	for cut > 0 && !utf8.RuneStart(msg[cut]) {
		cut--
	}
	return msg[:cut] + "…"
}

func (e libraryError) Unwrap() error { return e.err }

// quoteShort quotes s for an error message, cut to a length a terminal line can hold: a vector comes from
// downloaded data and may be arbitrarily long or binary.
func quoteShort(s string) string {
	const maxLen = 96
	if len(s) <= maxLen {
		return strconv.Quote(s)
	}
	return strconv.Quote(s[:maxLen]) + fmt.Sprintf("… (%d bytes)", len(s))
}
