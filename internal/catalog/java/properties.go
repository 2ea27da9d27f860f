package java

import (
	"strings"
	"unicode/utf8"
)

// parseProperties reads the Java .properties format (java.util.Properties.load): "key=value", "key: value" or
// "key value" lines, "#" and "!" comments, a backslash at the end of a line continues it on the next, and
// backslash escapes (\t, \n, \uXXXX...). Keys and values are trimmed, and a later key replaces an earlier one, as
// in Java. It never fails: a malformed \u escape is kept as the letters that follow the backslash, where Java
// would throw, because a half-readable pom.properties still names its artifact.
func parseProperties(content []byte) map[string]string {
	props := make(map[string]string)
	for rest := string(content); rest != ""; {
		var line string
		line, rest = nextLogicalLine(rest)
		if line == "" {
			continue
		}
		key, value := splitProperty(line)
		props[unescapeProperty(key)] = strings.TrimSpace(unescapeProperty(value))
	}
	return props
}

// nextLogicalLine returns the next logical line of s with its leading white space removed and its continuations
// joined, or "" for a blank or comment line, and what follows it.
func nextLogicalLine(s string) (line, rest string) {
	var joined strings.Builder
	first := true
	for {
		var natural string
		natural, s = cutNaturalLine(s)
		natural = strings.TrimLeft(natural, " \t\f")
		if first && (natural == "" || natural[0] == '#' || natural[0] == '!') {
			return "", s
		}
		first = false
		if !endsWithContinuation(natural) {
			if joined.Len() == 0 {
				return natural, s
			}
			joined.WriteString(natural)
			return joined.String(), s
		}
		joined.WriteString(natural[:len(natural)-1])
		if s == "" {
			return joined.String(), s
		}
	}
}

// cutNaturalLine splits s after its first line terminator: "\n", "\r" or "\r\n".
func cutNaturalLine(s string) (line, rest string) {
	i := strings.IndexAny(s, "\r\n")
	if i < 0 {
		return s, ""
	}
	if s[i] == '\r' && i+1 < len(s) && s[i+1] == '\n' {
		return s[:i], s[i+2:]
	}
	return s[:i], s[i+1:]
}

// endsWithContinuation tells whether a line ends with an odd number of backslashes: the last one is not escaped.
func endsWithContinuation(line string) bool {
	n := 0
	for i := len(line) - 1; i >= 0 && line[i] == '\\'; i-- {
		n++
	}
	return n%2 == 1
}

// splitProperty splits a logical line at the first unescaped '=', ':' or white space, and drops the separator
// with the white space around it.
func splitProperty(line string) (key, value string) {
	end := len(line)
	for i := 0; i < len(line); i++ {
		c := line[i]
		if c == '\\' {
			i++ // the next byte is escaped
			continue
		}
		if c == '=' || c == ':' || c == ' ' || c == '\t' || c == '\f' {
			end = i
			break
		}
	}
	key, value = line[:end], line[end:]
	value = strings.TrimLeft(value, " \t\f")
	if value != "" && (value[0] == '=' || value[0] == ':') {
		value = strings.TrimLeft(value[1:], " \t\f")
	}
	return key, value
}

// unescapeProperty resolves the backslash escapes of a key or value.
func unescapeProperty(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 == len(s) {
			b.WriteByte(c)
			continue
		}
		i++
		switch s[i] {
		case 't':
			b.WriteByte('\t')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 'f':
			b.WriteByte('\f')
		case 'u':
			if r, ok := hex4(s[i+1:]); ok {
				b.WriteRune(r)
				i += 4
			} else {
				b.WriteByte('u')
			}
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// hex4 reads the four hex digits of a \uXXXX escape; a lone surrogate becomes U+FFFD.
func hex4(s string) (rune, bool) {
	if len(s) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range []byte(s[:4]) {
		var d byte
		switch {
		case c >= '0' && c <= '9':
			d = c - '0'
		case c >= 'a' && c <= 'f':
			d = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			d = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(d)
	}
	if !utf8.ValidRune(r) {
		r = utf8.RuneError
	}
	return r, true
}
