package version

import (
	"strings"
	"testing"

	"golang.org/x/mod/semver"
)

// fuzzEcosystems are the distinct parsers; the fuzzer picks one per input.
var fuzzEcosystems = []string{"Debian", "Red Hat", "Alpine", "Maven", "PyPI", "npm", "crates.io", "Go"}

// FuzzCompare parses three arbitrary strings with one ecosystem's rules and
// checks that Parse never panics and that Compare on whatever parsed is a
// total order: reflexive, antisymmetric and (except for Maven, whose
// reference implementation is not) transitive. For Go module
// versions it also checks agreement with golang.org/x/mod/semver.
func FuzzCompare(f *testing.F) {
	seeds := [][3]string{
		{"1:1.0~rc1-1+deb12u1", "1.0-1+b1", "1.0~~a"},
		{"1:2.0-1.el9", "1.0^git1~pre-1", "1.0~rc1"},
		{"1.2.3_git20210101-r1", "1.0_alpha_pre2", "1.8.28p1-r1"},
		{"1.0.0.RC1", "1-0.alpha", "2.9.10.8"},
		{"1!1.0a1.post2.dev3+ubuntu.1", "1.0.dev1", "v1.0-1"},
		{"1.2.3-beta.11+build", "=v1.2.3", "1.2.3-01"},
		{"1.0.0-alpha.1", "1.0.0+x", "1.0.0"},
		{"v1.2.4-0.20210101000000-abcdef123456", "go1.21rc2", "v2.0.0+incompatible"},
	}
	for i, s := range seeds {
		f.Add(uint8(i), s[0], s[1], s[2])
	}
	f.Fuzz(func(t *testing.T, which uint8, a, b, c string) {
		eco := fuzzEcosystems[int(which)%len(fuzzEcosystems)]
		cmp, err := For(eco)
		if err != nil {
			t.Fatal(err)
		}
		var vs []Version
		for _, s := range []string{a, b, c} {
			v, err := cmp.Parse(s)
			if err != nil {
				if v != nil {
					t.Fatalf("%s: Parse(%q) returned both a version and %v", eco, s, err)
				}
				continue
			}
			if v.String() != s {
				t.Fatalf("%s: Parse(%q).String() = %q", eco, s, v.String())
			}
			if got := v.Compare(v); got != 0 {
				t.Fatalf("%s: Compare(%q, itself) = %d", eco, s, got)
			}
			vs = append(vs, v)
		}
		for _, x := range vs {
			for _, y := range vs {
				xy, yx := x.Compare(y), y.Compare(x)
				if xy != -yx || xy < -1 || xy > 1 {
					t.Fatalf("%s: Compare(%q, %q) = %d but reverse = %d", eco, x, y, xy, yx)
				}
				for _, z := range vs {
					if eco == "Maven" {
						// Maven's ComparableVersion itself is not transitive
						// (see TestMavenIntransitiveLikeMaven); mirroring it
						// matters more than a total order.
						break
					}
					if xy <= 0 && y.Compare(z) <= 0 && x.Compare(z) > 0 {
						t.Fatalf("%s: not transitive: %q <= %q <= %q but %q > %q", eco, x, y, z, x, z)
					}
				}
				if eco == "Go" {
					checkGoAgainstXMod(t, x.String(), y.String(), xy)
				}
			}
		}
	})
}

// checkGoAgainstXMod compares with x/mod/semver when both inputs are module
// versions (the toolchain spellings have no x/mod counterpart).
func checkGoAgainstXMod(t *testing.T, a, b string, got int) {
	withV := func(s string) string {
		if strings.HasPrefix(s, "v") {
			return s
		}
		return "v" + s
	}
	if strings.HasPrefix(a, "go") || strings.HasPrefix(b, "go") || !semver.IsValid(withV(a)) || !semver.IsValid(withV(b)) {
		return
	}
	if want := semver.Compare(withV(a), withV(b)); got != want {
		t.Fatalf("Go: Compare(%q, %q) = %d, x/mod/semver says %d", a, b, got, want)
	}
}

// FuzzParse feeds one arbitrary string to every ecosystem: no panics, and a
// failure is always a ParseError.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"1.0", "1:1.0-1", "1.0_rc1-r1", "1!1.0+local", "v1.2.3-pre+b", "go1.21rc2", "1.0.RELEASE", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, eco := range fuzzEcosystems {
			c, _ := For(eco)
			v, err := c.Parse(s)
			if err != nil {
				if pe, ok := err.(*ParseError); !ok || pe.Ecosystem != eco || pe.Version != s {
					t.Fatalf("%s: Parse(%q) error %#v is not a ParseError", eco, s, err)
				}
				continue
			}
			if v.Compare(v) != 0 {
				t.Fatalf("%s: %q not equal to itself", eco, s)
			}
		}
	})
}

// FuzzPrefixSkip checks the common-prefix shortcut of the dpkg and rpm
// comparators against a walk from the start of the strings.
func FuzzPrefixSkip(f *testing.F) {
	f.Add("1.0~rc1+b1", "1.0~rc10")
	f.Add("1.10a", "1.1a")
	f.Add("1.0^git1", "1.0.1")
	f.Add("10", "1")
	f.Fuzz(func(t *testing.T, a, b string) {
		if got, want := dpkgVerrevcmp(a, b), dpkgVerrevcmpFrom(a, b, 0); got != want {
			t.Fatalf("dpkgVerrevcmp(%q, %q) = %d, from start %d", a, b, got, want)
		}
		if got, want := rpmvercmp(a, b), rpmvercmpFrom(a, b, 0); got != want {
			t.Fatalf("rpmvercmp(%q, %q) = %d, from start %d", a, b, got, want)
		}
	})
}
