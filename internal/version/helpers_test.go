package version

import (
	"errors"
	"testing"
)

// cmpCase is one expected ordering: Compare(a, b) == want, where want is
// -1, 0 or +1. src says where the expectation comes from.
type cmpCase struct {
	a, b string
	want int
	src  string
}

// checkCases runs every case through both the one-shot and the parse-once
// API, in both directions, so each row also checks antisymmetry.
func checkCases(t *testing.T, ecosystem string, cases []cmpCase) {
	t.Helper()
	c, err := For(ecosystem)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range cases {
		got, err := c.Compare(tc.a, tc.b)
		if err != nil {
			t.Errorf("%s: Compare(%q, %q): %v (%s)", ecosystem, tc.a, tc.b, err, tc.src)
			continue
		}
		if got != tc.want {
			t.Errorf("%s: Compare(%q, %q) = %d, want %d (%s)", ecosystem, tc.a, tc.b, got, tc.want, tc.src)
		}
		va, _ := c.Parse(tc.a)
		vb, _ := c.Parse(tc.b)
		if back := vb.Compare(va); back != -tc.want {
			t.Errorf("%s: Compare(%q, %q) = %d, want %d (reverse of %s)", ecosystem, tc.b, tc.a, back, -tc.want, tc.src)
		}
		if va.String() != tc.a {
			t.Errorf("%s: Parse(%q).String() = %q", ecosystem, tc.a, va.String())
		}
	}
}

// checkSorted asserts that each version sorts strictly before the next,
// and that every pair, not only neighbours, agrees with that order.
func checkSorted(t *testing.T, ecosystem string, ascending []string, src string) {
	t.Helper()
	c, err := For(ecosystem)
	if err != nil {
		t.Fatal(err)
	}
	parsed := make([]Version, len(ascending))
	for i, s := range ascending {
		if parsed[i], err = c.Parse(s); err != nil {
			t.Fatalf("%s: Parse(%q): %v (%s)", ecosystem, s, err, src)
		}
	}
	for i := range parsed {
		for j := range parsed {
			want := sign(i - j)
			if got := parsed[i].Compare(parsed[j]); got != want {
				t.Errorf("%s: Compare(%q, %q) = %d, want %d (%s)", ecosystem, ascending[i], ascending[j], got, want, src)
			}
		}
	}
}

// checkInvalid asserts that each input is rejected with a ParseError that
// names the ecosystem and wraps ErrInvalidVersion.
func checkInvalid(t *testing.T, ecosystem string, inputs []string) {
	t.Helper()
	c, err := For(ecosystem)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range inputs {
		v, err := c.Parse(s)
		if err == nil {
			t.Errorf("%s: Parse(%q) = %v, want an error", ecosystem, s, v)
			continue
		}
		var pe *ParseError
		if !errors.Is(err, ErrInvalidVersion) || !errors.As(err, &pe) || pe.Ecosystem != ecosystem || pe.Version != s {
			t.Errorf("%s: Parse(%q) error %v is not a ParseError for this ecosystem and input", ecosystem, s, err)
		}
		if _, err := c.Compare(s, "1"); err == nil {
			t.Errorf("%s: Compare(%q, \"1\") succeeded", ecosystem, s)
		}
	}
}
