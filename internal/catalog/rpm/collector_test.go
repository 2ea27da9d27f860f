package rpm

import (
	"fmt"
	"strings"
	"testing"
)

func TestCollectorBounds(t *testing.T) {
	pkg := func(name string, files ...string) []byte {
		return buildHeader(str(tagName, name), str(tagVersion, "1"), strArray(tagOldFilenames, files...))
	}
	tests := []struct {
		name                  string
		maxPackages, maxOwned int
		headers               [][]byte
		wantPackages          int
		wantOwned             map[string]string
		wantErr               string
	}{
		{"within bounds, first owner kept", 2, 3,
			[][]byte{pkg("a", "/usr/bin/x", "/usr/bin/y"), pkg("b", "/usr/bin/x")},
			2, map[string]string{"/usr/bin/x": "rpm:a", "/usr/bin/y": "rpm:a"}, ""},
		{"too many packages", 2, 10,
			[][]byte{pkg("a"), pkg("b"), pkg("c")},
			2, nil, "more than 2 packages"},
		{"too many owned paths", 5, 2,
			[][]byte{pkg("a", "/usr/bin/x", "/usr/bin/y"), pkg("b", "/usr/bin/z")},
			2, map[string]string{"/usr/bin/x": "rpm:a", "/usr/bin/y": "rpm:a"}, "more than 2 owned paths"},
		{"a damaged header is skipped, not fatal", 5, 5,
			[][]byte{pkg("a"), []byte("junk"), pkg("b")},
			2, nil, ""},
	}
	for _, tt := range tests {
		c := collector{keep: defaultEvidence, dbPath: "/var/lib/rpm/Packages", maxPackages: tt.maxPackages, maxOwned: tt.maxOwned}
		var err error
		for _, h := range tt.headers {
			if err = c.add(h); err != nil {
				break
			}
		}
		if tt.wantErr == "" && err != nil || tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.wantErr)
		}
		if len(c.result.Packages) != tt.wantPackages || fmt.Sprint(c.result.Owned) != fmt.Sprint(tt.wantOwned) {
			t.Errorf("%s: %d packages, owned %v; want %d, %v", tt.name, len(c.result.Packages), c.result.Owned, tt.wantPackages, tt.wantOwned)
		}
	}
}
