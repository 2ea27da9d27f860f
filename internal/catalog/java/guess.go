package java

import (
	"strings"
)

// guessIdentity names a jar that carries no pom.properties, from its manifest and its file name. The name it
// returns is an artifact name alone, without a group: nothing in such a jar says the group reliably, and a name
// without "group:" tells the SBOM's reader (and the vulnerability matcher) that it was guessed. ok is false unless
// both a name and a version are found. In order of trust:
//
//  1. The file name ends with "-" and a version the manifest states: "foo-2.0-beta-1.jar" with
//     Implementation-Version 2.0-beta-1 is foo 2.0-beta-1. Maven names its jars artifactId-version.jar.
//  2. The file name alone, split before the version (see splitFileName): "commons-lang3-3.12.0.jar".
//  3. A name and version header pair of the manifest: Implementation-Title and -Version, Bundle-SymbolicName and
//     Bundle-Version, Specification-Title and -Version. Titles are often prose ("Java Runtime Environment"); only
//     titles that look like an identifier are taken.
//
// A file name without a version ("app.jar") names nothing by itself: it is often the deployment's name, not the
// library's.
func guessIdentity(fileName string, m manifest) (name, version string, ok bool) {
	stem := fileName
	if i := strings.LastIndexByte(stem, '.'); i > 0 {
		stem = stem[:i]
	}
	for _, v := range []string{m.implementationVersion, m.bundleVersion, m.specificationVersion} {
		if plausibleVersion(v) && len(stem) > len(v)+1 && strings.HasSuffix(stem, "-"+v) {
			if n := stem[:len(stem)-len(v)-1]; plausibleName(n) {
				return n, v, true
			}
		}
	}
	if n, v, ok := splitFileName(stem); ok {
		return n, v, true
	}
	pairs := [][2]string{
		{m.implementationTitle, m.implementationVersion},
		{symbolicName(m.bundleSymbolicName), m.bundleVersion},
		{m.specificationTitle, m.specificationVersion},
	}
	for _, p := range pairs {
		if plausibleName(p[0]) && plausibleVersion(p[1]) {
			return p[0], p[1], true
		}
	}
	return "", "", false
}

// splitFileName splits "name-version" before the version: at a '-' followed by a digit. Names may hold such a
// '-' too ("log4j-1.2-api-2.19.0") and versions as well ("jaxen-1.1-beta-6"), so the last candidate is taken
// whose left part does not end in a version-like word: a number ("foo-1.0-2": "1.0" is version) or a qualifier
// ("beta", "rc"...).
func splitFileName(stem string) (name, version string, ok bool) {
	for i := len(stem) - 2; i > 0; i-- {
		if stem[i] != '-' || !isDigit(stem[i+1]) {
			continue
		}
		left := stem[:i]
		last := left[strings.LastIndexByte(left, '-')+1:]
		if last == "" || isDigit(last[0]) || isQualifier(last) {
			continue
		}
		if plausibleName(left) && plausibleVersion(stem[i+1:]) {
			return left, stem[i+1:], true
		}
		return "", "", false
	}
	return "", "", false
}

// isQualifier tells whether a word is one that Maven versions use after the number ("1.0-beta-2").
func isQualifier(word string) bool {
	switch strings.ToLower(word) {
	case "alpha", "a", "beta", "b", "milestone", "m", "rc", "cr", "snapshot", "final", "ga", "release", "sp",
		"patch", "pre", "preview", "ea", "build", "dev":
		return true
	}
	return false
}

// symbolicName drops the directives of a Bundle-SymbolicName: "org.foo.bar;singleton:=true".
func symbolicName(s string) string {
	name, _, _ := strings.Cut(s, ";")
	return strings.TrimSpace(name)
}

// plausibleName accepts an identifier-like name: no white space or control characters, no path separators, no
// unexpanded "${...}" property, and not too long.
func plausibleName(s string) bool {
	if s == "" || len(s) > 200 || strings.Contains(s, "${") {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c <= ' ' || c == 0x7f || c == '/' || c == '\\' {
			return false
		}
	}
	return true
}

// plausibleVersion accepts a name-like string that holds at least one digit.
func plausibleVersion(s string) bool {
	return plausibleName(s) && len(s) <= 128 && strings.IndexFunc(s, func(r rune) bool { return r >= '0' && r <= '9' }) >= 0
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
