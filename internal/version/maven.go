package version

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Maven versions are ordered by Maven's own
// org.apache.maven.artifact.versioning.ComparableVersion (maven-artifact
// 3.8.x, which is what Maven resolves dependency ranges with and what OSV's
// Maven ecosystem refers to). Its javadoc summarises the rules:
//
//   - '.' and '-' both separate components, and so does a switch between
//     digits and letters ("1.0alpha1" is [1, [alpha, [1]]]);
//   - '-' (and a digit/letter switch) opens a nested list, so "1-1" < "1.1";
//     a qualifier after '.' opens one too ("1.0.0.RC1" is "1-RC-1");
//   - numbers compare by value, without a size limit;
//   - known qualifiers, case-insensitive, in order: alpha (a), beta (b),
//     milestone (m), rc (cr), snapshot, "" (ga, final, release), sp; unknown
//     qualifiers sort after them, alphabetically;
//   - trailing "null" components (0, "", empty lists) are dropped, so
//     "1.0" == "1" == "1-ga" == "1.0.0.RELEASE".
//
// The version is parsed into the same item tree Maven builds; Compare walks
// two trees without allocating.
type mavenVersion struct {
	raw   string
	items []mavenItem // the top-level ListItem
}

type mavenKind uint8

const (
	mavenInt mavenKind = iota + 1
	mavenString
	mavenList
)

// Ranks of the well-known qualifiers; mavenRankUnknown sorts after all of
// them, and unknown qualifiers then compare by text.
const (
	mavenRankAlpha int8 = iota
	mavenRankBeta
	mavenRankMilestone
	mavenRankRC
	mavenRankSnapshot
	mavenRankRelease // the empty qualifier
	mavenRankSP
	mavenRankUnknown
)

var mavenQualifierRanks = map[string]int8{
	"alpha": mavenRankAlpha, "beta": mavenRankBeta, "milestone": mavenRankMilestone,
	"rc": mavenRankRC, "cr": mavenRankRC, "snapshot": mavenRankSnapshot,
	"": mavenRankRelease, "ga": mavenRankRelease, "final": mavenRankRelease, "release": mavenRankRelease,
	"sp": mavenRankSP,
}

type mavenItem struct {
	kind mavenKind
	rank int8        // mavenString: qualifier rank
	text string      // mavenInt: digits without leading zeros ("" is 0); mavenString: unknown qualifier text
	list []mavenItem // mavenList
}

func (it *mavenItem) isNull() bool {
	switch it.kind {
	case mavenInt:
		return it.text == ""
	case mavenString:
		return it.rank == mavenRankRelease
	default:
		return len(it.list) == 0
	}
}

func parseMaven(s string) (Version, error) {
	if s == "" {
		return nil, invalid(s, "version string is empty")
	}
	if !utf8.ValidString(s) {
		return nil, invalid(s, "version is not valid UTF-8")
	}
	if i := strings.IndexFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }); i >= 0 {
		return nil, invalid(s, "whitespace or control character at offset "+strconv.Itoa(i))
	}
	return &mavenVersion{raw: s, items: mavenParseItems(strings.ToLower(s))}, nil
}

// mavenParseItems mirrors ComparableVersion.parseVersion: it builds nested
// lists, where each '-' and each digit/letter transition opens a new list
// inside the current one, then normalises every list from the innermost out.
func mavenParseItems(v string) []mavenItem {
	// path holds the chain of open lists, outermost first; each open list
	// will become the last element of its parent once closed.
	path := make([][]mavenItem, 1, 4)
	push := func(it mavenItem) { path[len(path)-1] = append(path[len(path)-1], it) }
	open := func() { path = append(path, nil) }

	isDigitRun := false
	start := 0
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case c == '.':
			if i == start {
				push(mavenItem{kind: mavenInt})
			} else {
				push(mavenParseItem(isDigitRun, v[start:i]))
			}
			start = i + 1
		case c == '-':
			if i == start {
				push(mavenItem{kind: mavenInt})
			} else {
				push(mavenParseItem(isDigitRun, v[start:i]))
			}
			start = i + 1
			open()
		case isDigit(c):
			if !isDigitRun && i > start {
				// A qualifier that does not open its list is treated as if
				// a '-' preceded it: "1.0.0.X1" is "1.0.0-X1".
				if len(path[len(path)-1]) > 0 {
					open()
				}
				// "a1" means alpha-1: a lone a/b/m before a digit is a
				// short qualifier.
				push(mavenStringItem(v[start:i], true))
				start = i
				open()
			}
			isDigitRun = true
		default:
			if isDigitRun && i > start {
				push(mavenParseItem(true, v[start:i]))
				start = i
				open()
			}
			isDigitRun = false
		}
	}
	if len(v) > start {
		if !isDigitRun && len(path[len(path)-1]) > 0 {
			open() // a trailing ".X" is "-X" too
		}
		push(mavenParseItem(isDigitRun, v[start:]))
	}
	// Close the lists innermost first, so an inner list that normalises to
	// empty is itself dropped as a trailing null by its parent.
	for len(path) > 1 {
		inner := mavenNormalize(path[len(path)-1])
		path = path[:len(path)-1]
		push(mavenItem{kind: mavenList, list: inner})
	}
	return mavenNormalize(path[0])
}

