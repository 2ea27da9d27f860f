package version

import "strings"

// PyPI versions follow PEP 440 and are ordered as the reference
// implementation, packaging.version.Version, orders them: the string must
// match PEP 440's VERSION_PATTERN (case-insensitive, surrounding whitespace
// allowed), and compares by the key
//
//	epoch, release (trailing zeros ignored), pre, post, dev, local
//
// where a missing pre sorts after every pre-release (except that a bare
// dev release sorts before the pre-releases: 1.0.dev1 < 1.0a1 < 1.0), a
// missing post before every post-release, a missing dev after every dev
// release, and a missing local before every local version.
//
// Only ASCII is accepted: Python's case-insensitive match also lets a few
// Unicode look-alikes through (the Kelvin sign for "k"), which no real
// version uses.
type pep440Version struct {
	raw     string
	epoch   string   // digits without leading zeros ("" is 0)
	release []string // digit strings without leading zeros, trailing zero components dropped
	pre     pep440Pre
	preNum  string
	hasPost bool
	postNum string
	hasDev  bool
	devNum  string
	local   []string // nil when there is no local label; parts are lower-cased
}

// pep440Pre ranks the pre-release segment in the order of packaging's key.
type pep440Pre int8

const (
	pep440PreDevOnly pep440Pre = iota // no pre, no post, but a dev segment
	pep440PreAlpha
	pep440PreBeta
	pep440PreRC
	pep440PreNone
)

func parsePyPI(s string) (Version, error) {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return nil, invalid(s, "non-ASCII character in version")
		}
	}
	// ToLower on pure ASCII only changes A-Z, matching the pattern's
	// re.IGNORECASE and the lower-casing of the local label.
	p := pep440Parser{s: strings.ToLower(trimPySpace(s))}
	v := &pep440Version{raw: s}
	if err := p.parse(v); err != "" {
		return nil, invalid(s, err)
	}
	return v, nil
}

// trimPySpace strips what Python's \s strips in a str pattern: ASCII
// whitespace plus the information separators \x1c-\x1f.
func trimPySpace(s string) string {
	isSpace := func(c byte) bool { return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f) }
	for len(s) > 0 && isSpace(s[0]) {
		s = s[1:]
	}
	for len(s) > 0 && isSpace(s[len(s)-1]) {
		s = s[:len(s)-1]
	}
	return s
}

// pep440Parser walks VERSION_PATTERN by hand. Every place where the regular
// expression could backtrack is decided by one character of lookahead, so
// a greedy scan accepts exactly the strings the pattern accepts.
type pep440Parser struct {
	s   string
	pos int
}

func (p *pep440Parser) rest() string { return p.s[p.pos:] }

// digits consumes a run of digits and returns it ("" when there is none).
func (p *pep440Parser) digits() string {
	n := spanDigits(p.rest())
	d := p.s[p.pos : p.pos+n]
	p.pos += n
	return d
}

// word consumes the first of words that the input starts with. Callers
// list longer spellings first, as the pattern's alternations do.
func (p *pep440Parser) word(words ...string) (string, bool) {
	for _, w := range words {
		if strings.HasPrefix(p.rest(), w) {
			p.pos += len(w)
			return w, true
		}
	}
	return "", false
}

func isPEP440Sep(c byte) bool { return c == '-' || c == '_' || c == '.' }

// optionalSep reports the length (0 or 1) of an optional [-_.] at pos+off.
func (p *pep440Parser) sepAt(off int) int {
	if i := p.pos + off; i < len(p.s) && isPEP440Sep(p.s[i]) {
		return 1
	}
	return 0
}

// labelled consumes "[-_.]?label[-_.]?N?" for one of labels and returns the
// label and number. Taking the trailing separator even when no number
// follows is safe: every later segment's own separator is optional, so
// "1.0a.", "1.0a.post1" and "1.0a.-post1" all match, as with the regex.
func (p *pep440Parser) labelled(labels ...string) (label, num string, ok bool) {
	start := p.pos
	p.pos += p.sepAt(0)
	if label, ok = p.word(labels...); !ok {
		p.pos = start
		return "", "", false
	}
	p.pos += p.sepAt(0)
	num = p.digits()
	return label, num, true
}

