package layers

import (
	"path"
	"strings"
)

// comparePaths orders absolute paths component by component, as if '/' sorted before every other byte:
// "/a/b" < "/a/b/c" < "/a/b-c". Plain byte order would put "/a/b-c" between "/a/b" and "/a/b/c"; with
// this order everything below a directory follows it at once, which the leaf test and the view cursor
// rely on.
func comparePaths(a, b string) int {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		ca, cb := a[i], b[i]
		switch {
		case ca == cb:
			continue
		case ca == '/':
			return -1
		case cb == '/':
			return 1
		case ca < cb:
			return -1
		default:
			return 1
		}
	}
	return len(a) - len(b)
}

// isBelow reports whether p lies strictly under directory dir.
func isBelow(p, dir string) bool {
	if dir == "/" {
		return len(p) > 1 && p[0] == '/'
	}
	return len(p) > len(dir) && p[len(dir)] == '/' && p[:len(dir)] == dir
}

// hasDirPrefix reports whether rel (relative or absolute) lies strictly under dir written the same way.
func hasDirPrefix(rel, dir string) bool {
	return len(rel) > len(dir) && rel[len(dir)] == '/' && rel[:len(dir)] == dir
}

// parentDir is the directory holding p: "/" for "/a".
func parentDir(p string) string {
	i := strings.LastIndexByte(p, '/')
	if i <= 0 {
		return "/"
	}
	return p[:i]
}

// baseName is p's last component.
func baseName(p string) string {
	return p[strings.LastIndexByte(p, '/')+1:]
}

// childPath is the path of the child of dir on the way to p (p must lie below dir): a prefix of p, so it
// shares p's memory.
func childPath(dir, p string) string {
	start := len(dir) + 1
	if dir == "/" {
		start = 1
	}
	if i := strings.IndexByte(p[start:], '/'); i >= 0 {
		return p[:start+i]
	}
	return p
}

// absPath returns p as FileRecord promises it (absolute and clean); only a broken producer costs an
// allocation here.
func absPath(p string) string {
	if len(p) > 0 && p[0] == '/' && (len(p) == 1 || p[len(p)-1] != '/') && !strings.Contains(p, "//") {
		return p
	}
	return path.Clean("/" + p)
}
