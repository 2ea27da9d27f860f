package python

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParseMetadata checks that no input panics and that what comes out is well formed.
func FuzzParseMetadata(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "*"))
	if err != nil {
		f.Fatal(err)
	}
	seeds := 0
	for _, file := range files {
		if fi, err := os.Stat(file); err != nil || fi.IsDir() || filepath.Base(file) == "README.md" {
			continue
		}
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
		seeds++
	}
	if seeds == 0 {
		f.Fatal("no seed fixtures")
	}
	for _, seed := range []string{
		"Name: a\r\nVersion: 1\r\nLicense: X\r\n  more\r\n\r\n",
		"\xEF\xBB\xBFName: a\nVersion: 1\nClassifier: License :: OSI Approved\n",
		"Name: a\nVersion: 1\nLicense-Expression: MIT\nLicense: UNKNOWN\n",
		"", "\n", ":\n", " \n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := parseMetadata(bytes.NewReader(data))
		if err != nil {
			return
		}
		if m.Name == "" || m.Version == "" {
			t.Errorf("no error, yet name %q version %q", m.Name, m.Version)
		}
		if m.Name != strings.TrimSpace(m.Name) || m.Version != strings.TrimSpace(m.Version) {
			t.Errorf("untrimmed name or version: %q %q", m.Name, m.Version)
		}
		for _, l := range m.licenses() {
			if l == "" || !utf8.ValidString(l) {
				t.Errorf("bad license %q in %q", l, m.licenses())
			}
		}
	})
}

// FuzzWants checks the path rules against their definition on arbitrary paths.
func FuzzWants(f *testing.F) {
	for _, seed := range []string{
		"/usr/lib/python3/dist-packages/six-1.16.0.egg-info/PKG-INFO",
		"/app/.venv/lib/python3.11/site-packages/chardet-5.1.0.dist-info/METADATA",
		"/usr/lib/python3/dist-packages/python_apt-2.6.0.egg-info",
		"/site-packages/.egg-info",
		"",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, p string) {
		if !isMetadataPath(p) {
			return
		}
		// the same rule, spelled out over the path's elements (Entry paths are clean, but p may be anything)
		elems := strings.Split(p, "/")
		meta := elems[len(elems)-1]
		holder := len(elems) - 2 // index of the packages directory
		switch {
		case meta == "METADATA" && len(elems) >= 3 && strings.HasSuffix(elems[len(elems)-2], ".dist-info"),
			meta == "PKG-INFO" && len(elems) >= 3 && strings.HasSuffix(elems[len(elems)-2], ".egg-info"):
			holder = len(elems) - 3
		case strings.HasSuffix(meta, ".egg-info"):
		default:
			t.Fatalf("wanted %q, which names no metadata file", p)
		}
		if holder < 1 || (elems[holder] != "site-packages" && elems[holder] != "dist-packages") {
			t.Errorf("wanted %q, which is not directly in a packages directory", p)
		}
	})
}
