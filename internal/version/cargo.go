package version

// crates.io versions are strict SemVer 2.0.0, as Cargo's semver crate parses
// them: exactly MAJOR.MINOR.PATCH, no "v" prefix, no leading zeros. Build
// metadata is accepted and, as semver.org §10 and OSV's SEMVER ranges
// require, ignored by the order (the semver crate's Ord breaks ties with it
// to stay consistent with Eq; a vulnerability range cannot depend on it).
// The semver crate stores major, minor and patch as u64.
const cargoMaxNumber = "18446744073709551615"

func parseCargo(s string) (Version, error) {
	if s == "" {
		return nil, invalid(s, "version string is empty")
	}
	p, problem := splitSemver(s)
	if problem == "" && p.components < 3 {
		problem = "need MAJOR.MINOR.PATCH"
	}
	if problem != "" {
		return nil, invalid(s, problem)
	}
	for _, n := range [...]string{p.major, p.minor, p.patch} {
		if compareDigits(n, cargoMaxNumber) > 0 {
			return nil, invalid(s, "version number does not fit in 64 bits")
		}
	}
	return &semverVersion{raw: s, scheme_: schemeCargo, major: p.major, minor: p.minor, patch: p.patch, pre: p.pre}, nil
}
