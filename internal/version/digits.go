package version

// Numeric version fields are kept as their decimal digit strings and
// compared with compareDigits: versions in the wild carry numbers that do
// not fit in 64 bits (dates with times, git-describe counts, 20-digit build
// ids), and every reference implementation here either compares them
// exactly (dpkg, rpm, Python, Go, Maven's BigInteger) or wraps around. Exact
// comparison without big.Int keeps Compare allocation-free.

// isDigit reports whether c is an ASCII decimal digit. Versions are byte
// strings to all of these tools; Unicode digits are not digits to them.
func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// isAlpha reports whether c is an ASCII letter (C locale isalpha).
func isAlpha(c byte) bool { return ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') }

func isAlnum(c byte) bool { return isDigit(c) || isAlpha(c) }

// trimZeros drops leading zeros from a digit string; "000" becomes "".
func trimZeros(d string) string {
	i := 0
	for i < len(d) && d[i] == '0' {
		i++
	}
	return d[i:]
}

// compareDigits compares two non-negative decimal digit strings by value,
// ignoring leading zeros: the longer significant part is larger, equal
// lengths compare lexically, which for digits is numeric order.
func compareDigits(a, b string) int {
	a, b = trimZeros(a), trimZeros(b)
	if len(a) != len(b) {
		return sign(len(a) - len(b))
	}
	return compareStrings(a, b)
}

// compareStrings is a three-way byte-wise comparison.
func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// spanDigits returns the length of the run of ASCII digits at the start of s.
func spanDigits(s string) int {
	i := 0
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return i
}

// printableASCII reports whether every byte of s is a visible ASCII
// character (no spaces, controls or non-ASCII). The distribution formats
// allow nothing else in a version, so anything else is reported as invalid
// rather than silently treated as a separator.
func printableASCII(s string) (bad byte, ok bool) {
	for i := 0; i < len(s); i++ {
		if s[i] <= ' ' || s[i] >= 0x7f {
			return s[i], false
		}
	}
	return 0, true
}

// commonPrefix returns the length of the longest common prefix of a and b,
// backed up so that it does not end inside a run of bytes for which inRun
// holds. The segment-walking comparators (dpkg, rpm) give the same answer
// when started at such a boundary, and versions of one package usually
// share most of their text, so skipping it saves most of the walk.
func commonPrefix(a, b string, inRun func(byte) bool) int {
	n := min(len(a), len(b))
	k := 0
	for k < n && a[k] == b[k] {
		k++
	}
	for k > 0 && inRun(a[k-1]) {
		k--
	}
	return k
}
