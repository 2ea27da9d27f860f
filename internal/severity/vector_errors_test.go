package severity

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	gocvss20 "github.com/pandatix/go-cvss/20"
	gocvss30 "github.com/pandatix/go-cvss/30"
	gocvss31 "github.com/pandatix/go-cvss/31"
	gocvss40 "github.com/pandatix/go-cvss/40"
)

// Malformed input must come back as an error that names the problem, never as a panic or a made-up score.
func TestFromVectorRejectsMalformedVectors(t *testing.T) {
	cases := []struct {
		name     string
		osvType  string
		vector   string
		wantErr  error  // ours, or the library's when the point is that its reason reaches the caller
		contains string // a piece of the message a user needs to see
	}{
		{"empty v3", TypeCVSSV3, "", ErrMalformedVector, "CVSS:3.1/"},
		{"empty v2", TypeCVSSV2, "", ErrMalformedVector, "CVSS_V2"},
		{"empty v4", TypeCVSSV4, "   ", ErrMalformedVector, "CVSS:4.0/"},
		{"v3 without prefix", TypeCVSSV3, "AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", ErrMalformedVector, "prefix"},
		{"v3 type holding a v4 vector", TypeCVSSV3, "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", ErrMalformedVector, "CVSS:3.0/"},
		{"v4 type holding a v3 vector", TypeCVSSV4, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", ErrMalformedVector, "CVSS:4.0/"},
		{"v2 type holding a v3 vector", TypeCVSSV2, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", ErrMalformedVector, "no \"CVSS:\" prefix"},
		{"unknown v3 minor", TypeCVSSV3, "CVSS:3.2/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", ErrMalformedVector, "CVSS:3.2"},
		{"v3 missing a base metric", TypeCVSSV3, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N", ErrMalformedVector, "not a CVSS v3.1 vector"},
		{"v3 bad value", TypeCVSSV3, "CVSS:3.1/AV:Z/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", gocvss31.ErrInvalidMetricValue, "not a CVSS v3.1 vector"},
		{"v3.0 bad value", TypeCVSSV3, "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:Q", gocvss30.ErrInvalidMetricValue, "not a CVSS v3.0 vector"},
		{"v3 duplicated metric", TypeCVSSV3, "CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", ErrMalformedVector, "AV metric abbreviation defined multiple times"},
		{"v3 trailing slash", TypeCVSSV3, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N/", ErrMalformedVector, "not a CVSS v3.1 vector"},
		{"v3 lower case", TypeCVSSV3, "cvss:3.1/av:n/ac:l/pr:n/ui:n/s:u/c:h/i:n/a:n", ErrMalformedVector, "prefix"},
		{"v2 metrics out of order", TypeCVSSV2, "AC:L/AV:N/Au:N/C:P/I:N/A:N", gocvss20.ErrInvalidMetricOrder, "not a CVSS v2.0 vector"},
		{"v2 truncated", TypeCVSSV2, "AV:N/AC:L/Au:N/C:P", ErrMalformedVector, "not a CVSS v2.0 vector"},
		{"v2 unbalanced parenthesis", TypeCVSSV2, "(AV:N/AC:L/Au:N/C:P/I:N/A:N", ErrMalformedVector, "not a CVSS v2.0 vector"},
		{"v4 missing base metrics", TypeCVSSV4, "CVSS:4.0/AV:N/AC:L", gocvss40.ErrTooShortVector, "not a CVSS v4.0 vector"},
		{"v4 metrics out of order", TypeCVSSV4, "CVSS:4.0/AC:L/AV:N/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", ErrMalformedVector, "not a CVSS v4.0 vector"},
		{"v4 bad value", TypeCVSSV4, "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:S/SA:N", ErrMalformedVector, "not a CVSS v4.0 vector"},
		{"unknown type", "CVSS_V5", "CVSS:5.0/AV:N", ErrUnknownType, "CVSS_V5"},
		{"label type is not a vector", TypeUbuntu, "medium", ErrUnknownType, "FromLabel"},
		{"empty type", "", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", ErrUnknownType, `""`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := FromVector(tc.osvType, tc.vector)
			if err == nil {
				t.Fatalf("FromVector(%q, %q) = %+v, want an error", tc.osvType, tc.vector, got)
			}
			if !errors.Is(err, tc.wantErr) {
				t.Errorf("error %q does not wrap %v", err, tc.wantErr)
			}
			if !strings.Contains(err.Error(), tc.contains) {
				t.Errorf("error %q does not mention %q", err, tc.contains)
			}
			if got != (Score{}) {
				t.Errorf("a failed FromVector returned %+v, want the zero Score", got)
			}
		})
	}
}

// The library's own reason stays reachable for callers that want it.
func TestFromVectorWrapsTheLibraryError(t *testing.T) {
	_, err := FromVector(TypeCVSSV3, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N")
	if err == nil {
		t.Fatal("want an error")
	}
	var withCause interface{ Unwrap() []error }
	if !errors.As(err, &withCause) || len(withCause.Unwrap()) != 2 {
		t.Errorf("error %q should wrap both ErrMalformedVector and the library's error", err)
	}
}

// A vector from downloaded data can be huge, or binary; the message must stay short and printable, even
// where the library echoes the part it could not read (found by FuzzFromVector; its input is kept in
// testdata/fuzz/FuzzFromVector/28f0a3069d6622f8).
func TestFromVectorErrorsStayPrintable(t *testing.T) {
	vector := "CVSS:3.0/A" + strings.Repeat("\x9e", 2000) + ":N"
	_, err := FromVector(TypeCVSSV3, vector)
	if err == nil {
		t.Fatal("want an error")
	}
	if len(err.Error()) > 600 {
		t.Errorf("error message is %d bytes long", len(err.Error()))
	}
	if strings.Contains(err.Error(), "\x9e") || !utf8.ValidString(err.Error()) || !strings.Contains(err.Error(), "invalid metric abbreviation") {
		t.Errorf("error %q should keep the library's reason, without raw bytes", err)
	}
	var invalid *gocvss30.ErrInvalidMetric
	if !errors.As(err, &invalid) {
		t.Errorf("error %q no longer unwraps to the library's ErrInvalidMetric", err)
	}
}

// A vector from downloaded data can be huge; the message must stay readable.
func TestFromVectorErrorsStayShort(t *testing.T) {
	long := "CVSS:3.1/" + strings.Repeat("AV:N/", 10000)
	_, err := FromVector(TypeCVSSV3, long)
	if err == nil {
		t.Fatal("want an error")
	}
	if len(err.Error()) > 400 {
		t.Errorf("error message is %d bytes long: %.200s…", len(err.Error()), err)
	}
	if !strings.Contains(err.Error(), "50009 bytes") {
		t.Errorf("error %q does not say how long the vector was", err)
	}
}
