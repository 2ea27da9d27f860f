package version

import "strings"

// semverVersion is a Semantic Versioning 2.0.0 version, shared by npm,
// crates.io and Go. The ecosystems differ in what text they accept (a "v"
// prefix, shorthand forms, size limits), so each has its own parse
// function; they all produce this form, compared by semver.org §11:
// major, minor and patch numerically; a version with a pre-release sorts
// before the same version without one; pre-release identifiers compare
// pairwise, numeric ones by value and below alphanumeric ones, which
// compare in ASCII order; a shorter identifier list that is a prefix of a
// longer one sorts first. Build metadata never affects the order.
type semverVersion struct {
	raw                 string
	scheme_             scheme
	major, minor, patch string // digits, no leading zeros except "0"
	pre                 string // dot-separated identifiers, "" when none
}

// semverParts holds the pieces found by splitSemver before each ecosystem
// applies its own rules.
type semverParts struct {
	major, minor, patch string
	pre, build          string
	hasPre, hasBuild    bool
	components          int // how many of major.minor.patch were present
}

// splitSemver cuts "MAJOR[.MINOR[.PATCH]][-PRE][+BUILD]" into pieces and
// checks the character classes; it reports the first problem in words.
func splitSemver(s string) (semverParts, string) {
	var p semverParts
	core := s
	if i := strings.IndexByte(core, '+'); i >= 0 {
		core, p.build, p.hasBuild = core[:i], core[i+1:], true
		if problem := checkIdentifiers(p.build, "build metadata", false); problem != "" {
			return p, problem
		}
	}
	if i := strings.IndexByte(core, '-'); i >= 0 {
		core, p.pre, p.hasPre = core[:i], core[i+1:], true
		if problem := checkIdentifiers(p.pre, "pre-release", true); problem != "" {
			return p, problem
		}
	}
	nums := [3]*string{&p.major, &p.minor, &p.patch}
	for i, field := range strings.SplitN(core, ".", 4) {
		if i == 3 {
			return p, "more than three version numbers"
		}
		if field == "" || spanDigits(field) != len(field) {
			return p, "version numbers must be decimal digits"
		}
		if len(field) > 1 && field[0] == '0' {
			return p, "version numbers must not have leading zeros"
		}
		*nums[i] = field
		p.components = i + 1
	}
	return p, ""
}

// checkIdentifiers validates dot-separated identifiers: non-empty,
// [0-9A-Za-z-] only, and (for pre-releases) no leading zero on a numeric
// identifier.
func checkIdentifiers(ids, what string, numericNoLeadingZero bool) string {
	if ids == "" {
		return what + " is empty"
	}
	start := 0
	for i := 0; i <= len(ids); i++ {
		if i < len(ids) && ids[i] != '.' {
			if c := ids[i]; !isAlnum(c) && c != '-' {
				return "invalid character in " + what
			}
			continue
		}
		id := ids[start:i]
		if id == "" {
			return what + " has an empty identifier"
		}
		if numericNoLeadingZero && len(id) > 1 && id[0] == '0' && spanDigits(id) == len(id) {
			return "numeric " + what + " identifier has a leading zero"
		}
		start = i + 1
	}
	return ""
}

func (v *semverVersion) String() string { return v.raw }
func (v *semverVersion) scheme() scheme { return v.scheme_ }

func (v *semverVersion) Compare(other Version) int {
	o, ok := other.(*semverVersion)
	if !ok || o == nil || o.scheme_ != v.scheme_ {
		return compareSchemes(v, other)
	}
	if c := compareDigits(v.major, o.major); c != 0 {
		return c
	}
	if c := compareDigits(v.minor, o.minor); c != 0 {
		return c
	}
	if c := compareDigits(v.patch, o.patch); c != 0 {
		return c
	}
	return comparePrerelease(v.pre, o.pre)
}

// comparePrerelease applies semver.org §11.3-4 to two identifier lists,
// walking them in place so that no slice is allocated.
func comparePrerelease(a, b string) int {
	switch {
	case a == b:
		return 0
	case a == "":
		return 1 // a release sorts after its pre-releases
	case b == "":
		return -1
	}
	for {
		ia, restA, moreA := strings.Cut(a, ".")
		ib, restB, moreB := strings.Cut(b, ".")
		if c := compareIdentifier(ia, ib); c != 0 {
			return c
		}
		switch {
		case !moreA && !moreB:
			return 0
		case !moreA:
			return -1
		case !moreB:
			return 1
		}
		a, b = restA, restB
	}
}

func compareIdentifier(a, b string) int {
	an, bn := spanDigits(a) == len(a), spanDigits(b) == len(b)
	switch {
	case an && bn:
		return compareDigits(a, b)
	case an:
		return -1 // numeric identifiers sort before alphanumeric ones
	case bn:
		return 1
	}
	return compareStrings(a, b)
}
