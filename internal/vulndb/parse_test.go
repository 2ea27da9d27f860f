package vulndb

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseRejects(t *testing.T) {
	for name, data := range map[string]string{
		"not JSON":             `{"id": "X-1",`,
		"no id":                `{"modified": "2026-01-01T00:00:00Z"}`,
		"id with a slash":      `{"id": "../x", "modified": "2026-01-01T00:00:00Z"}`,
		"bad time":             `{"id": "X-1", "modified": "yesterday"}`,
		"package without name": `{"id": "X-1", "modified": "2026-01-01T00:00:00Z", "affected": [{"package": {"ecosystem": "npm"}}]}`,
		"unknown range type":   `{"id": "X-1", "modified": "2026-01-01T00:00:00Z", "affected": [{"package": {"ecosystem": "npm", "name": "a"}, "ranges": [{"type": "DATE", "events": []}]}]}`,
		"two events in one":    `{"id": "X-1", "modified": "2026-01-01T00:00:00Z", "affected": [{"package": {"ecosystem": "npm", "name": "a"}, "ranges": [{"type": "SEMVER", "events": [{"introduced": "0", "fixed": "1.0.0"}]}]}]}`,
	} {
		if _, err := Parse([]byte(data)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if _, err := Parse([]byte(`{"id":"X-1","modified":"` + strings.Repeat("9", MaxRecord) + `"}`)); err == nil {
		t.Error("an oversized record was accepted")
	}
}

func TestParseTolerantTimes(t *testing.T) {
	// as real records carry them: golang/vulndb's placeholder and a YAML conversion's unpadded year
	for _, m := range []string{"0001-01-01T00:00:00Z", "1-01-01T00:00:00Z"} {
		v, err := Parse([]byte(`{"id": "X-1", "modified": "` + m + `", "published": "2021-04-14T20:04:52Z"}`))
		if err != nil {
			t.Fatalf("%s: %v", m, err)
		}
		if v.Version().Year() != 2021 {
			t.Errorf("%s: version time %v, want the published time", m, v.Version())
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, dir := range []string{"go", "pypi", "debian", "npm", "maven"} {
		files, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "osv", dir, "*.json"))
		for i, p := range files {
			if i >= 3 {
				break
			}
			if data, err := os.ReadFile(p); err == nil {
				f.Add(data)
			}
		}
	}
	f.Add([]byte(`{"id":"X-1","modified":"2026-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"Debian:12","name":"a"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"1"}]}]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := Parse(data)
		if err != nil {
			return
		}
		if v.ID == "" {
			t.Fatal("a record without an id was accepted")
		}
		for _, a := range v.Affected {
			if a.Package.Name == "" || a.Package.Ecosystem == "" {
				t.Fatal("an affected package without a name was accepted")
			}
		}
	})
}
