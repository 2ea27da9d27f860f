package severity

import (
	"math"
	"testing"
)

// The boundaries of the scales. v2: NVD's CVSS v2 ranges (https://nvd.nist.gov/vuln-metrics/cvss):
// Low 0.0-3.9, Medium 4.0-6.9, High 7.0-10.0. v3.x and v4.0: CVSS v3.1 specification §5, Table 14, and
// CVSS v4.0 specification §6: None 0.0, Low 0.1-3.9, Medium 4.0-6.9, High 7.0-8.9, Critical 9.0-10.0.
func TestRatingFromScoreBoundaries(t *testing.T) {
	cases := []struct {
		version string
		base    float64
		want    Rating
	}{
		{Version20, 0.0, Low}, {Version20, 3.9, Low}, {Version20, 4.0, Medium}, {Version20, 6.9, Medium},
		{Version20, 7.0, High}, {Version20, 9.9, High}, {Version20, 10.0, High},

		{Version30, 0.0, None}, {Version30, 0.1, Low}, {Version30, 3.9, Low}, {Version30, 4.0, Medium},
		{Version30, 6.9, Medium}, {Version30, 7.0, High}, {Version30, 8.9, High}, {Version30, 9.0, Critical},
		{Version30, 10.0, Critical},

		{Version31, 0.0, None}, {Version31, 0.1, Low}, {Version31, 3.9, Low}, {Version31, 4.0, Medium},
		{Version31, 6.9, Medium}, {Version31, 7.0, High}, {Version31, 8.9, High}, {Version31, 9.0, Critical},
		{Version31, 10.0, Critical},

		{Version40, 0.0, None}, {Version40, 0.1, Low}, {Version40, 3.9, Low}, {Version40, 4.0, Medium},
		{Version40, 6.9, Medium}, {Version40, 7.0, High}, {Version40, 8.9, High}, {Version40, 9.0, Critical},
		{Version40, 10.0, Critical},
	}
	for _, tc := range cases {
		if got := RatingFromScore(tc.version, tc.base); got != tc.want {
			t.Errorf("RatingFromScore(%q, %v) = %s, want %s", tc.version, tc.base, got, tc.want)
		}
	}
}

// Anything that is not a score of a known version is UNKNOWN, not a guess.
func TestRatingFromScoreRefusesToGuess(t *testing.T) {
	cases := []struct {
		version string
		base    float64
	}{
		{"", 5}, {"3", 5}, {"5.0", 5}, {"v3.1", 5},
		{Version31, -0.1}, {Version31, 10.1}, {Version31, math.NaN()}, {Version31, math.Inf(1)},
		{Version20, -1}, {Version40, 11},
	}
	for _, tc := range cases {
		if got := RatingFromScore(tc.version, tc.base); got != Unknown {
			t.Errorf("RatingFromScore(%q, %v) = %s, want UNKNOWN", tc.version, tc.base, got)
		}
	}
}
