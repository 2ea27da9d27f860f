package version

import (
	"fmt"
	"strings"
	"testing"
)

// Sources: maven-artifact's ComparableVersionTest (CVT) and the
// ComparableVersion javadoc. Every row was checked with
// ComparableVersion.compareTo from maven-artifact 3.8.7 and 3.9.9 when
// written (both agree on all of them).
const (
	cvt   = "maven-artifact ComparableVersionTest"
	cvDoc = "ComparableVersion javadoc"
)

var mavenCases = []cmpCase{
	// CVT testVersionsEqual.
	{"1", "1.0.0", 0, cvt + " testVersionsEqual"},
	{"1", "1-0", 0, cvt + " testVersionsEqual"},
	{"1.0", "1.0-0", 0, cvt + " testVersionsEqual"},
	{"1a", "1.0.0-a", 0, cvt + " testVersionsEqual: no separator between number and letters"},
	{"1.0.0x", "1-x", 0, cvt + " testVersionsEqual"},
	{"1ga", "1", 0, cvt + " testVersionsEqual: aliases"},
	{"1release", "1", 0, cvt + " testVersionsEqual: aliases"},
	{"1final", "1", 0, cvt + " testVersionsEqual: aliases"},
	{"1cr", "1rc", 0, cvt + " testVersionsEqual: aliases"},
	{"1a1", "1-alpha-1", 0, cvt + " testVersionsEqual: a/b/m before a digit"},
	{"1b2", "1-beta-2", 0, cvt + " testVersionsEqual: a/b/m before a digit"},
	{"1m3", "1-milestone-3", 0, cvt + " testVersionsEqual: a/b/m before a digit"},
	{"1RELeaSE", "1", 0, cvt + " testVersionsEqual: case-insensitive"},
	{"1m3", "1MILESTONE3", 0, cvt + " testVersionsEqual: case-insensitive"},
	{"0000000000000000001", "1", 0, cvt + " testVersionEqualWithLeadingZeroes"},
	{"0000000000000000000", "0", 0, cvt + " testVersionZeroEqualWithLeadingZeroes"},
	// CVT testVersionComparing.
	{"1.5", "2", -1, cvt + " testVersionComparing"},
	{"1.0.1", "1.1", -1, cvt + " testVersionComparing"},
	{"1.0-alpha-1", "1.0", -1, cvt + " testVersionComparing"},
	{"1.0-alpha-1", "1.0-beta-1", -1, cvt + " testVersionComparing"},
	{"1.0-beta-1", "1.0-SNAPSHOT", -1, cvt + " testVersionComparing"},
	{"1.0-SNAPSHOT", "1.0", -1, cvt + " testVersionComparing"},
	{"1.0-alpha-1-SNAPSHOT", "1.0-alpha-1", -1, cvt + " testVersionComparing"},
	{"1.0", "1.0-1", -1, cvt + " testVersionComparing"},
	{"1.0.0", "1.0-1", -1, cvt + " testVersionComparing"},
	{"2.0-1", "2.0.1", -1, cvt + " testVersionComparing"},
	{"2.0.1-klm", "2.0.1-lmn", -1, cvt + " testVersionComparing: unknown qualifiers alphabetically"},
	{"2.0.1", "2.0.1-xyz", -1, cvt + " testVersionComparing: unknown qualifier after release"},
	{"2.0.1-xyz", "2.0.1-123", -1, cvt + " testVersionComparing: number beats qualifier"},
	// CVT testMng5568, testMng6572 (numbers of any size), testMng6964, testMng7644.
	{"6.1.0rc3", "6.1.0", -1, cvt + " testMng5568"},
	{"6.1.0rc3", "6.1H.5-beta", -1, cvt + " testMng5568"},
	{"6.1.0", "6.1H.5-beta", -1, cvt + " testMng5568"},
	{"20190126.230843", "1234567890.12345", -1, cvt + " testMng6572"},
	{"123456789012345.1H.5-beta", "12345678901234567890.1H.5-beta", -1, cvt + " testMng6572"},
	{"1-0.alpha", "1", -1, cvt + " testMng6964"},
	{"1-0.alpha", "1-0.beta", -1, cvt + " testMng6964"},
	{"1.0.0.RC1", "1.0.0-RC2", -1, cvt + " testMng7644: .X1 < -X2"},
	{"1.0.0-RC2", "2.0.RC1", -1, cvt + " testMng7644"},
	{"1.0.0.abc1", "1.0.0-abc2", -1, cvt + " testMng7644"},
	// The spellings the ecosystem actually uses.
	{"5.3.20.RELEASE", "5.3.20", 0, cvDoc + ": release = \"\""},
	{"5.3.19.RELEASE", "5.3.20", -1, cvDoc},
	{"5.4.2.Final", "5.4.2", 0, cvDoc + ": final = \"\""},
	{"5.4.2.Final", "5.4.3.Final", -1, cvDoc},
	{"2.0.0-rc1", "2.0.0", -1, cvDoc + ": rc before release"},
	{"2.0.0-RC1", "2.0.0-cr2", -1, cvDoc + ": cr = rc"},
	{"2.0.0-M1", "2.0.0-RC1", -1, cvDoc + ": milestone < rc"},
	{"2.0.0-rc1", "2.0.0-SNAPSHOT", -1, cvDoc + ": rc < snapshot"},
	{"2.0.0-SNAPSHOT", "2.0.0", -1, cvDoc + ": snapshot < release"},
	{"2.0.0", "2.0.0-sp1", -1, cvDoc + ": release < sp"},
	{"2.0.0.GA", "2.0.0.sp1", -1, cvDoc + ": ga < sp"},
	{"2.9.10.8", "2.9.10", 1, cvDoc + ": unlimited components"},
	{"2.9.10.8", "2.9.11", -1, cvDoc + ": unlimited components"},
	{"2.12.7.1", "2.13.0", -1, cvDoc + ": jackson-databind style four-part"},
	{"1.0-alpha-1", "1.0-alpha1", 0, cvDoc + ": '-' and digit transitions both separate"},
	{"1.0.Alpha2", "1.0-alpha-2", 0, cvDoc + ": mixed separators"},
	{"9.4.51.v20230217", "9.4.52.v20230823", -1, "Jetty versions"},
	{"31.1-jre", "32.0.0-android", -1, "Guava versions"},
}

