package npm

import "strings"

// kind is what a path says about a package.json, before its content is read.
type kind uint8

const (
	notWanted kind = iota
	installed      // the root of a module in node_modules or in a Debian global module directory
	project        // outside any node_modules: a project's own manifest if node_modules sits beside it
)

const manifestSuffix = "/package.json"

// classify decides from the path alone, without allocating: it runs for every regular file of every layer.
//
// A package.json deeper inside a module (node_modules/x/lib/package.json, node_modules/x/test/fixtures/package.json)
// is not a package: such files mark module types or are test data, and taking them would invent packages.
func classify(path string) kind {
	if !strings.HasSuffix(path, manifestSuffix) {
		return notWanted
	}
	dir := path[:len(path)-len(manifestSuffix)]
	if isModuleRoot(dir) {
		return installed
	}
	if strings.Contains(path, "/node_modules/") {
		return notWanted
	}
	return project
}

// isModuleRoot tells whether dir is MODULES/NAME or MODULES/@scope/NAME, MODULES being a directory that modules are
// installed in.
func isModuleRoot(dir string) bool {
	parent, name := splitLast(dir)
	if !isModuleName(name) {
		return false
	}
	if isModulesDir(parent) {
		return true
	}
	grandparent, scope := splitLast(parent)
	return len(scope) > 1 && scope[0] == '@' && isModulesDir(grandparent)
}

// isModuleName rejects what cannot be a module's directory: "" (a path like "//package.json"), ".bin", ".cache",
// ".pnpm" and other tool directories (npm names never start with a dot), and a bare "@scope".
func isModuleName(s string) bool {
	return s != "" && s[0] != '.' && s[0] != '@'
}

// isModulesDir tells whether modules are installed directly in dir: any node_modules directory, and the
// directories where Debian's node-* packages install theirs (architecture-independent ones in /usr/share/nodejs,
// older and arch-dependent ones in /usr/lib/nodejs and /usr/lib/TRIPLET/nodejs).
func isModulesDir(dir string) bool {
	switch dir {
	case "/usr/share/nodejs", "/usr/lib/nodejs":
		return true
	}
	return strings.HasSuffix(dir, "/node_modules") || isMultiarchNodejsDir(dir)
}

// isMultiarchNodejsDir matches /usr/lib/x86_64-linux-gnu/nodejs and friends.
func isMultiarchNodejsDir(dir string) bool {
	const prefix, suffix = "/usr/lib/", "/nodejs"
	if len(dir) <= len(prefix)+len(suffix) || !strings.HasPrefix(dir, prefix) || !strings.HasSuffix(dir, suffix) {
		return false
	}
	triplet := dir[len(prefix) : len(dir)-len(suffix)]
	return strings.Contains(triplet, "-linux-") && !strings.Contains(triplet, "/")
}

// splitLast splits a directory path into its parent and its last element, as substrings.
func splitLast(dir string) (parent, last string) {
	i := strings.LastIndexByte(dir, '/')
	if i < 0 {
		return "", dir
	}
	return dir[:i], dir[i+1:]
}
