package version

import (
	"math"
	"strconv"
	"strings"
)

// Debian versions follow Debian Policy §5.6.12 and are ordered exactly as
// dpkg's lib/dpkg/version.c (verrevcmp) orders them:
//
//	[epoch:]upstream_version[-debian_revision]
//
// The epoch is the part before the first colon, the revision the part
// after the last hyphen. Ubuntu uses the same format and tool.
//
// Parsing follows dpkg's parseversion (lib/dpkg/parsehelp.c). dpkg treats
// some defects (upstream not starting with a digit, characters outside the
// allowed set) as warnings; here they are errors, because a version that
// dpkg itself would flag cannot be trusted to match an advisory.
type debianVersion struct {
	raw      string
	epoch    int
	upstream string
	revision string
}

func parseDebian(s string) (Version, error) {
	// dpkg trims surrounding blanks and rejects embedded ones.
	v := strings.Trim(s, " \t\n\r\v\f")
	if v == "" {
		return nil, invalid(s, "version string is empty")
	}
	if strings.ContainsAny(v, " \t\n\r\v\f") {
		return nil, invalid(s, "version string has embedded spaces")
	}

	d := &debianVersion{raw: s}
	if colon := strings.IndexByte(v, ':'); colon >= 0 {
		epoch := v[:colon]
		if epoch == "" {
			return nil, invalid(s, "epoch in version is empty")
		}
		if spanDigits(epoch) != len(epoch) {
			return nil, invalid(s, "epoch in version is not a number")
		}
		n, err := strconv.ParseInt(epoch, 10, 64)
		if err != nil || n > math.MaxInt32 {
			// dpkg stores the epoch in an int and refuses anything larger.
			return nil, invalid(s, "epoch in version is too big")
		}
		d.epoch = int(n)
		v = v[colon+1:]
		if v == "" {
			return nil, invalid(s, "nothing after colon in version number")
		}
	}

	d.upstream = v
	if hyphen := strings.LastIndexByte(v, '-'); hyphen >= 0 {
		d.upstream, d.revision = v[:hyphen], v[hyphen+1:]
		if d.revision == "" {
			return nil, invalid(s, "revision number is empty")
		}
	}
	if d.upstream == "" {
		return nil, invalid(s, "version number is empty")
	}
	if !isDigit(d.upstream[0]) {
		return nil, invalid(s, "version number does not start with digit")
	}
	for i := 0; i < len(d.upstream); i++ {
		if c := d.upstream[i]; !isAlnum(c) && !strings.ContainsRune(".-+~:", rune(c)) {
			return nil, invalid(s, "invalid character "+strconv.QuoteRune(rune(c))+" in version number")
		}
	}
	for i := 0; i < len(d.revision); i++ {
		if c := d.revision[i]; !isAlnum(c) && !strings.ContainsRune(".+~", rune(c)) {
			return nil, invalid(s, "invalid character "+strconv.QuoteRune(rune(c))+" in revision number")
		}
	}
	return d, nil
}

func (d *debianVersion) String() string { return d.raw }
func (d *debianVersion) scheme() scheme { return schemeDpkg }

func (d *debianVersion) Compare(other Version) int {
	o, ok := other.(*debianVersion)
	if !ok || o == nil {
		return compareSchemes(d, other)
	}
	if d.epoch != o.epoch {
		return sign(d.epoch - o.epoch)
	}
	if c := dpkgVerrevcmp(d.upstream, o.upstream); c != 0 {
		return c
	}
	return dpkgVerrevcmp(d.revision, o.revision)
}

// dpkgOrder is the weight dpkg gives one character of a non-digit run:
// '~' sorts before everything, even the end of the string (weight 0), and
// letters sort before all other characters. Digits never reach it inside a
// run; the end of a run weighs 0 like the end of the string.
func dpkgOrder(s string, i int) int {
	if i >= len(s) {
		return 0
	}
	switch c := s[i]; {
	case isDigit(c):
		return 0
	case isAlpha(c):
		return int(c)
	case c == '~':
		return -1
	default:
		return int(c) + 256
	}
}

// dpkgVerrevcmp compares two upstream versions or two revisions: it walks
// alternating non-digit and digit runs, comparing the former character by
// character with dpkgOrder and the latter numerically.
func dpkgVerrevcmp(a, b string) int {
	// Skip the shared text, but never start inside a digit run.
	return dpkgVerrevcmpFrom(a, b, commonPrefix(a, b, isDigit))
}

// dpkgVerrevcmpFrom is dpkgVerrevcmp starting at offset start of both
// strings, which must be equal up to there; FuzzPrefixSkip checks that
// every start commonPrefix picks gives the answer of start 0.
func dpkgVerrevcmpFrom(a, b string, start int) int {
	i, j := start, start
	for i < len(a) || j < len(b) {
		for (i < len(a) && !isDigit(a[i])) || (j < len(b) && !isDigit(b[j])) {
			ac, bc := dpkgOrder(a, i), dpkgOrder(b, j)
			if ac != bc {
				return sign(ac - bc)
			}
			i++
			j++
		}
		// The run above only advances while both sides hold equal non-digit
		// characters, so i and j are in range and each side now starts a
		// digit run or has ended (an empty run counts as 0).
		ni, nj := i+spanDigits(a[i:]), j+spanDigits(b[j:])
		if c := compareDigits(a[i:ni], b[j:nj]); c != 0 {
			return c
		}
		i, j = ni, nj
	}
	return 0
}
