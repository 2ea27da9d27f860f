package layers

import (
	"strings"

	"github.com/patchbay/patchbay/internal/catalog"
)

// CacheHintMinBytes is the size below which a cache directory of a layer is not worth a hint.
const CacheHintMinBytes = 1 << 20

// cacheRule recognises the files of one kind of cache. A hint names the rule's directory, and adds up all
// the files under it in one layer: one hint per cache directory, not one per file.
type cacheRule struct {
	kind string
	// dir is absolute, or relative to a home directory (/root, /home/NAME) when inHome is set.
	dir    string
	inHome bool
	// counts says which files below dir are cache (rel is the path below dir); nil means all.
	counts func(rel string) bool
	what   string
	advice string
}

// cacheRules, the more specific first: a file belongs to the first rule that counts it.
var cacheRules = []cacheRule{
	{kind: HintPackageCache, dir: "/var/cache/apt/archives", counts: func(rel string) bool { return strings.HasSuffix(rel, ".deb") },
		what: "apt package archives (*.deb)", advice: "run apt-get clean in the same RUN as apt-get install"},
	{kind: HintPackageCache, dir: "/var/cache/apt", counts: func(rel string) bool { return !strings.Contains(rel, "/") && strings.HasSuffix(rel, ".bin") },
		what: "apt package index caches (*.bin)", advice: "run apt-get clean in the same RUN as apt-get install"},
	{kind: HintPackageCache, dir: "/var/lib/apt/lists", counts: func(rel string) bool { return rel != "lock" && rel != "partial" && !strings.HasPrefix(rel, "partial/") },
		what: "apt package lists", advice: "rm -rf /var/lib/apt/lists/* in the same RUN as apt-get update"},
	{kind: HintPackageCache, dir: "/var/cache/apk",
		what: "apk package cache", advice: "use apk add --no-cache"},
	{kind: HintPackageCache, dir: "/var/cache/yum",
		what: "yum cache", advice: "run yum clean all && rm -rf /var/cache/yum in the same RUN"},
	{kind: HintPackageCache, dir: "/var/cache/dnf",
		what: "dnf cache", advice: "run dnf clean all in the same RUN"},
	{kind: HintPackageCache, dir: ".npm/_cacache", inHome: true,
		what: "npm cache", advice: "run npm cache clean --force in the same RUN, or use a cache mount"},
	{kind: HintPackageCache, dir: ".cache/pip", inHome: true,
		what: "pip cache", advice: "use pip install --no-cache-dir, or a cache mount"},
	{kind: HintPackageCache, dir: ".m2/repository", inHome: true,
		what: "Maven local repository", advice: "build in a separate stage and copy only the artifacts"},
	{kind: HintPackageCache, dir: ".cache/go-build", inHome: true,
		what: "Go build cache", advice: "build in a separate stage, or use a cache mount"},
	{kind: HintTempFiles, dir: "/tmp",
		what: "temporary files", advice: "remove them in the same RUN that creates them"},
	{kind: HintTempFiles, dir: "/var/tmp",
		what: "temporary files", advice: "remove them in the same RUN that creates them"},
}

// matchCache returns the cache directory p belongs to (a prefix of p) and its rule, or nil.
func matchCache(p string) (string, *cacheRule) {
	home := homeOf(p)
	if home == "" && !strings.HasPrefix(p, "/var/") && !strings.HasPrefix(p, "/tmp/") {
		return "", nil // most paths: no rule can match
	}
	for i := range cacheRules {
		r := &cacheRules[i]
		skip := 0 // length of the prefix of p that r.dir is relative to
		if r.inHome {
			if home == "" {
				continue
			}
			skip = len(home) + 1
		}
		rest := p[skip:]
		if !hasDirPrefix(rest, r.dir) {
			continue
		}
		if r.counts == nil || r.counts(rest[len(r.dir)+1:]) {
			return p[:skip+len(r.dir)], r
		}
	}
	return "", nil
}

// homeOf returns the home directory p lies in (/root or /home/NAME), or "".
func homeOf(p string) string {
	if isBelow(p, "/root") {
		return "/root"
	}
	if !isBelow(p, "/home") {
		return ""
	}
	rest := p[len("/home/"):]
	i := strings.IndexByte(rest, '/')
	if i <= 0 {
		return ""
	}
	return p[:len("/home/")+i]
}

// cacheGroup adds up one cache directory of one layer.
type cacheGroup struct {
	rule  *cacheRule
	bytes int64
	files int
}

// cacheHints returns the hints for the caches a layer's entries leave behind, at least CacheHintMinBytes
// per directory. Whiteouts, opaque markers and directories ship no content and are skipped.
func cacheHints(files []catalog.FileRecord, layerIndex int) []hintCandidate {
	var groups map[string]*cacheGroup
	var order []string
	for _, f := range files {
		switch f.Kind {
		case catalog.KindDir, catalog.KindWhiteout, catalog.KindOpaque:
			continue
		}
		dir, rule := matchCache(absPath(f.Path))
		if rule == nil {
			continue
		}
		if groups == nil {
			groups = make(map[string]*cacheGroup)
		}
		g := groups[dir]
		if g == nil {
			g = &cacheGroup{rule: rule}
			groups[dir] = g
			order = append(order, dir)
		}
		g.bytes += f.Size
		g.files++
	}
	var out []hintCandidate
	for _, dir := range order {
		g := groups[dir]
		if g.bytes < CacheHintMinBytes {
			continue
		}
		out = append(out, hintCandidate{hint: Hint{
			Layer: layerIndex, Kind: g.rule.kind, Path: dir, Bytes: g.bytes, Message: cacheMessage(g.rule, g.files),
		}})
	}
	return out
}
