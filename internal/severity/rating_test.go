package severity

import (
	"errors"
	"testing"
)

func TestRankOrdersRatingsFromUnknownToCritical(t *testing.T) {
	ordered := []Rating{Unknown, None, Low, Medium, High, Critical}
	for i, r := range ordered {
		if r.Rank() != i {
			t.Errorf("%s.Rank() = %d, want %d", r, r.Rank(), i)
		}
	}
	if got := Rating("SEVERE").Rank(); got != -1 {
		t.Errorf(`Rating("SEVERE").Rank() = %d, want -1`, got)
	}
}

func TestAtLeastIsTheFailOnThreshold(t *testing.T) {
	cases := []struct {
		r, min Rating
		want   bool
	}{
		{Critical, High, true},
		{High, High, true},
		{Medium, High, false},
		{Low, Low, true},
		{None, Low, false},
		{Unknown, Low, false},         // a record without severity never trips --fail-on low
		{Unknown, Unknown, true},      // ...unless the user asks for --fail-on unknown
		{Critical, Unknown, true},     // which every finding meets
		{Rating("bogus"), Low, false}, // invalid ratings neither pass nor fail silently
		{Critical, Rating("bogus"), false},
		{Rating("high"), High, false}, // Rating values are upper case; ParseRating is the way in from text
	}
	for _, tc := range cases {
		if got := tc.r.AtLeast(tc.min); got != tc.want {
			t.Errorf("%q.AtLeast(%q) = %v, want %v", tc.r, tc.min, got, tc.want)
		}
	}
}

func TestParseRatingAcceptsNamesInAnyCaseAndGitHubsModerate(t *testing.T) {
	cases := map[string]Rating{
		"none": None, "LOW": Low, "Medium": Medium, "high": High, "CRITICAL": Critical, "unknown": Unknown,
		"MODERATE": Medium, "moderate": Medium, " High ": High,
	}
	for in, want := range cases {
		got, err := ParseRating(in)
		if err != nil || got != want {
			t.Errorf("ParseRating(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}

func TestParseRatingRejectsOtherWords(t *testing.T) {
	for _, in := range []string{"", " ", "severe", "important", "med", "CRITICAL!", "negligible"} {
		got, err := ParseRating(in)
		if !errors.Is(err, ErrUnknownRating) {
			t.Errorf("ParseRating(%q) = %q, %v; want an error wrapping ErrUnknownRating", in, got, err)
		}
		if got != Unknown {
			t.Errorf("ParseRating(%q) returned %q with its error, want UNKNOWN", in, got)
		}
	}
}
