package report

import (
	"net/url"
	"strings"
)

// archiveSeparator separates an archive's path from the path of a file inside it in evidence paths
// ("/app/app.jar!/BOOT-INF/lib/x.jar"); see sbom.Package.Paths.
const archiveSeparator = "!/"

// outerPath is the file in the image that holds the evidence: the outermost archive for a file inside one.
func outerPath(p string) string {
	if i := strings.Index(p, archiveSeparator); i >= 0 {
		return p[:i]
	}
	return p
}

// artifactURI is the evidence path as a relative URI reference: the outer file (SARIF locates files, not entries
// of archives), without the leading "/" so that a viewer resolves it against wherever the image's files are, and
// percent-encoded where a path may hold what a URI may not (spaces, '%', '#', '?').
func artifactURI(p string) string {
	rel := strings.TrimLeft(outerPath(p), "/")
	if rel == "" {
		return ""
	}
	// url.URL writes a relative path whose first segment holds a ':' as "./a:b", so it is not read as a scheme.
	return (&url.URL{Path: rel}).String()
}

// maxPathWidth is how wide a path may be in the table before it is shortened: wide enough for a jar in a Spring
// Boot jar ("/app/app.jar!/BOOT-INF/lib/jackson-databind-2.13.0.jar") or a dist-info METADATA, narrow enough to
// keep a line within a wide terminal.
const maxPathWidth = 60

// ellipsis marks what shortPath left out. ASCII, because terminals and CI logs disagree about "…".
const ellipsis = "..."

// shortPath shortens an evidence path for the table, keeping what identifies the file: its name and the
// directories nearest to it, the archive it sits in, and the first directory, which says whose it is
// ("/app", "/usr"). Paths that fit are left alone.
func shortPath(p string) string {
	if len(p) <= maxPathWidth {
		return p
	}
	parts := strings.Split(p, archiveSeparator)
	if len(parts) > 1 {
		// A file inside an archive: the outer archive and the innermost file name say which jar it is; the
		// directories in between ("BOOT-INF/lib") rarely matter.
		inner := ellipsis + "/" + lastSegment(parts[len(parts)-1])
		for _, outer := range []string{shortPath(parts[0]), ellipsis + "/" + lastSegment(parts[0])} {
			if short := outer + archiveSeparator + inner; len(short) <= maxPathWidth {
				return short
			}
		}
		return tail(p)
	}
	segments := strings.Split(strings.TrimPrefix(p, "/"), "/")
	if len(segments) > 3 {
		// "/usr/.../urllib3-1.26.12.egg-info/PKG-INFO": the first directory and the last two segments.
		short := "/" + segments[0] + "/" + ellipsis + "/" + strings.Join(segments[len(segments)-2:], "/")
		if len(short) <= maxPathWidth {
			return short
		}
		short = "/" + segments[0] + "/" + ellipsis + "/" + segments[len(segments)-1]
		if len(short) <= maxPathWidth {
			return short
		}
	}
	return tail(p)
}

func lastSegment(p string) string {
	return p[strings.LastIndexByte(p, '/')+1:]
}

// tail keeps the end of s, where a path's file name is, when nothing better fits.
func tail(s string) string {
	keep := maxPathWidth - len(ellipsis)
	cut := len(s) - keep
	// Cut at a rune boundary, so that a non-ASCII name is not split in the middle of a character.
	for cut < len(s) && s[cut]&0xC0 == 0x80 {
		cut++
	}
	return ellipsis + s[cut:]
}
