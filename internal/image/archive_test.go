package image

import (
	"os"
	"path/filepath"
	"testing"
)

func TestSplitArchiveSpec(t *testing.T) {
	dir := t.TempDir()
	plain := filepath.Join(dir, "app.tar")
	colon := filepath.Join(dir, "odd:name.tar")
	for _, p := range []string{plain, colon} {
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct{ spec, file, tag string }{
		{plain, plain, ""},
		{plain + ":app:1.0", plain, "app:1.0"},
		{plain + ":registry:5000/team/app:1.0", plain, "registry:5000/team/app:1.0"},
		{colon, colon, ""},
		{colon + ":app:2", colon, "app:2"},
		{filepath.Join(dir, "missing.tar"), filepath.Join(dir, "missing.tar"), ""},
	} {
		if f, tag := splitArchiveSpec(tc.spec); f != tc.file || tag != tc.tag {
			t.Errorf("%q: got (%q, %q), want (%q, %q)", tc.spec, f, tag, tc.file, tc.tag)
		}
	}
}
