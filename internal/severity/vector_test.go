package severity

import "testing"

// Every expected base score below is published by the specification's authors or by NVD; none was computed
// by this package or its library. Sources:
//
//	[v2guide]  FIRST, "CVSS v2 Complete Documentation" (https://www.first.org/cvss/v2/guide), §3.3 Examples.
//	[v31ex]    FIRST, "CVSS v3.1 Examples" (https://www.first.org/cvss/v3.1/examples), by example title.
//	[v30ex]    FIRST, "CVSS v3.0 Examples" (https://www.first.org/cvss/v3.0/examples), by example title.
//	[v40ex]    FIRST, "CVSS v4.0 Examples" (https://www.first.org/cvss/v4.0/examples): vector and the score the
//	           document prints.
//	[v40calc]  a vector from [v40ex] for which the document links to FIRST's CVSS v4.0 calculator
//	           (https://www.first.org/cvss/calculator/4.0) instead of printing a number: the calculator's score.
//	[NVD]      the NVD entry of the CVE (https://nvd.nist.gov/vuln/detail/<CVE>), NIST's own assessment.
type vectorCase struct {
	name    string
	osvType string
	vector  string
	base    float64
	rating  Rating
	version string
}

func TestFromVectorCVSS2MatchesPublishedScores(t *testing.T) {
	runVectorCases(t, []vectorCase{
		// [v2guide] §3.3.1 CVE-2002-0392 Apache Chunked-Encoding Memory Corruption: base 7.8
		{"CVE-2002-0392", TypeCVSSV2, "AV:N/AC:L/Au:N/C:N/I:N/A:C", 7.8, High, Version20},
		// [v2guide] §3.3.2 CVE-2003-0818 Microsoft Windows ASN.1 Library Integer Handling: base 10.0
		{"CVE-2003-0818", TypeCVSSV2, "AV:N/AC:L/Au:N/C:C/I:C/A:C", 10.0, High, Version20},
		// [v2guide] §3.3.3 CVE-2003-0062 NOD32 Antivirus Buffer Overflow: base 6.2 (temporal metrics ignored)
		{"CVE-2003-0062 with temporal", TypeCVSSV2, "AV:L/AC:H/Au:N/C:C/I:C/A:C/E:POC/RL:OF/RC:C", 6.2, Medium, Version20},
		// [NVD] CVE-2014-0160 (Heartbleed), CVSS v2: 5.0 MEDIUM
		{"CVE-2014-0160", TypeCVSSV2, "AV:N/AC:L/Au:N/C:P/I:N/A:N", 5.0, Medium, Version20},
		// [NVD] CVE-2021-44228 (Log4Shell), CVSS v2: 9.3 HIGH; here in the parentheses of NVD's older feeds
		{"CVE-2021-44228 in parentheses", TypeCVSSV2, "(AV:N/AC:M/Au:N/C:C/I:C/A:C)", 9.3, High, Version20},
	})
}

