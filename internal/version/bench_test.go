package version

import "testing"

// benchPairs are realistic comparisons for each ecosystem: an installed
// version against an advisory's fixed version, differing late in the
// string, which is the common and the slowest case.
var benchPairs = map[string][][2]string{
	"Debian":    {{"1:2.36.1-8+deb12u1", "1:2.36.1-8+deb12u2"}, {"3.0.11-1~deb12u2", "3.0.11-1"}, {"7.81.0-1ubuntu1.14", "7.81.0-1ubuntu1.15~esm1"}},
	"Red Hat":   {{"1:3.0.7-24.el9", "1:3.0.7-25.el9_3"}, {"2.4.6-150400.3.3.1", "2.4.6-150400.3.6.1"}, {"1.0^git1", "1.0.1"}},
	"Alpine":    {{"1.2.3_git20210101-r1", "1.2.3_git20210102-r0"}, {"3.1.4-r5", "3.1.4-r6"}, {"2.4.58_rc1-r0", "2.4.58-r1"}},
	"Maven":     {{"5.3.19.RELEASE", "5.3.20"}, {"2.9.10.8", "2.9.10.7"}, {"2.0.0-rc1", "2.0.0-SNAPSHOT"}},
	"PyPI":      {{"2.31.0", "2.31.0.post1"}, {"1.0rc1", "1.0"}, {"1!1.0a1.dev3+ubuntu.1", "1!1.0a1.dev3+ubuntu.2"}},
	"npm":       {{"4.17.20", "4.17.21"}, {"1.0.0-beta.2", "1.0.0-beta.11"}, {"2.7.2+asdf", "3.0.0"}},
	"crates.io": {{"1.44.0", "1.44.1"}, {"0.9.9-alpha.1", "0.9.9"}, {"1.0.0", "1.0.0"}},
	"Go":        {{"v0.0.0-20210101000000-abcdef123456", "v0.0.0-20210102000000-123456abcdef"}, {"v1.2.4-0.20210101000000-abcdef123456", "v1.2.4"}, {"go1.21rc2", "1.21.0"}},
}

// BenchmarkCompare measures Compare on versions parsed once, the hot path
// of advisory matching; it must not allocate.
func BenchmarkCompare(b *testing.B) {
	for _, eco := range fuzzEcosystems {
		pairs := benchPairs[eco]
		c, _ := For(eco)
		parsed := make([][2]Version, len(pairs))
		for i, p := range pairs {
			x, err1 := c.Parse(p[0])
			y, err2 := c.Parse(p[1])
			if err1 != nil || err2 != nil {
				b.Fatal(err1, err2)
			}
			parsed[i] = [2]Version{x, y}
		}
		b.Run(eco, func(b *testing.B) {
			b.ReportAllocs()
			sink := 0
			for i := 0; i < b.N; i++ {
				p := parsed[i%len(parsed)]
				sink += p[0].Compare(p[1])
			}
			_ = sink
		})
	}
}

// BenchmarkParse measures the one-time cost per version string.
func BenchmarkParse(b *testing.B) {
	for _, eco := range fuzzEcosystems {
		pairs := benchPairs[eco]
		c, _ := For(eco)
		b.Run(eco, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := c.Parse(pairs[i%len(pairs)][i%2]); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestCompareDoesNotAllocate(t *testing.T) {
	for eco, pairs := range benchPairs {
		c, _ := For(eco)
		for _, p := range pairs {
			x, _ := c.Parse(p[0])
			y, _ := c.Parse(p[1])
			if n := testing.AllocsPerRun(100, func() { x.Compare(y) }); n != 0 {
				t.Errorf("%s: Compare(%q, %q) allocates %.0f times", eco, p[0], p[1], n)
			}
		}
	}
}
