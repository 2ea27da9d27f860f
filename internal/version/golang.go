package version

import (
	"go/version"
	"strings"

	"golang.org/x/mod/semver"
)

// Go versions come in two spellings, both of which OSV's Go ecosystem uses:
//
//   - Module versions, validated by golang.org/x/mod/semver (the reference
//     the go command uses): semver with a "v" prefix, where OSV drops the
//     prefix ("1.2.3") and go.mod keeps it ("v1.2.3"). "+incompatible" is
//     build metadata and so ignored; pseudo-versions
//     (v0.0.0-20210101000000-abcdef123456, v1.2.4-0.2021...) are ordinary
//     pre-releases and sort where the go command puts them. x/mod's
//     shorthands "v1" and "v1.2" mean v1.0.0 and v1.2.0.
//   - Go toolchain / standard library versions ("stdlib", "toolchain"),
//     validated by the standard library's go/version: "go1.21.3",
//     "go1.21rc2", "go1.21", "go1". They are mapped onto semver the way the
//     Go vulnerability database does (golang.org/x/vulndb's
//     GoTagToSemver): go1.21rc2 is v1.21.0-rc.2 and go1.21 is v1.21.0. (For
//     go/version itself "go1.21" is the language version, which sorts
//     before go1.21rc1; for matching releases that distinction does not
//     apply, and go1.20 was a release tag meaning 1.20.0.)
func parseGo(s string) (Version, error) {
	if s == "" {
		return nil, invalid(s, "version string is empty")
	}
	if strings.HasPrefix(s, "go") {
		canonical, ok := goToolchainSemver(s)
		if !ok {
			return nil, invalid(s, "not a Go toolchain version (want go1.N[.P] or go1.NrcK)")
		}
		return newGoVersion(s, canonical)
	}
	v := s
	if v[0] != 'v' {
		v = "v" + v
	}
	if semver.IsValid(v) {
		return newGoVersion(s, semver.Canonical(v))
	}
	// The standard library's pre-releases also appear without the "go"
	// prefix ("1.21rc2"). go/version would ignore a "-suffix" there, which
	// must not turn "1.0-rc1" into 1.0.0.
	if canonical, ok := goToolchainSemver("go" + strings.TrimPrefix(s, "v")); ok && !strings.Contains(s, "-") {
		return newGoVersion(s, canonical)
	}
	return nil, invalid(s, "not a Go module version (semantic version such as v1.2.3) nor a Go toolchain version")
}

func newGoVersion(raw, canonical string) (Version, error) {
	// canonical is "vMAJOR.MINOR.PATCH[-PRE]" and already valid.
	p, problem := splitSemver(canonical[1:])
	if problem != "" {
		return nil, invalid(raw, problem)
	}
	return &semverVersion{raw: raw, scheme_: schemeGo, major: p.major, minor: p.minor, patch: p.patch, pre: p.pre}, nil
}

// goToolchainSemver turns a toolchain name into a canonical semver string.
func goToolchainSemver(s string) (string, bool) {
	if !version.IsValid(s) {
		return "", false
	}
	// go/version accepts and ignores a custom suffix ("go1.21.0-bigcorp").
	v, _, _ := strings.Cut(strings.TrimPrefix(s, "go"), "-")

	major, rest, _ := strings.Cut(v, ".")
	minor, patch := "0", "0"
	if rest != "" {
		minor = rest[:spanDigits(rest)]
		rest = rest[len(minor):]
		if strings.HasPrefix(rest, ".") {
			patch, rest = rest[1:], ""
		}
	}
	out := "v" + major + "." + minor + "." + patch
	if rest != "" {
		// A pre-release such as "rc2" or "beta1": kind, then optional number.
		kind := strings.TrimRight(rest, "0123456789")
		out += "-" + kind
		if num := rest[len(kind):]; num != "" {
			out += "." + num
		}
	}
	return out, semver.IsValid(out)
}
