package java

import (
	"slices"
	"strings"
	"testing"
)

func TestParseBundleLicense(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"https://www.apache.org/licenses/LICENSE-2.0.txt", []string{"https://www.apache.org/licenses/LICENSE-2.0.txt"}},
		{`Apache-2.0;link="https://www.apache.org/licenses/LICENSE-2.0";description="Apache, 2.0"`, []string{"Apache-2.0"}},
		{"EPL-2.0, GPL-2.0-with-classpath-exception", []string{"EPL-2.0", "GPL-2.0-with-classpath-exception"}},
		{`"Apache License, Version 2.0";link=x`, []string{"Apache License, Version 2.0"}},
		{"Apache License, Version 2.0", []string{"Apache License, Version 2.0"}},
		{"Apache License, Version 2.0;link=http://x", []string{"Apache License, Version 2.0"}},
		{"MIT, MIT", []string{"MIT"}},
		{"<<EXTERNAL>>", nil},
		{"  ", nil},
		{",", nil},
		{strings.Repeat("a,", 20), slices.Repeat([]string{"a"}, 1)},
		{strings.Repeat("x", 300), []string{strings.Repeat("x", maxLicenseLen)}},
	}
	for _, tt := range tests {
		if got := parseBundleLicense(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("parseBundleLicense(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseBundleLicenseBoundsCount(t *testing.T) {
	var ids []string
	for i := range 20 {
		ids = append(ids, "L"+strings.Repeat("x", i))
	}
	if got := parseBundleLicense(strings.Join(ids, ",")); !slices.Equal(got, ids[:maxLicenses]) {
		t.Errorf("got %q, want the first %d", got, maxLicenses)
	}
}
