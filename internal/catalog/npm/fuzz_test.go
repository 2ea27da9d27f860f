package npm

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParseManifest checks that no input panics and that what comes out is well formed.
func FuzzParseManifest(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.json"))
	if err != nil || len(files) == 0 {
		f.Fatalf("no seed fixtures: %v", err)
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, seed := range []string{
		`{"name":"a","version":"1","license":{"type":"MIT"}}`,
		`{"name":"a","version":"1","licenses":[{"type":"MIT"},"ISC",null,7]}`,
		"\xEF\xBB\xBF{\"name\":\"a\",\"version\":\"1\"}",
		`[]`, `null`, `{"name":1}`, ``,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := parseManifest(data)
		if err != nil {
			if m.Name != "" || m.Version != "" || m.Licenses != nil {
				t.Errorf("error %v came with a result %+v", err, m)
			}
			return
		}
		if m.Name != strings.TrimSpace(m.Name) || m.Version != strings.TrimSpace(m.Version) {
			t.Errorf("untrimmed name or version: %q %q", m.Name, m.Version)
		}
		seen := map[string]bool{}
		for _, l := range m.Licenses {
			if l == "" || l != strings.TrimSpace(l) || seen[l] {
				t.Errorf("bad license list %q", m.Licenses)
			}
			seen[l] = true
		}
	})
}

// FuzzClassify checks the path rules against their definition on arbitrary paths.
func FuzzClassify(f *testing.F) {
	for _, seed := range []string{
		"/app/node_modules/lodash/package.json",
		"/app/node_modules/@types/node/package.json",
		"/usr/share/nodejs/@types/node/package.json",
		"/usr/lib/x86_64-linux-gnu/nodejs/ws/package.json",
		"/app/node_modules/x/lib/package.json",
		"/app/package.json",
		"/package.json",
		"package.json",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, p string) {
		k := classify(p)
		if k != notWanted && !strings.HasSuffix(p, "/package.json") {
			t.Errorf("classify(%q) = %v for a file that is not package.json", p, k)
		}
		if k == project && strings.Contains(p, "/node_modules/") {
			t.Errorf("classify(%q) = project inside node_modules", p)
		}
		if k == installed {
			// the parent, or the grandparent for a scope, is a modules directory
			dir := strings.TrimSuffix(p, "/package.json")
			parent, _ := splitLast(dir)
			grandparent, _ := splitLast(parent)
			if !isModulesDir(parent) && !isModulesDir(grandparent) {
				t.Errorf("classify(%q) = installed outside a modules directory", p)
			}
		}
	})
}