func TestMavenOrder(t *testing.T) {
	checkCases(t, "Maven", mavenCases)
	// CVT VERSIONS_QUALIFIER and VERSIONS_NUMBER are checked as sorted arrays.
	checkSorted(t, "Maven", []string{
		"1-alpha2snapshot", "1-alpha2", "1-alpha-123", "1-beta-2", "1-beta123", "1-m2", "1-m11", "1-rc", "1-cr2",
		"1-rc123", "1-SNAPSHOT", "1", "1-sp", "1-sp2", "1-sp123", "1-abc", "1-def", "1-pom-1", "1-1-snapshot",
		"1-1", "1-2", "1-123",
	}, cvt+" VERSIONS_QUALIFIER")
	checkSorted(t, "Maven", []string{
		"2.0", "2.0.a", "2-1", "2.0.2", "2.0.123", "2.1.0", "2.1-a", "2.1b", "2.1-c", "2.1-1", "2.1.0.1", "2.2",
		"2.123", "11.a2", "11.a11", "11.b2", "11.b11", "11.m2", "11.m11", "11", "11.a", "11b", "11c", "11m",
	}, cvt+" VERSIONS_NUMBER")
}

func TestMavenInvalid(t *testing.T) {
	// ComparableVersion accepts any string; only text no POM can hold is
	// refused.
	checkInvalid(t, "Maven", []string{"", "1.0 beta", "1.0\n", "1.0\x00", "\xff1.0"})
}

func TestMavenItemTree(t *testing.T) {
	// The canonical item lists printed by `java -cp maven-artifact.jar
	// org.apache.maven.artifact.versioning.ComparableVersion <v>`.
	for _, tc := range []struct{ in, want string }{
		{"1.0", "[1]"},
		{"1.0-rc1", "[1 [rc [1]]]"},
		{"11.0.0r.Beta4", "[11 [r [beta [4]]]]"},
		{"1.o882c", "[1 [o [882 [c]]]]"},
		{"1-0-alpha", "[1 [[alpha]]]"},
		{"1-0.1", "[1 [0 1]]"},
	} {
		if got := mavenTreeString(mavenParseItems(strings.ToLower(tc.in))); got != tc.want {
			t.Errorf("items(%q) = %s, want %s (ComparableVersion main)", tc.in, got, tc.want)
		}
	}
}

func mavenTreeString(items []mavenItem) string {
	s := "["
	for i, it := range items {
		if i > 0 {
			s += " "
		}
		switch it.kind {
		case mavenInt:
			if it.text == "" {
				s += "0"
			} else {
				s += it.text
			}
		case mavenString:
			s += mavenRankName(it)
		default:
			s += mavenTreeString(it.list)
		}
	}
	return s + "]"
}

func mavenRankName(it mavenItem) string {
	names := []string{"alpha", "beta", "milestone", "rc", "snapshot", "", "sp"}
	if it.rank == mavenRankUnknown {
		return it.text
	}
	if int(it.rank) < len(names) {
		return names[it.rank]
	}
	return fmt.Sprint(it.rank)
}

// TestMavenIntransitiveLikeMaven pins a cycle that ComparableVersion itself
// produces (found by FuzzCompare, confirmed with maven-artifact 3.8.7 and
// 3.9.9): "0" < "A" (unknown qualifier after release), "A" < "0A0" (a
// string sorts before a list) and yet "0" > "0A0" ([[alpha]] is a
// pre-release). Matching Maven beats being a total order.
func TestMavenIntransitiveLikeMaven(t *testing.T) {
	checkCases(t, "Maven", []cmpCase{
		{"0", "A", -1, "maven-artifact 3.8.7/3.9.9 compareTo"},
		{"A", "0A0", -1, "maven-artifact 3.8.7/3.9.9 compareTo"},
		{"0", "0A0", 1, "maven-artifact 3.8.7/3.9.9 compareTo"},
	})
}
