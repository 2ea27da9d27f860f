package version

import "strconv"

// Alpine package versions are ordered by apk-tools (src/version.c, the
// token-state implementation of apk-tools 2.14/3.x):
//
//	digit{.digit}...{letter}{_suffix{number}}...{~hash}{-r number}
//
// The string is cut into typed tokens. Two versions compare token by token
// while the token kinds agree; where they first disagree, a pre-release
// suffix (_alpha, _beta, _pre, _rc) loses, otherwise the side with the
// "earlier" token kind (a further digit, a letter, a suffix...) wins over the
// one that has already reached a later kind or the end.
//
// The grammar is apk-tools 3's, plus one apk-tools 2 form that real Alpine
// packages used: digits right after the letter ("1.8.28p1-r1"), read as a
// further number component.
type apkVersion struct {
	raw    string
	tokens []apkToken
}

// apkTokenKind values are ordered as in apk-tools; the final comparison
// relies on that order.
type apkTokenKind uint8

const (
	apkInitialDigit apkTokenKind = iota
	apkDigit
	apkLetter
	apkSuffix
	apkSuffixNumber
	apkCommitHash
	apkRevision
	apkEnd
)

// apkSuffix values: pre-release suffixes sort below apkSuffixNone, the
// post-release ones above it; the order within each group is apk's.
const (
	apkSuffixAlpha = iota + 1
	apkSuffixBeta
	apkSuffixPre
	apkSuffixRC
	apkSuffixNone
	apkSuffixCVS
	apkSuffixSVN
	apkSuffixGit
	apkSuffixHg
	apkSuffixP
)

var apkSuffixes = map[string]uint8{
	"alpha": apkSuffixAlpha, "beta": apkSuffixBeta, "pre": apkSuffixPre, "rc": apkSuffixRC,
	"cvs": apkSuffixCVS, "svn": apkSuffixSVN, "git": apkSuffixGit, "hg": apkSuffixHg, "p": apkSuffixP,
}

type apkToken struct {
	kind   apkTokenKind
	suffix uint8  // for apkSuffix
	text   string // digits, the letter, or the hash
}

func parseAlpine(s string) (Version, error) {
	if s == "" {
		return nil, invalid(s, "version string is empty")
	}
	// Most versions have a handful of tokens; size the slice once.
	tokens := make([]apkToken, 0, 8)
	n := spanDigits(s)
	if n == 0 {
		return nil, invalid(s, "version must start with a digit")
	}
	tokens = append(tokens, apkToken{kind: apkInitialDigit, text: s[:n]})
	prev := apkInitialDigit
	for i := n; i < len(s); {
		var t apkToken
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z':
			if prev > apkDigit {
				return nil, invalid(s, "letter "+strconv.Quote(string(c))+" must follow a number")
			}
			t = apkToken{kind: apkLetter, text: s[i : i+1]}
			i++
		case c == '.' || isDigit(c):
			// A number directly after a letter ("1.8.1p1") is what apk-tools
			// 2.x accepted and Alpine's security database still lists;
			// apk-tools 3 rejects it, and then compares all such versions
			// as equal. Keep the 2.x reading: the letter, then a number.
			if prev > apkDigit && prev != apkSuffix && !(prev == apkLetter && c != '.') {
				return nil, invalid(s, "unexpected number at offset "+strconv.Itoa(i))
			}
			if c == '.' {
				if prev > apkDigit {
					return nil, invalid(s, "unexpected '.' at offset "+strconv.Itoa(i))
				}
				i++
			}
			kind := apkDigit
			if prev == apkSuffix {
				kind = apkSuffixNumber
			}
			d := spanDigits(s[i:])
			if d == 0 {
				return nil, invalid(s, "missing number at offset "+strconv.Itoa(i))
			}
			t = apkToken{kind: kind, text: s[i : i+d]}
			i += d
		case c == '_':
			if prev > apkSuffixNumber {
				return nil, invalid(s, "suffix after hash or revision")
			}
			i++
			l := 0
			for i+l < len(s) && 'a' <= s[i+l] && s[i+l] <= 'z' {
				l++
			}
			name := s[i : i+l]
			suffix, ok := apkSuffixes[name]
			if !ok {
				return nil, invalid(s, "unknown suffix "+strconv.Quote("_"+name))
			}
			t = apkToken{kind: apkSuffix, suffix: suffix, text: name}
			i += l
		case c == '~':
			if prev >= apkCommitHash {
				return nil, invalid(s, "commit hash after revision")
			}
			i++
			l := 0
			for i+l < len(s) && isHex(s[i+l]) {
				l++
			}
			if l == 0 {
				return nil, invalid(s, "empty commit hash after '~'")
			}
			t = apkToken{kind: apkCommitHash, text: s[i : i+l]}
			i += l
		case c == '-':
			if prev >= apkRevision {
				return nil, invalid(s, "second revision")
			}
			if i+1 >= len(s) || s[i+1] != 'r' {
				return nil, invalid(s, "'-' must start a revision \"-r<number>\"")
			}
			i += 2
			d := spanDigits(s[i:])
			if d == 0 {
				return nil, invalid(s, "revision \"-r\" has no number")
			}
			t = apkToken{kind: apkRevision, text: s[i : i+d]}
			i += d
		default:
			return nil, invalid(s, "invalid character "+strconv.QuoteRune(rune(c))+" at offset "+strconv.Itoa(i))
		}
		tokens = append(tokens, t)
		prev = t.kind
	}
	return &apkVersion{raw: s, tokens: tokens}, nil
}

