package version

import (
	"strconv"
	"strings"
)

// RPM versions ([epoch:]version[-release]) are split the way rpm's
// rpmverParse/parseEVR does (epoch = leading digits before a colon, release
// = after the last hyphen) and compared the way rpmverCmp does: epoch, then
// version, then release, each with rpmvercmp (rpmio/rpmvercmp.cc).
//
// A version without a release sorts before the same version with any
// release, even one starting with '~', as rpm.vercmp (rpm 4.18) does.
// (rpm's dependency matching instead lets "1.0" match "1.0-3"; that rule is
// not transitive, so it cannot be a sort order.)
type rpmVersion struct {
	raw     string
	epoch   string // digits, "" when absent (0)
	version string
	release string // "" when absent (an empty release is rejected)
}

func parseRPM(s string) (Version, error) {
	if s == "" {
		return nil, invalid(s, "version string is empty")
	}
	if c, ok := printableASCII(s); !ok {
		return nil, invalid(s, "invalid character "+strconv.QuoteRune(rune(c)))
	}
	r := &rpmVersion{raw: s}
	rest := s
	if n := spanDigits(rest); n < len(rest) && rest[n] == ':' {
		if n == 0 {
			return nil, invalid(s, "epoch is empty")
		}
		r.epoch, rest = rest[:n], rest[n+1:]
	}
	r.version = rest
	if hyphen := strings.LastIndexByte(rest, '-'); hyphen >= 0 {
		r.version, r.release = rest[:hyphen], rest[hyphen+1:]
		if r.release == "" {
			return nil, invalid(s, "release is empty")
		}
	}
	if r.version == "" {
		return nil, invalid(s, "version is empty")
	}
	return r, nil
}

func (r *rpmVersion) String() string { return r.raw }
func (r *rpmVersion) scheme() scheme { return schemeRPM }

func (r *rpmVersion) Compare(other Version) int {
	o, ok := other.(*rpmVersion)
	if !ok || o == nil {
		return compareSchemes(r, other)
	}
	if c := compareDigits(r.epoch, o.epoch); c != 0 {
		return c
	}
	if c := rpmvercmp(r.version, o.version); c != 0 {
		return c
	}
	if r.release == "" || o.release == "" {
		return sign(len(r.release) - len(o.release)) // only the absent one is ""
	}
	return rpmvercmp(r.release, o.release)
}

// rpmSeparator reports whether rpmvercmp skips c between segments: anything
// but ASCII letters, digits and the two ordering marks '~' and '^'.
func rpmSeparator(c byte) bool { return !isAlnum(c) && c != '~' && c != '^' }

// rpmvercmp compares two version (or release) strings segment by segment:
//   - '~' sorts before everything, even the end ("1.0~rc1" < "1.0");
//   - '^' sorts after the end but before any other segment
//     ("1.0" < "1.0^git1" < "1.0.1");
//   - a numeric segment is newer than an alphabetic one; numbers compare by
//     value, letters by ASCII;
//   - separators only delimit segments ("2.0" == "2_0").
func rpmvercmp(a, b string) int {
	if a == b {
		return 0
	}
	// Skip the shared text, but never start inside a segment.
	return rpmvercmpFrom(a, b, commonPrefix(a, b, isAlnum))
}

// rpmvercmpFrom is rpmvercmp starting at offset start of both strings,
// which must be equal up to there (see dpkgVerrevcmpFrom).
func rpmvercmpFrom(a, b string, start int) int {
	i, j := start, start
	for i < len(a) || j < len(b) {
		for i < len(a) && rpmSeparator(a[i]) {
			i++
		}
		for j < len(b) && rpmSeparator(b[j]) {
			j++
		}
		atA, atB := i < len(a), j < len(b)

		if (atA && a[i] == '~') || (atB && b[j] == '~') {
			if !atA || a[i] != '~' {
				return 1
			}
			if !atB || b[j] != '~' {
				return -1
			}
			i, j = i+1, j+1
			continue
		}
		if (atA && a[i] == '^') || (atB && b[j] == '^') {
			if !atA {
				return -1
			}
			if !atB {
				return 1
			}
			if a[i] != '^' {
				return 1
			}
			if b[j] != '^' {
				return -1
			}
			i, j = i+1, j+1
			continue
		}
		if !atA || !atB {
			break
		}

		// Take one all-digit or all-letter segment from each side; the
		// kind is decided by a's segment.
		var segA, segB string
		isNum := isDigit(a[i])
		if isNum {
			ni, nj := i+spanDigits(a[i:]), j+spanDigits(b[j:])
			segA, segB, i, j = a[i:ni], b[j:nj], ni, nj
		} else {
			ni, nj := i+spanAlpha(a[i:]), j+spanAlpha(b[j:])
			segA, segB, i, j = a[i:ni], b[j:nj], ni, nj
		}
		if segB == "" {
			// Different kinds: numeric is newer than alphabetic.
			if isNum {
				return 1
			}
			return -1
		}
		var c int
		if isNum {
			c = compareDigits(segA, segB)
		} else {
			c = compareStrings(segA, segB)
		}
		if c != 0 {
			return c
		}
	}
	// All segments matched; whoever still has characters left is newer.
	switch {
	case i >= len(a) && j >= len(b):
		return 0
	case i >= len(a):
		return -1
	}
	return 1
}

// spanAlpha returns the length of the run of ASCII letters at the start of s.
func spanAlpha(s string) int {
	i := 0
	for i < len(s) && isAlpha(s[i]) {
		i++
	}
	return i
}