func TestFromVectorCVSS3MatchesPublishedScores(t *testing.T) {
	runVectorCases(t, []vectorCase{
		// [NVD] CVE-2021-44228 (Log4Shell), CVSS v3.1: 10.0 CRITICAL
		{"CVE-2021-44228", TypeCVSSV3, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0, Critical, Version31},
		// [v31ex] "OpenSSL Heartbleed Vulnerability (CVE-2014-0160)": 7.5; also NVD's v3.1 score
		{"CVE-2014-0160", TypeCVSSV3, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", 7.5, High, Version31},
		// [v31ex] "SSLv3 POODLE Vulnerability (CVE-2014-3566)": 3.1
		{"CVE-2014-3566", TypeCVSSV3, "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N", 3.1, Low, Version31},
		// [v31ex] "MySQL Stored SQL Injection (CVE-2013-0375)": 6.4
		{"CVE-2013-0375", TypeCVSSV3, "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N", 6.4, Medium, Version31},
		// [v31ex] "VMware Guest to Host Escape Vulnerability (CVE-2012-1516)": 9.9
		{"CVE-2012-1516", TypeCVSSV3, "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H", 9.9, Critical, Version31},
		// [v31ex] "Cisco IOS Arbitrary Command Execution Vulnerability (CVE-2012-0384)": 7.2 (rescored PR:H in v3.1)
		{"CVE-2012-0384 v3.1", TypeCVSSV3, "CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H", 7.2, High, Version31},
		// [v31ex] "GNU Bourne-Again Shell (Bash) 'Shellshock' Vulnerability (CVE-2014-6271)": 9.8
		{"CVE-2014-6271", TypeCVSSV3, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8, Critical, Version31},
		// [v31ex] "DNS Kaminsky Bug (CVE-2008-1447)": 6.8
		{"CVE-2008-1447", TypeCVSSV3, "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:N/I:H/A:N", 6.8, Medium, Version31},
		// [v31ex] "Juniper Proxy ARP Denial of Service Vulnerability (CVE-2013-6014)": 9.3
		{"CVE-2013-6014", TypeCVSSV3, "CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:C/C:H/I:N/A:H", 9.3, Critical, Version31},
		// [v31ex] "Apple iOS Security Control Bypass Vulnerability (CVE-2014-2019)": 4.6
		{"CVE-2014-2019", TypeCVSSV3, "CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N", 4.6, Medium, Version31},
		// [v31ex] "Google Chrome Sandbox Bypass vulnerability (CVE-2012-5376)": 9.6
		{"CVE-2012-5376", TypeCVSSV3, "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H", 9.6, Critical, Version31},
		// [v31ex] "Lenovo ThinkPwn Exploit (CVE-2016-5729)": 8.2
		{"CVE-2016-5729", TypeCVSSV3, "CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:C/C:H/I:H/A:H", 8.2, High, Version31},
		// [v31ex] "Failure to Lock Flash on Resume from sleep (CVE-2015-2890)": 6.0
		{"CVE-2015-2890", TypeCVSSV3, "CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:U/C:N/I:H/A:H", 6.0, Medium, Version31},
		// [v31ex] "Intel DCI Issue (CVE-2018-3652)": 7.6
		{"CVE-2018-3652", TypeCVSSV3, "CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 7.6, High, Version31},
		// [v31ex] "Scripting Engine Memory Corruption Vulnerability (CVE-2019-0884)": 4.2
		{"CVE-2019-0884", TypeCVSSV3, "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:L/A:N", 4.2, Medium, Version31},
		// [v30ex] "phpMyAdmin Reflected Cross-site Scripting Vulnerability (CVE-2013-1937)": 6.1
		{"CVE-2013-1937 v3.0", TypeCVSSV3, "CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1, Medium, Version30},
		// [v30ex] "DokuWiki Reflected Cross-site Scripting Attack (CVE-2014-9253)": 5.4
		{"CVE-2014-9253 v3.0", TypeCVSSV3, "CVSS:3.0/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N", 5.4, Medium, Version30},
		// [v30ex] "Cisco IOS Arbitrary Command Execution Vulnerability (CVE-2012-0384)": 8.8 (PR:L before the v3.1 rescoring)
		{"CVE-2012-0384 v3.0", TypeCVSSV3, "CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 8.8, High, Version30},
		// CVSS v3.1 specification §7.1 (Base Metrics Equations): Impact <= 0 gives a base score of 0, rated NONE (§5)
		{"no impact", TypeCVSSV3, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", 0.0, None, Version31},
		// [v31ex] CVE-2014-0160 again, with temporal metrics: the base score is unchanged
		{"CVE-2014-0160 with temporal", TypeCVSSV3, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N/E:H/RL:O/RC:C", 7.5, High, Version31},
	})
}

func TestFromVectorCVSS4MatchesPublishedScores(t *testing.T) {
	runVectorCases(t, []vectorCase{
		// [v40ex] CVE-2020-3549 (Cisco FMC sftunnel), printed CVSS-B 7.7
		{"CVE-2020-3549", TypeCVSSV4, "CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:P/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 7.7, High, Version40},
		// [v40ex] the same with E:U is printed CVSS-BT 5.2; Base stays the CVSS-B 7.7 of the line above
		{"CVE-2020-3549 with threat", TypeCVSSV4, "CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:P/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U", 7.7, High, Version40},
		// [v40ex] CVE-2023-3089 (OpenShift FIPS), printed CVSS-B 8.3
		{"CVE-2023-3089", TypeCVSSV4, "CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:H/VI:L/VA:L/SC:N/SI:N/SA:N", 8.3, High, Version40},
		// [v40ex] the same with environmental metrics is printed CVSS-BE 8.1; Base stays 8.3
		{"CVE-2023-3089 with environmental", TypeCVSSV4, "CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:H/VI:L/VA:L/SC:N/SI:N/SA:N/CR:H/IR:L/AR:L/MAV:N/MAC:H/MVC:H/MVI:L/MVA:L", 8.3, High, Version40},
		// [v40ex] printed CVSS-B 8.7, and CVSS-BT 6.6 with E:U (Base stays 8.7)
		{"VA:H SA:L", TypeCVSSV4, "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:L", 8.7, High, Version40},
		{"VA:H SA:L with threat", TypeCVSSV4, "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:L/E:U", 8.7, High, Version40},
		// [v40ex] printed CVSS-B 8.3
		{"local PR:H VC:H VI:H", TypeCVSSV4, "CVSS:4.0/AV:L/AC:L/AT:N/PR:H/UI:N/VC:H/VI:H/VA:N/SC:N/SI:N/SA:N", 8.3, High, Version40},
		// [v40ex] printed 8.6 with the supplemental metric S:P, which never changes a score
		{"adjacent with supplemental", TypeCVSSV4, "CVSS:4.0/AV:A/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:N/SC:N/SI:N/SA:N/S:P", 8.6, High, Version40},
		// [v40ex] printed CVSS-B 8.5; with E:A/MVC:N/MVI:N/MVA:N it prints CVSS-BTE 0.0, Base stays 8.5
		{"local PR:L all high", TypeCVSSV4, "CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 8.5, High, Version40},
		{"local PR:L all high, environment removes impact", TypeCVSSV4, "CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:A/MVC:N/MVI:N/MVA:N", 8.5, High, Version40},
		// [v40ex] printed CVSS-B 7.1
		{"network PR:L VA:H", TypeCVSSV4, "CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N", 7.1, High, Version40},
		// [v40ex] printed 10.0 for the highest base metrics
		{"all high", TypeCVSSV4, "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H", 10.0, Critical, Version40},
		// [v40calc] CVE-2022-41741 (NGINX mp4 module): 7.3
		{"CVE-2022-41741", TypeCVSSV4, "CVSS:4.0/AV:L/AC:L/AT:P/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 7.3, High, Version40},
		// [v40calc] CVE-2021-44714 (Adobe Acrobat Reader): 4.6
		{"CVE-2021-44714", TypeCVSSV4, "CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:A/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N", 4.6, Medium, Version40},
		// [v40calc] CVE-2022-24682 (Zimbra calendar XSS): 5.1
		{"CVE-2022-24682", TypeCVSSV4, "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:A/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N", 5.1, Medium, Version40},
		// [v40calc] CVE-2022-22186 (Juniper EX4650): 6.9
		{"CVE-2022-22186", TypeCVSSV4, "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N", 6.9, Medium, Version40},
		// [v40calc] CVE-2023-21989 (Oracle VM VirtualBox): 5.9
		{"CVE-2023-21989", TypeCVSSV4, "CVSS:4.0/AV:L/AC:L/AT:N/PR:H/UI:N/VC:N/VI:N/VA:N/SC:H/SI:N/SA:N", 5.9, Medium, Version40},
		// [v40calc] CVE-2020-3947 (VMware Workstation/Fusion): 9.4
		{"CVE-2020-3947", TypeCVSSV4, "CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H", 9.4, Critical, Version40},
		// [v40calc] CVE-2023-48228 (authentik PKCE): 9.3
		{"CVE-2023-48228", TypeCVSSV4, "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:H/VA:N/SC:H/SI:H/SA:H", 9.3, Critical, Version40},
		// [v40calc] CVE-2013-6014 (Juniper Proxy ARP), rescored for v4.0: 6.4
		{"CVE-2013-6014", TypeCVSSV4, "CVSS:4.0/AV:A/AC:L/AT:N/PR:N/UI:N/VC:N/VI:L/VA:N/SC:H/SI:N/SA:H", 6.4, Medium, Version40},
		// [v40calc] no impact on the vulnerable or the subsequent system scores 0.0 (NONE)
		{"no impact", TypeCVSSV4, "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N", 0.0, None, Version40},
	})
}

func runVectorCases(t *testing.T, cases []vectorCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := FromVector(tc.osvType, tc.vector)
			if err != nil {
				t.Fatalf("FromVector(%s, %q): %v", tc.osvType, tc.vector, err)
			}
			want := Score{Type: tc.osvType, Vector: tc.vector, Base: tc.base, Rating: tc.rating, Version: tc.version}
			if got != want {
				t.Errorf("FromVector(%s, %q)\n got %+v\nwant %+v", tc.osvType, tc.vector, got, want)
			}
		})
	}
}

// The type is an OSV field read from downloaded data: its case and surrounding spaces are not significant,
// and neither are the spaces around a vector.
func TestFromVectorToleratesCaseAndSpaces(t *testing.T) {
	got, err := FromVector(" cvss_v3 ", "  CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N\n")
	if err != nil {
		t.Fatal(err)
	}
	// [v31ex] CVE-2014-0160: 7.5
	if got.Type != TypeCVSSV3 || got.Base != 7.5 || got.Vector != "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N" {
		t.Errorf("got %+v", got)
	}
}
