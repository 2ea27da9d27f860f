package severity

import (
	"errors"
	"strings"
	"testing"
)

// fuzzTypes are the OSV types FuzzFromVector feeds; the fuzzer picks one with a byte, so that its effort goes
// into the vectors rather than into finding the three type names.
var fuzzTypes = []string{TypeCVSSV2, TypeCVSSV3, TypeCVSSV4, "cvss_v3", TypeUbuntu, ""}

// FuzzFromVector: whatever the vector, FromVector must not panic, must fail with one of its documented errors,
// and whatever it accepts must be a coherent score. Pick, which calls it on every entry of a record, must not
// panic either.
//
//	go test -run '^$' -fuzz FuzzFromVector -fuzztime 60s -parallel 1 ./internal/severity
func FuzzFromVector(f *testing.F) {
	seeds := []struct {
		kind   byte
		vector string
	}{
		{0, "AV:N/AC:L/Au:N/C:P/I:N/A:N"},
		{0, "(AV:N/AC:M/Au:N/C:C/I:C/A:C)"},
		{0, "AV:L/AC:H/Au:N/C:C/I:C/A:C/E:POC/RL:OF/RC:C/CDP:H/TD:H/CR:M/IR:M/AR:M"},
		{1, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H"},
		{1, "CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H"},
		{1, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N/E:H/RL:O/RC:C/CR:H/MAV:A/MS:C"},
		{2, "CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:P/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U"},
		{2, "CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/E:P/CR:L/IR:H/AR:L/MAV:L/MAC:H/MAT:N/MPR:N/MUI:N/MVC:N/MVI:H/MVA:L/MSC:N/MSI:S/MSA:L/S:P/AU:Y/R:A/V:C/RE:L/U:Red"},
		{3, " CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N\n"},
		{4, "medium"},
		{1, "CVSS:3.1/"},
		{2, "CVSS:4.0"},
		{0, "()"},
		{1, "CVSS:3.1/AV:N/AV:N/AV:N"},
	}
	for _, s := range seeds {
		f.Add(s.kind, s.vector)
	}
	f.Fuzz(func(t *testing.T, kind byte, vector string) {
		osvType := fuzzTypes[int(kind)%len(fuzzTypes)]
		s, err := FromVector(osvType, vector)
		Pick(Inputs{Severity: []Entry{{osvType, vector}, {TypeUbuntu, vector}}, GHSA: vector, DebianUrgency: vector})

		if err != nil {
			if !errors.Is(err, ErrMalformedVector) && !errors.Is(err, ErrUnknownType) {
				t.Fatalf("FromVector(%q, %q): undocumented error %v", osvType, vector, err)
			}
			if s != (Score{}) {
				t.Fatalf("FromVector(%q, %q) failed but returned %+v", osvType, vector, s)
			}
			if len(err.Error()) > 600 {
				t.Fatalf("error message of %d bytes for a %d-byte vector", len(err.Error()), len(vector))
			}
			return
		}
		if s.Base < 0 || s.Base > 10 {
			t.Fatalf("FromVector(%q, %q): base %v outside 0..10", osvType, vector, s.Base)
		}
		if s.Version == "" || s.Rating == Unknown || s.Rating != RatingFromScore(s.Version, s.Base) {
			t.Fatalf("FromVector(%q, %q): incoherent %+v", osvType, vector, s)
		}
		if s.Type != strings.ToUpper(osvType) || s.Vector != strings.TrimSpace(vector) {
			t.Fatalf("FromVector(%q, %q): type or vector not kept: %+v", osvType, vector, s)
		}
		if again, err := FromVector(s.Type, s.Vector); err != nil || again != s {
			t.Fatalf("FromVector is not stable on its own output %+v: %+v, %v", s, again, err)
		}
	})
}
