package java

// isArchiveName tells whether a path names a Java archive by its extension: .jar, .war, .ear, and the Jenkins
// plugin archives .jpi and .hpi, in any letter case. It does not allocate: Wants calls it for every file of every
// layer.
func isArchiveName(name string) bool {
	n := len(name)
	// A bare ".jar" (or "dir/.jar") is a hidden file, not an archive with a name.
	if n < 5 || name[n-4] != '.' || name[n-5] == '/' {
		return false
	}
	// OR-ing 0x20 lower-cases ASCII letters; no other byte lands on the lower-case letters compared below.
	a, b, c := name[n-3]|0x20, name[n-2]|0x20, name[n-1]|0x20
	switch {
	case b == 'a' && c == 'r':
		return a == 'j' || a == 'w' || a == 'e'
	case b == 'p' && c == 'i':
		return a == 'j' || a == 'h'
	}
	return false
}