// isHex matches apk's APK_CTYPE_HEXDIGIT (lower-case hex only).
func isHex(c byte) bool { return isDigit(c) || ('a' <= c && c <= 'f') }

func (v *apkVersion) String() string { return v.raw }
func (v *apkVersion) scheme() scheme { return schemeAPK }

func (v *apkVersion) Compare(other Version) int {
	o, ok := other.(*apkVersion)
	if !ok || o == nil {
		return compareSchemes(v, other)
	}
	a, b := v.tokens, o.tokens
	i := 0
	for ; i < len(a) && i < len(b) && a[i].kind == b[i].kind; i++ {
		if c := apkCompareToken(&a[i], &b[i]); c != 0 {
			return c
		}
	}
	ka, kb := apkEnd, apkEnd
	if i < len(a) {
		ka = a[i].kind
	}
	if i < len(b) {
		kb = b[i].kind
	}
	if ka == kb {
		return 0
	}
	// A pre-release suffix makes its side older than whatever the other
	// side has there ("1.0_rc1" < "1.0", "1.0_alpha" < "1.0.1").
	if ka == apkSuffix && a[i].suffix < apkSuffixNone {
		return -1
	}
	if kb == apkSuffix && b[i].suffix < apkSuffixNone {
		return 1
	}
	// Otherwise the side that reached a later token kind first is older:
	// "1.0" (end) < "1.0.1" (digit), "1.0a" (letter) < "1.0.1".
	if ka > kb {
		return -1
	}
	return 1
}

// apkCompareToken compares two tokens of the same kind.
func apkCompareToken(a, b *apkToken) int {
	switch a.kind {
	case apkDigit:
		// A component with a leading zero is compared as a string, as in
		// Gentoo's rules: "1.05" < "1.1" but "1.5" < "1.10".
		if a.text[0] == '0' || b.text[0] == '0' {
			return compareStrings(a.text, b.text)
		}
		return compareDigits(a.text, b.text)
	case apkInitialDigit, apkSuffixNumber, apkRevision:
		return compareDigits(a.text, b.text)
	case apkSuffix:
		return sign(int(a.suffix) - int(b.suffix))
	default: // apkLetter, apkCommitHash
		return compareStrings(a.text, b.text)
	}
}
