package java

import (
	"strings"
	"testing"
	"testing/iotest"
)

func TestReadManifest(t *testing.T) {
	tests := []struct {
		name, in string
		want     manifest
	}{
		{"real (slf4j-nop.jar)", "Manifest-Version: 1.0\r\nCreated-By: Apache Maven 3.6.3\r\nBundle-Version: 1.7.32\r\n" +
			"Implementation-Version: 1.7.32\r\nImplementation-Title: slf4j-nop\r\nBundle-SymbolicName: slf4j.nop\r\n" +
			"Import-Package: org.slf4j;version=1.7.32,org.slf4j.spi;version=1.7.32,or\r\n g.slf4j.helpers\r\n\r\n",
			manifest{implementationTitle: "slf4j-nop", implementationVersion: "1.7.32", bundleSymbolicName: "slf4j.nop",
				bundleVersion: "1.7.32"}},
		{"continuation lines", "Bundle-License: https://www.apache.org/lic\n enses/LICENSE-2.0.txt\nBundle-Version: 2\n",
			manifest{bundleLicense: "https://www.apache.org/licenses/LICENSE-2.0.txt", bundleVersion: "2"}},
		{"names are case-insensitive", "implementation-title: x\nIMPLEMENTATION-VERSION: 1\n",
			manifest{implementationTitle: "x", implementationVersion: "1"}},
		{"CR line ends", "Specification-Title: s\rSpecification-Version: 3\r",
			manifest{specificationTitle: "s", specificationVersion: "3"}},
		{"main section ends at a blank line", "Implementation-Version: 1\n\nName: a/B.class\nImplementation-Version: 2\n",
			manifest{implementationVersion: "1"}},
		{"lines that are not headers are skipped", "garbage\n continued garbage\nBundle-Version: 4\n",
			manifest{bundleVersion: "4"}},
		{"values are trimmed", "Implementation-Version:   5  \n", manifest{implementationVersion: "5"}},
		{"later header wins", "Bundle-Version: 1\nBundle-Version: 2\n", manifest{bundleVersion: "2"}},
		{"empty", "", manifest{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// One byte at a time, so that line ends split across reads are exercised.
			got, err := readManifest(iotest.OneByteReader(strings.NewReader(tt.in)), 1024)
			if err != nil || got != tt.want {
				t.Errorf("readManifest = %+v, %v; want %+v", got, err, tt.want)
			}
		})
	}
}

func TestReadManifestBoundsLines(t *testing.T) {
	const maxLine = 64
	tests := []struct {
		name, in string
		want     manifest
	}{
		{"a header continued past the bound is cut", "Implementation-Title: " + strings.Repeat("a", 40) + "\n " +
			strings.Repeat("b", 40) + "\nBundle-Version: 1\n",
			manifest{implementationTitle: strings.Repeat("a", 40), bundleVersion: "1"}},
		{"a line past the bound ends the reading", "Bundle-Version: 1\nX-Long: " + strings.Repeat("x", 100) +
			"\nImplementation-Version: 2\n", manifest{bundleVersion: "1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := readManifest(strings.NewReader(tt.in), maxLine)
			if err != nil || got != tt.want {
				t.Errorf("readManifest = %+v, %v; want %+v", got, err, tt.want)
			}
		})
	}
}

func TestReadManifestReportsReadErrors(t *testing.T) {
	r := iotest.TimeoutReader(strings.NewReader(strings.Repeat("Bundle-Version: 1\n", 1000)))
	if _, err := readManifest(r, 1024); err == nil {
		t.Error("readManifest ignored a read error")
	}
}