func (p *pep440Parser) parse(v *pep440Version) string {
	if p.s == "" {
		return "version string is empty"
	}
	if strings.HasPrefix(p.s, "v") {
		p.pos++
	}

	first := p.digits()
	if first == "" {
		return "release segment must start with a number"
	}
	if p.pos < len(p.s) && p.s[p.pos] == '!' {
		p.pos++
		v.epoch = trimZeros(first)
		if first = p.digits(); first == "" {
			return "release segment must follow the epoch"
		}
	}
	v.release = append(v.release, trimZeros(first))
	for p.pos+1 < len(p.s) && p.s[p.pos] == '.' && isDigit(p.s[p.pos+1]) {
		p.pos++
		v.release = append(v.release, trimZeros(p.digits()))
	}
	for len(v.release) > 1 && v.release[len(v.release)-1] == "" {
		v.release = v.release[:len(v.release)-1]
	}

	v.pre = pep440PreNone
	if label, num, ok := p.labelled("alpha", "a", "beta", "b", "preview", "pre", "c", "rc"); ok {
		switch label {
		case "alpha", "a":
			v.pre = pep440PreAlpha
		case "beta", "b":
			v.pre = pep440PreBeta
		default:
			v.pre = pep440PreRC
		}
		v.preNum = trimZeros(num)
	}

	// Post-release: the implicit "-N" form, or a spelled-out label.
	if p.pos+1 < len(p.s) && p.s[p.pos] == '-' && isDigit(p.s[p.pos+1]) {
		p.pos++
		v.hasPost, v.postNum = true, trimZeros(p.digits())
	} else if _, num, ok := p.labelled("post", "rev", "r"); ok {
		v.hasPost, v.postNum = true, trimZeros(num)
	}

	if _, num, ok := p.labelled("dev"); ok {
		v.hasDev, v.devNum = true, trimZeros(num)
	}
	if v.pre == pep440PreNone && !v.hasPost && v.hasDev {
		v.pre = pep440PreDevOnly
	}

	if p.pos < len(p.s) && p.s[p.pos] == '+' {
		p.pos++
		label := p.rest()
		if label == "" {
			return "local version label is empty"
		}
		v.local = strings.FieldsFunc(label, func(r rune) bool { return r < 0x80 && isPEP440Sep(byte(r)) })
		for i := 0; i < len(label); i++ {
			c := label[i]
			if !isDigit(c) && !('a' <= c && c <= 'z') && !isPEP440Sep(c) {
				return "invalid character in local version label"
			}
			if isPEP440Sep(c) && (i == 0 || i == len(label)-1 || isPEP440Sep(label[i-1])) {
				return "local version label has an empty part"
			}
		}
		for i, part := range v.local {
			if spanDigits(part) == len(part) {
				// Numeric parts compare as integers; keep them recognisable
				// by storing them without leading zeros.
				v.local[i] = trimZeros(part)
				if v.local[i] == "" {
					v.local[i] = "0"
				}
			}
		}
		p.pos = len(p.s)
	}
	if p.pos != len(p.s) {
		return "unexpected " + quoteRest(p.rest()) + " (not a PEP 440 version)"
	}
	return ""
}

func quoteRest(r string) string {
	if len(r) > 20 {
		r = r[:20] + "..."
	}
	return "\"" + r + "\""
}

func (v *pep440Version) String() string { return v.raw }
func (v *pep440Version) scheme() scheme { return schemePEP440 }

func (v *pep440Version) Compare(other Version) int {
	o, ok := other.(*pep440Version)
	if !ok || o == nil {
		return compareSchemes(v, other)
	}
	if c := compareDigits(v.epoch, o.epoch); c != 0 {
		return c
	}
	for i := 0; i < len(v.release) || i < len(o.release); i++ {
		var a, b string // a missing component is 0
		if i < len(v.release) {
			a = v.release[i]
		}
		if i < len(o.release) {
			b = o.release[i]
		}
		if c := compareDigits(a, b); c != 0 {
			return c
		}
	}
	if v.pre != o.pre {
		return sign(int(v.pre) - int(o.pre))
	}
	if v.pre != pep440PreNone && v.pre != pep440PreDevOnly {
		if c := compareDigits(v.preNum, o.preNum); c != 0 {
			return c
		}
	}
	if v.hasPost != o.hasPost {
		return boolOrder(v.hasPost) // no post-release sorts first
	}
	if c := compareDigits(v.postNum, o.postNum); c != 0 {
		return c
	}
	if v.hasDev != o.hasDev {
		return -boolOrder(v.hasDev) // a dev release sorts before the release
	}
	if c := compareDigits(v.devNum, o.devNum); c != 0 {
		return c
	}
	return pep440CompareLocal(v.local, o.local)
}

// boolOrder is +1 when the receiver has the segment the other lacks.
func boolOrder(has bool) int {
	if has {
		return 1
	}
	return -1
}

// pep440CompareLocal orders local labels: none < any label; parts compare
// pairwise with alphanumeric parts before numeric ones, numbers by value,
// strings lexically; a label that is a prefix of another sorts first.
func pep440CompareLocal(a, b []string) int {
	if (a == nil) != (b == nil) {
		if a == nil {
			return -1
		}
		return 1
	}
	for i := 0; i < len(a) && i < len(b); i++ {
		an, bn := spanDigits(a[i]) == len(a[i]), spanDigits(b[i]) == len(b[i])
		var c int
		switch {
		case an && bn:
			c = compareDigits(a[i], b[i])
		case an:
			c = 1
		case bn:
			c = -1
		default:
			c = compareStrings(a[i], b[i])
		}
		if c != 0 {
			return c
		}
	}
	return sign(len(a) - len(b))
}
