package severity

import "testing"

// Vectors used below, with their published base scores:
const (
	// [NVD] CVE-2014-0160 (Heartbleed): CVSS v2 5.0 MEDIUM
	heartbleedV2 = "AV:N/AC:L/Au:N/C:P/I:N/A:N"
	// [NVD] and FIRST's CVSS v3.1 examples, CVE-2014-0160: 7.5 HIGH
	heartbleedV31 = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N"
	// FIRST's CVSS v3.0 examples, CVE-2014-0160: 7.5 HIGH
	heartbleedV30 = "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N"
	// FIRST's CVSS v3.1 examples, CVE-2014-3566 (POODLE): 3.1 LOW
	poodleV31 = "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N"
	// [NVD] CVE-2021-44228 (Log4Shell): CVSS v3.1 10.0 CRITICAL
	log4shellV31 = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H"
	// FIRST's CVSS v4.0 examples, CVE-2020-3549: CVSS-B 7.7 HIGH
	ciscoV40 = "CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:P/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"
)

func TestPick(t *testing.T) {
	cases := []struct {
		name string
		in   Inputs
		want Score
	}{
		{
			name: "nothing at all",
			in:   Inputs{},
			want: Score{Rating: Unknown},
		},
		{
			name: "v4 beats v3.1 even when v3.1 scores higher",
			in:   Inputs{Severity: []Entry{{TypeCVSSV3, log4shellV31}, {TypeCVSSV4, ciscoV40}}},
			want: Score{Type: TypeCVSSV4, Vector: ciscoV40, Base: 7.7, Rating: High, Version: Version40},
		},
		{
			name: "v3.1 beats v3.0 and v2",
			in:   Inputs{Severity: []Entry{{TypeCVSSV2, heartbleedV2}, {TypeCVSSV3, heartbleedV30}, {TypeCVSSV3, poodleV31}}},
			want: Score{Type: TypeCVSSV3, Vector: poodleV31, Base: 3.1, Rating: Low, Version: Version31},
		},
		{
			name: "v3.0 beats v2",
			in:   Inputs{Severity: []Entry{{TypeCVSSV2, heartbleedV2}, {TypeCVSSV3, heartbleedV30}}},
			want: Score{Type: TypeCVSSV3, Vector: heartbleedV30, Base: 7.5, Rating: High, Version: Version30},
		},
		{
			name: "v2 alone",
			in:   Inputs{Severity: []Entry{{TypeCVSSV2, heartbleedV2}}},
			want: Score{Type: TypeCVSSV2, Vector: heartbleedV2, Base: 5.0, Rating: Medium, Version: Version20},
		},
		{
			name: "two vectors of one version: the higher base wins, whatever the order",
			in:   Inputs{Severity: []Entry{{TypeCVSSV3, poodleV31}, {TypeCVSSV3, heartbleedV31}}},
			want: Score{Type: TypeCVSSV3, Vector: heartbleedV31, Base: 7.5, Rating: High, Version: Version31},
		},
		{
			name: "any CVSS, even v2, beats a label",
			in:   Inputs{Severity: []Entry{{TypeCVSSV2, heartbleedV2}}, GHSA: "CRITICAL", DebianUrgency: "high"},
			want: Score{Type: TypeCVSSV2, Vector: heartbleedV2, Base: 5.0, Rating: Medium, Version: Version20},
		},
		{
			name: "a malformed newer vector is passed over",
			in:   Inputs{Severity: []Entry{{TypeCVSSV4, "CVSS:4.0/AV:N"}, {TypeCVSSV3, heartbleedV31}}},
			want: Score{Type: TypeCVSSV3, Vector: heartbleedV31, Base: 7.5, Rating: High, Version: Version31},
		},
		{
			name: "unknown types are passed over",
			in:   Inputs{Severity: []Entry{{"SEVERITY_TYPE_UNSPECIFIED", "9"}, {TypeCVSSV3, heartbleedV31}}},
			want: Score{Type: TypeCVSSV3, Vector: heartbleedV31, Base: 7.5, Rating: High, Version: Version31},
		},
		{
			name: "only unreadable vectors: falls back to the GitHub label",
			in:   Inputs{Severity: []Entry{{TypeCVSSV3, "CVSS:3.1/AV:N"}}, GHSA: "MODERATE"},
			want: Score{Type: TypeGHSA, Vector: "MODERATE", Rating: Medium},
		},
		{
			name: "GitHub label alone",
			in:   Inputs{GHSA: "HIGH"},
			want: Score{Type: TypeGHSA, Vector: "HIGH", Rating: High},
		},
		{
			name: "Debian urgency alone",
			in:   Inputs{DebianUrgency: "unimportant"},
			want: Score{Type: TypeDebian, Vector: "unimportant", Rating: Low},
		},
		{
			name: "Ubuntu priority in severity[]",
			in:   Inputs{Severity: []Entry{{TypeUbuntu, "critical"}}},
			want: Score{Type: TypeUbuntu, Vector: "critical", Rating: Critical},
		},
		{
			name: "several labels: the most severe",
			in:   Inputs{Severity: []Entry{{TypeUbuntu, "low"}}, GHSA: "MODERATE", DebianUrgency: "high"},
			want: Score{Type: TypeDebian, Vector: "high", Rating: High},
		},
		{
			name: "several labels of equal rating: GitHub, then Ubuntu, then Debian",
			in:   Inputs{Severity: []Entry{{TypeUbuntu, "medium"}}, GHSA: "MODERATE", DebianUrgency: "medium"},
			want: Score{Type: TypeGHSA, Vector: "MODERATE", Rating: Medium},
		},
		{
			name: "a rated label beats a not-yet-rated one",
			in:   Inputs{Severity: []Entry{{TypeUbuntu, "untriaged"}}, DebianUrgency: "low"},
			want: Score{Type: TypeDebian, Vector: "low", Rating: Low},
		},
		{
			name: "a not-yet-rated label is UNKNOWN but says where it came from",
			in:   Inputs{DebianUrgency: "not yet assigned"},
			want: Score{Type: TypeDebian, Vector: "not yet assigned", Rating: Unknown},
		},
		{
			name: "labels off the scale are passed over",
			in:   Inputs{GHSA: "SEVERE", DebianUrgency: "whenever"},
			want: Score{Rating: Unknown},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := Pick(tc.in); got != tc.want {
				t.Errorf("Pick(%+v)\n got %+v\nwant %+v", tc.in, got, tc.want)
			}
		})
	}
}
