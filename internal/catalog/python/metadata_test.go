package python

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// The fixtures are real metadata files (see testdata/README.md); the expected values were read off them.
func TestParseMetadataFixtures(t *testing.T) {
	tests := []struct {
		file         string
		want         metadata
		wantLicenses []string
	}{
		{"debian-python3-six-1.16.0-4.PKG-INFO",
			metadata{Name: "six", Version: "1.16.0", License: "MIT", LicenseClassifiers: []string{"MIT License"}},
			[]string{"MIT"}},
		{"debian-python3-yaml-6.0-3.METADATA",
			metadata{Name: "PyYAML", Version: "6.0", License: "MIT", LicenseClassifiers: []string{"MIT License"}},
			[]string{"MIT"}},
		// "License :: DFSG approved" is a category, not a license
		{"debian-python3-debian-0.1.49.PKG-INFO",
			metadata{Name: "python-debian", Version: "0.1.49", License: "GPL-2+",
				LicenseClassifiers: []string{"GNU General Public License v2 or later (GPLv2+)"}},
			[]string{"GPL-2+"}},
		{"debian-python3-apt-2.6.0.PKG-INFO",
			metadata{Name: "python-apt", Version: "2.6.0", License: "GNU GPL"},
			[]string{"GNU GPL"}},
		// a plain .egg-info file, Metadata-Version 1.0
		{"cpython-2.7.18-wsgiref.egg-info",
			metadata{Name: "wsgiref", Version: "0.1.2", License: "PSF or ZPL"},
			[]string{"PSF or ZPL"}},
		// Description goes on over continuation lines, some of them white space only; the classifier after it
		// proves the header was read past them
		{"cpython-2.7.18-Python.egg-info",
			metadata{Name: "Python", Version: "2.7.18", License: "PSF license",
				LicenseClassifiers: []string{"Python Software Foundation License"}},
			[]string{"PSF license"}},
		// Metadata 2.4: License-Expression
		{"urllib3-2.7.0.METADATA",
			metadata{Name: "urllib3", Version: "2.7.0", LicenseExpression: "MIT", LicenseClassifiers: nil},
			[]string{"MIT"}},
		// License holds the full license text: the classifier names it better
		{"traitlets-5.15.0.METADATA",
			metadata{Name: "traitlets", Version: "5.15.0", License: "BSD 3-Clause License", LicenseIsText: true,
				LicenseClassifiers: []string{"BSD License"}},
			[]string{"BSD License"}},
		{"libcst-1.0.1.METADATA",
			metadata{Name: "libcst", Version: "1.0.1", License: "All contributions towards LibCST are MIT licensed.",
				LicenseIsText: true, LicenseClassifiers: []string{"MIT License"}},
			[]string{"MIT License"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f, err := os.Open(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			got, err := parseMetadata(f)
			if err != nil {
				t.Fatalf("parseMetadata: %v", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v\nwant %+v", got, tt.want)
			}
			if l := got.licenses(); !reflect.DeepEqual(l, tt.wantLicenses) {
				t.Errorf("licenses = %q, want %q", l, tt.wantLicenses)
			}
		})
	}
}

func TestParseMetadataEdgeCases(t *testing.T) {
	tests := []struct {
		name         string
		text         string
		wantName     string
		wantVersion  string
		wantLicenses []string
		wantErr      string // substring of the error; "" for none
	}{
		{"CRLF line endings", "Name: a\r\nVersion: 1.0\r\nLicense: MIT\r\n\r\nbody", "a", "1.0", []string{"MIT"}, ""},
		{"byte order mark", "\xEF\xBB\xBFName: a\nVersion: 1\n", "a", "1", nil, ""},
		{"field names are case-insensitive", "name: a\nVERSION: 1\nlicense: MIT\n", "a", "1", []string{"MIT"}, ""},
		{"first of repeated fields wins", "Name: a\nName: b\nVersion: 1\nVersion: 2\n", "a", "1", nil, ""},
		{"UNKNOWN is no license", "Name: a\nVersion: 1\nLicense: UNKNOWN\n", "a", "1", nil, ""},
		{"UNKNOWN falls back to classifiers",
			"Name: a\nVersion: 1\nLicense: UNKNOWN\nClassifier: License :: OSI Approved :: MIT License\n",
			"a", "1", []string{"MIT License"}, ""},
		{"bare category classifiers name no license",
			"Name: a\nVersion: 1\nClassifier: License :: OSI Approved\nClassifier: License :: DFSG approved\n",
			"a", "1", nil, ""},
		{"classifiers deduplicated",
			"Name: a\nVersion: 1\nClassifier: License :: OSI Approved :: MIT License\nClassifier: License :: MIT License\nClassifier: License :: Public Domain\n",
			"a", "1", []string{"MIT License", "Public Domain"}, ""},
		{"expression wins over License",
			"Name: a\nVersion: 1\nLicense: BSD\nLicense-Expression: MIT OR Apache-2.0\n",
			"a", "1", []string{"MIT OR Apache-2.0"}, ""},
		{"license text without classifiers: its first line",
			"Name: a\nVersion: 1\nLicense: Copyright (c) 2020 Someone\n        Permission is hereby granted\n",
			"a", "1", []string{"Copyright (c) 2020 Someone"}, ""},
		{"body is not read", "Name: a\nVersion: 1\n\nLicense: GPL\nName: b\n", "a", "1", nil, ""},
		{"a line that is no field ends the header", "Name: a\nVersion: 1\nthis is prose\nLicense: GPL\n", "a", "1", nil, ""},
		{"a field name with a space ends the header", "Name: a\nVersion: 1\nNote this: x\nLicense: GPL\n", "a", "1", nil, ""},
		{"Latin-1 license made valid UTF-8", "Name: a\nVersion: 1\nLicense: Lic\xe9nce\n", "a", "1", []string{"Lic\uFFFDnce"}, ""},
		{"no trailing newline", "Name: a\nVersion: 1", "a", "1", nil, ""},
		{"empty file", "", "", "", nil, "no Name field"},
		{"no version", "Metadata-Version: 2.1\nName: a\n", "", "", nil, "no Version field"},
		{"name after the header", "Metadata-Version: 2.1\n\nName: a\nVersion: 1\n", "", "", nil, "no Name field"},
		{"empty name", "Name:\nVersion: 1\n", "", "", nil, "no Name field"},
		{"binary", "\x00\x01\x02PK\x03\x04", "", "", nil, "no Name field"},
		{"line too long", "Name: a\nVersion: 1\nDescription: " + strings.Repeat("x", maxLineLength) + "\n", "", "", nil, "line longer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseMetadata(strings.NewReader(tt.text))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("parseMetadata: %v", err)
			}
			if got.Name != tt.wantName || got.Version != tt.wantVersion {
				t.Errorf("name, version = %q, %q; want %q, %q", got.Name, got.Version, tt.wantName, tt.wantVersion)
			}
			if l := got.licenses(); !reflect.DeepEqual(l, tt.wantLicenses) {
				t.Errorf("licenses = %q, want %q", l, tt.wantLicenses)
			}
		})
	}
}

// A header that never ends is refused once it passes the bound, without holding more than a line.
func TestParseMetadataHeaderBound(t *testing.T) {
	line := "Classifier: Topic :: Utilities\n"
	r := strings.NewReader("Name: a\nVersion: 1\n" + strings.Repeat(line, maxHeaderSize/len(line)+1))
	if _, err := parseMetadata(r); err == nil || !strings.Contains(err.Error(), "header longer") {
		t.Fatalf("error = %v, want the header bound", err)
	}
}
