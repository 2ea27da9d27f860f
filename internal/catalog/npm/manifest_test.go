package npm

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// The fixtures are real package.json files (see testdata/README.md); the expected values were read off them.
func TestParseManifestFixtures(t *testing.T) {
	tests := []struct {
		file string
		want manifest
	}{
		{"lodash-4.17.15.json", manifest{"lodash", "4.17.15", []string{"MIT"}}},
		{"types-busboy-1.5.0.json", manifest{"@types/busboy", "1.5.0", []string{"MIT"}}},
		{"json-schema-0.2.3.json", manifest{"json-schema", "0.2.3", []string{"AFLv2.1", "BSD"}}},
		{"pause-stream-0.0.11.json", manifest{"pause-stream", "0.0.11", []string{"MIT", "Apache2"}}},
		{"qrcode-terminal-0.12.0.json", manifest{"qrcode-terminal", "0.12.0", []string{"Apache 2.0"}}},
		// both "license" and "licenses" name MIT: once is enough
		{"utils-merge-1.0.1.json", manifest{"utils-merge", "1.0.1", []string{"MIT"}}},
		{"debian-node-busboy-1.6.0.json", manifest{"busboy", "1.6.0", []string{"MIT"}}},
		{"vets-frontend-project.json", manifest{"vets-frontend", "1.0.0", nil}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			got, err := parseManifest(data)
			if err != nil {
				t.Fatalf("parseManifest: %v", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestParseManifestEdgeCases(t *testing.T) {
	tests := []struct {
		name    string
		json    string
		want    manifest
		wantErr string // substring of the error; "" for none
	}{
		{"object license", `{"name":"a","version":"1.0.0","license":{"type":"MIT","url":"https://x"}}`,
			manifest{"a", "1.0.0", []string{"MIT"}}, ""},
		{"licenses as strings", `{"name":"a","version":"1","licenses":["ISC"," ISC ","BSD"]}`,
			manifest{"a", "1", []string{"ISC", "BSD"}}, ""},
		{"licenses as single object", `{"name":"a","version":"1","licenses":{"type":"GPL"}}`,
			manifest{"a", "1", []string{"GPL"}}, ""},
		{"unusable license shapes ignored", `{"name":"a","version":"1","license":42,"licenses":[{"type":7},{},null,""]}`,
			manifest{"a", "1", nil}, ""},
		{"SPDX expression kept whole", `{"name":"a","version":"1","license":"(MIT OR Apache-2.0)"}`,
			manifest{"a", "1", []string{"(MIT OR Apache-2.0)"}}, ""},
		{"byte order mark", "\xEF\xBB\xBF{\"name\":\"a\",\"version\":\"2.0.0\"}", manifest{"a", "2.0.0", nil}, ""},
		{"whitespace trimmed", `{"name":" a ","version":"\t1.0.0\n"}`, manifest{"a", "1.0.0", nil}, ""},
		{"keys are case-sensitive", `{"Name":"a","VERSION":"1"}`, manifest{}, ""},
		{"duplicate key: last wins", `{"name":"a","version":"1","version":"2"}`, manifest{"a", "2", nil}, ""},
		{"null name", `{"name":null,"version":"1"}`, manifest{"", "1", nil}, ""},
		{"no version", `{"name":"a","private":true}`, manifest{"a", "", nil}, ""},
		{"null document", `null`, manifest{}, ""},
		{"numeric version", `{"name":"a","version":1.5}`, manifest{}, `"version" is a number`},
		{"object name", `{"name":{"x":1},"version":"1"}`, manifest{}, `"name" is an object`},
		{"array document", `["name","version"]`, manifest{}, "not an object"},
		{"string document", `"package"`, manifest{}, "not an object"},
		{"truncated", `{"name":"a","version":"1"`, manifest{}, "not valid JSON"},
		{"trailing comma", `{"name":"a","version":"1",}`, manifest{}, "not valid JSON"},
		{"empty file", ``, manifest{}, "not valid JSON"},
		{"UTF-16 encoded", "\xFF\xFE{\x00}\x00", manifest{}, "not valid JSON"},
		{"deeply nested", `{"name":"a","version":"1","x":` + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + `}`,
			manifest{}, "not valid JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseManifest([]byte(tt.json))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("parseManifest: %v", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}
