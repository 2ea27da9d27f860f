package sbom

import "testing"

func TestSPDXLicenseID(t *testing.T) {
	tests := []struct {
		in     string
		want   string
		wantOK bool
	}{
		{"MIT", "MIT", true},
		{"mit", "MIT", true},
		{"apache-2.0", "Apache-2.0", true},
		{"LGPL-2.1", "LGPL-2.1", true}, // deprecated, still an id
		{" GPL-2.0-or-later ", "GPL-2.0-or-later", true},
		{"GPL-2+", "", false}, // Debian's spelling, not SPDX
		{"BSD", "", false},
		{"MIT OR Apache-2.0", "", false}, // an expression, not an id
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := spdxLicenseID(tt.in)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("spdxLicenseID(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.wantOK)
		}
	}
}

func TestSPDXLicenseExpression(t *testing.T) {
	tests := []struct {
		name   string
		in     []string
		want   string
		wantOK bool
	}{
		{"one id", []string{"MIT"}, "MIT", true},
		{"case is normalised", []string{"apache-2.0"}, "Apache-2.0", true},
		{"several ids are ANDed", []string{"MIT", "BSD-3-Clause"}, "MIT AND BSD-3-Clause", true},
		{"an expression alone", []string{"(MIT OR Apache-2.0)"}, "MIT OR Apache-2.0", true},
		{"a compound part is parenthesised", []string{"MIT OR Apache-2.0", "Zlib"}, "(MIT OR Apache-2.0) AND Zlib", true},
		{"with an exception", []string{"GPL-2.0-only WITH Classpath-exception-2.0"}, "GPL-2.0-only WITH Classpath-exception-2.0", true},
		{"one non-SPDX name spoils it", []string{"MIT", "GPL-2+"}, "", false},
		{"LicenseRef needs an extracted-license section we do not write", []string{"LicenseRef-foo"}, "", false},
		{"none", nil, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := spdxLicenseExpression(tt.in)
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("spdxLicenseExpression(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

func TestUniqueLicenses(t *testing.T) {
	got := uniqueLicenses([]string{"MIT", "", " MIT ", "GPL-2+", "MIT"})
	if len(got) != 2 || got[0] != "MIT" || got[1] != "GPL-2+" {
		t.Errorf("uniqueLicenses = %q, want [MIT GPL-2+]", got)
	}
}