func mavenParseItem(isDigitRun bool, text string) mavenItem {
	if isDigitRun {
		return mavenItem{kind: mavenInt, text: trimZeros(text)}
	}
	return mavenStringItem(text, false)
}

func mavenStringItem(text string, followedByDigit bool) mavenItem {
	if followedByDigit && len(text) == 1 {
		switch text {
		case "a":
			text = "alpha"
		case "b":
			text = "beta"
		case "m":
			text = "milestone"
		}
	}
	if rank, ok := mavenQualifierRanks[text]; ok {
		return mavenItem{kind: mavenString, rank: rank}
	}
	return mavenItem{kind: mavenString, rank: mavenRankUnknown, text: text}
}

// mavenNormalize drops trailing null items, looking past (but keeping)
// non-null nested lists, exactly as ListItem.normalize does: "1.0-1" keeps
// its list but loses the 0, becoming [1, [1]].
func mavenNormalize(items []mavenItem) []mavenItem {
	for i := len(items) - 1; i >= 0; i-- {
		if items[i].isNull() {
			items = append(items[:i], items[i+1:]...)
		} else if items[i].kind != mavenList {
			break
		}
	}
	return items
}

func (m *mavenVersion) String() string { return m.raw }
func (m *mavenVersion) scheme() scheme { return schemeMaven }

func (m *mavenVersion) Compare(other Version) int {
	o, ok := other.(*mavenVersion)
	if !ok || o == nil {
		return compareSchemes(m, other)
	}
	return mavenCompareLists(m.items, o.items)
}

// mavenCompareLists is ListItem.compareTo(ListItem): pairwise, with a
// missing item on the shorter side standing for "null".
func mavenCompareLists(a, b []mavenItem) int {
	for i := 0; i < len(a) || i < len(b); i++ {
		var c int
		switch {
		case i >= len(a):
			c = -mavenCompareNull(&b[i])
		case i >= len(b):
			c = mavenCompareNull(&a[i])
		default:
			c = mavenCompareItems(&a[i], &b[i])
		}
		if c != 0 {
			return c
		}
	}
	return 0
}

// mavenCompareNull compares an item with an absent one (Item.compareTo(null)).
func mavenCompareNull(it *mavenItem) int {
	switch it.kind {
	case mavenInt:
		if it.text == "" {
			return 0
		}
		return 1 // 1.1 > 1
	case mavenString:
		return sign(int(it.rank) - int(mavenRankRelease)) // 1-rc < 1 < 1-sp
	default:
		// The whole list is compared with null, not only its first item
		// (MNG-6964).
		for i := range it.list {
			if c := mavenCompareNull(&it.list[i]); c != 0 {
				return c
			}
		}
		return 0
	}
}

// mavenCompareItems implements the compareTo methods of IntItem, StringItem
// and ListItem for two present items.
func mavenCompareItems(a, b *mavenItem) int {
	switch a.kind {
	case mavenInt:
		if b.kind == mavenInt {
			return compareDigits(a.text, b.text)
		}
		return 1 // a number beats a qualifier (1.1 > 1-sp) and a list (1.1 > 1-1)
	case mavenString:
		switch b.kind {
		case mavenString:
			if a.rank != b.rank {
				return sign(int(a.rank) - int(b.rank))
			}
			return compareStrings(a.text, b.text)
		default:
			return -1 // 1.any < 1.1 and 1.any < 1-1
		}
	default:
		switch b.kind {
		case mavenInt:
			return -1 // 1-1 < 1.0.x
		case mavenString:
			return 1 // 1-1 > 1-sp
		default:
			return mavenCompareLists(a.list, b.list)
		}
	}
}
