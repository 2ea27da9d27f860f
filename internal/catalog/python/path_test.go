package python

import (
	"testing"

	"github.com/patchbay/patchbay/internal/catalog"
)

func TestWants(t *testing.T) {
	tests := []struct {
		path string
		want bool
	}{
		{"/app/.venv/lib/python3.11/site-packages/chardet-5.1.0.dist-info/METADATA", true},
		{"/usr/lib/python3/dist-packages/six-1.16.0.egg-info/PKG-INFO", true},
		{"/usr/lib/python3/dist-packages/python_apt-2.6.0.egg-info", true},
		{"/usr/local/lib/python3.12/site-packages/pip-24.0.dist-info/METADATA", true},
		{"/root/.pyenv/versions/2.7.18/lib/python2.7/site-packages/wsgiref.egg-info", true},
		// other files of a metadata directory
		{"/usr/lib/python3/dist-packages/PyYAML-6.0.dist-info/RECORD", false},
		{"/usr/lib/python3/dist-packages/six-1.16.0.egg-info/top_level.txt", false},
		// metadata in the wrong kind of directory
		{"/usr/lib/python3/dist-packages/six-1.16.0.egg-info/METADATA", false},
		{"/usr/lib/python3/dist-packages/PyYAML-6.0.dist-info/PKG-INFO", false},
		// not directly in a packages directory: vendored, nested, or a source tree
		{"/usr/lib/python3/dist-packages/pip/_vendor/x-1.0.dist-info/METADATA", false},
		{"/src/project/project.egg-info/PKG-INFO", false},
		{"/src/project/PKG-INFO", false},
		{"/usr/lib/python3/dist-packages/x/y.egg-info", false},
		{"/usr/lib/python3.11/lib-dynload/Python-2.7.18-py2.7.egg-info", false},
		{"/usr/lib/python3/site-packages-old/x-1.dist-info/METADATA", false},
		// look-alikes
		{"/usr/lib/python3/dist-packages/x-1.dist-info/METADATA.bak", false},
		{"/usr/lib/python3/dist-packages/x.egg-info.orig", false},
		{"/site-packages/x.egg-info", true},
		{"site-packages/x.egg-info", false},
		{"", false},
	}
	c := New()
	for _, tt := range tests {
		if got := c.Wants(catalog.Entry{Path: tt.path}); got != tt.want {
			t.Errorf("Wants(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
}

func TestWantsDoesNotAllocate(t *testing.T) {
	c := New()
	entries := []catalog.Entry{
		{Path: "/app/.venv/lib/python3.11/site-packages/chardet-5.1.0.dist-info/METADATA"},
		{Path: "/usr/lib/python3/dist-packages/six-1.16.0.egg-info/PKG-INFO"},
		{Path: "/usr/lib/python3/dist-packages/python_apt-2.6.0.egg-info"},
		{Path: "/usr/lib/x86_64-linux-gnu/libc.so.6"},
	}
	allocs := testing.AllocsPerRun(100, func() {
		for _, e := range entries {
			c.Wants(e)
		}
	})
	if allocs != 0 {
		t.Errorf("Wants allocates %v times per run, want 0", allocs)
	}
}

func BenchmarkWants(b *testing.B) {
	c := New()
	e := catalog.Entry{Path: "/usr/lib/python3/dist-packages/yaml/__pycache__/constructor.cpython-311.pyc"}
	for b.Loop() {
		c.Wants(e)
	}
}
