package severity

import (
	"errors"
	"testing"
)

func TestFromLabelMapsEachEcosystemsWords(t *testing.T) {
	cases := []struct {
		source, label string
		want          Rating
	}{
		// GitHub's advisory database: low, moderate, high, critical (as in database_specific.severity)
		{TypeGHSA, "LOW", Low},
		{TypeGHSA, "MODERATE", Medium},
		{TypeGHSA, "HIGH", High},
		{TypeGHSA, "CRITICAL", Critical},
		{TypeGHSA, "moderate", Medium},

		// Debian security tracker urgencies, mapped as trivy-db's severityFromUrgency does
		{TypeDebian, "unimportant", Low},
		{TypeDebian, "low", Low},
		{TypeDebian, "medium", Medium},
		{TypeDebian, "high", High},
		{TypeDebian, "not yet assigned", Unknown},
		{TypeDebian, "end-of-life", Unknown},
		{TypeDebian, "low**", Low}, // the tracker's JSON export marks some levels with asterisks
		{TypeDebian, "medium*", Medium},
		{TypeDebian, "High", High},
		// debian/changelog urgencies (Debian Policy §5.6.17) above "high"
		{TypeDebian, "emergency", High},
		{TypeDebian, "critical", High},

		// Ubuntu CVE priorities, mapped as trivy-db's SeverityFromPriority does
		{TypeUbuntu, "negligible", Low},
		{TypeUbuntu, "low", Low},
		{TypeUbuntu, "medium", Medium},
		{TypeUbuntu, "high", High},
		{TypeUbuntu, "critical", Critical},
		{TypeUbuntu, "untriaged", Unknown},
	}
	for _, tc := range cases {
		got, err := FromLabel(tc.source, tc.label)
		if err != nil {
			t.Errorf("FromLabel(%s, %q): %v", tc.source, tc.label, err)
			continue
		}
		want := Score{Type: tc.source, Vector: tc.label, Rating: tc.want}
		if got != want {
			t.Errorf("FromLabel(%s, %q) = %+v, want %+v", tc.source, tc.label, got, want)
		}
	}
}

func TestFromLabelRejectsWordsOffTheScale(t *testing.T) {
	cases := []struct {
		source, label string
		wantErr       error
	}{
		{TypeGHSA, "", ErrUnknownLabel},
		{TypeGHSA, "IMPORTANT", ErrUnknownLabel},
		{TypeDebian, "", ErrUnknownLabel},
		{TypeDebian, "whenever", ErrUnknownLabel},
		{TypeDebian, "negligible", ErrUnknownLabel}, // Ubuntu's word, not Debian's
		{TypeUbuntu, "moderate", ErrUnknownLabel},
		{"Alpine", "high", ErrUnknownType},
		{TypeCVSSV3, "HIGH", ErrUnknownType}, // CVSS types carry vectors, not labels
	}
	for _, tc := range cases {
		got, err := FromLabel(tc.source, tc.label)
		if !errors.Is(err, tc.wantErr) {
			t.Errorf("FromLabel(%s, %q) = %+v, %v; want an error wrapping %v", tc.source, tc.label, got, err, tc.wantErr)
		}
	}
}

func TestFromEntryDispatchesOnTheOSVType(t *testing.T) {
	// [NVD] CVE-2014-0160, CVSS v3.1: 7.5
	s, err := FromEntry(Entry{Type: "CVSS_V3", Score: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N"})
	if err != nil || s.Base != 7.5 || s.Version != Version31 {
		t.Errorf("CVSS_V3 entry: %+v, %v", s, err)
	}
	s, err = FromEntry(Entry{Type: "Ubuntu", Score: "medium"})
	if err != nil || s != (Score{Type: TypeUbuntu, Vector: "medium", Rating: Medium}) {
		t.Errorf("Ubuntu entry: %+v, %v", s, err)
	}
	if _, err := FromEntry(Entry{Type: "SEVERITY_TYPE_UNSPECIFIED", Score: "x"}); !errors.Is(err, ErrUnknownType) {
		t.Errorf("unknown type: %v, want ErrUnknownType", err)
	}
	if _, err := FromEntry(Entry{Type: "CVSS_V4", Score: "garbage"}); !errors.Is(err, ErrMalformedVector) {
		t.Errorf("bad v4 vector: %v, want ErrMalformedVector", err)
	}
}
