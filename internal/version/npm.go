package version

import "strings"

// npm versions are SemVer 2.0.0 as node-semver parses them in its default
// (non-loose) mode, after the clean-up semver.clean() does: surrounding
// whitespace and any leading run of "=" and "v" are dropped, so "v1.2.3",
// "=1.2.3", " = 1.2.3" and " 1.2.3 " all mean 1.2.3. node-semver's loose mode (which
// would also accept "1.2.3beta") is not supported; lock files and the
// registry only hold clean versions. Like node-semver, numbers above
// Number.MAX_SAFE_INTEGER and versions longer than 256 characters are
// rejected.
const (
	npmMaxLength      = 256
	npmMaxSafeInteger = "9007199254740991"
)

func parseNPM(s string) (Version, error) {
	if len(s) > npmMaxLength {
		return nil, invalid(s, "version is longer than 256 characters")
	}
	// semver.clean: trim, drop a leading run of '=' and 'v', and the
	// SemVer constructor trims again.
	clean := strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(s), "=v"))
	if clean == "" {
		return nil, invalid(s, "version string is empty")
	}
	p, problem := splitSemver(clean)
	if problem == "" && p.components < 3 {
		problem = "need MAJOR.MINOR.PATCH"
	}
	if problem != "" {
		return nil, invalid(s, problem)
	}
	for _, n := range [...]string{p.major, p.minor, p.patch} {
		if compareDigits(n, npmMaxSafeInteger) > 0 {
			return nil, invalid(s, "version number is larger than Number.MAX_SAFE_INTEGER")
		}
	}
	return &semverVersion{raw: s, scheme_: schemeNPM, major: p.major, minor: p.minor, patch: p.patch, pre: p.pre}, nil
}
