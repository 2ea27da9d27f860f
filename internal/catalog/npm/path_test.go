package npm

import (
	"testing"

	"github.com/patchbay/patchbay/internal/catalog"
)

func TestClassify(t *testing.T) {
	tests := []struct {
		path string
		want kind
	}{
		// modules in node_modules, plain, scoped, nested, at the root of the filesystem
		{"/app/node_modules/lodash/package.json", installed},
		{"/app/node_modules/@types/node/package.json", installed},
		{"/app/node_modules/raw-body/node_modules/depd/package.json", installed},
		{"/app/node_modules/@babel/core/node_modules/@babel/types/package.json", installed},
		{"/node_modules/lodash/package.json", installed},
		{"/usr/local/lib/node_modules/npm/package.json", installed},
		// pnpm's store: the real files live under .pnpm/NAME@VER/node_modules/NAME
		{"/app/node_modules/.pnpm/lodash@4.17.15/node_modules/lodash/package.json", installed},
		// Debian's global module directories
		{"/usr/share/nodejs/acorn/package.json", installed},
		{"/usr/share/nodejs/@types/node/package.json", installed},
		{"/usr/lib/nodejs/undici/package.json", installed},
		{"/usr/lib/x86_64-linux-gnu/nodejs/ws/package.json", installed},
		{"/usr/lib/aarch64-linux-gnu/nodejs/@scope/name/package.json", installed},
		// files deeper inside a module are not packages
		{"/app/node_modules/lodash/lib/package.json", notWanted},
		{"/app/node_modules/x/test/fixtures/package.json", notWanted},
		{"/app/node_modules/@types/node/ts4.8/package.json", notWanted},
		{"/app/node_modules/@scope/package.json", notWanted},
		{"/app/node_modules/.bin/package.json", notWanted},
		{"/app/node_modules/package.json", notWanted},
		{"/app/node_modules/@/x/package.json", notWanted},
		// outside node_modules: candidate projects, kept by the fold step only beside a node_modules directory
		{"/app/package.json", project},
		{"/package.json", project},
		{"/usr/share/nodejs/acorn/dist/package.json", project},
		{"/usr/share/nodejs/package.json", project},
		{"/usr/lib/foo/nodejs/x/package.json", project}, // not a multiarch triplet
		// not package.json at all
		{"/app/node_modules/lodash/package.json.bak", notWanted},
		{"/app/node_modules/lodash/mypackage.json", notWanted},
		{"/app/node_modules/.package-lock.json", notWanted},
		{"/app/package-lock.json", notWanted},
		{"package.json", notWanted},
		{"", notWanted},
	}
	c := New()
	for _, tt := range tests {
		if got := classify(tt.path); got != tt.want {
			t.Errorf("classify(%q) = %v, want %v", tt.path, got, tt.want)
		}
		if got, want := c.Wants(catalog.Entry{Path: tt.path}), tt.want != notWanted; got != want {
			t.Errorf("Wants(%q) = %v, want %v", tt.path, got, want)
		}
	}
}

func TestWantsDoesNotAllocate(t *testing.T) {
	c := New()
	entries := []catalog.Entry{
		{Path: "/app/node_modules/@types/node/package.json"},
		{Path: "/usr/lib/x86_64-linux-gnu/nodejs/ws/package.json"},
		{Path: "/app/node_modules/x/lib/package.json"},
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
	e := catalog.Entry{Path: "/app/node_modules/@babel/core/node_modules/@babel/types/lib/index.js"}
	for b.Loop() {
		c.Wants(e)
	}
}
