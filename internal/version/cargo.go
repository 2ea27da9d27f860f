package version

// crates.io versions are strict SemVer 2.0.0, as Cargo's semver crate parses
// them: exactly MAJOR.MINOR.PATCH, no "v" prefix, no leading zeros. Build
// metadata is accepted and, as semver.org §10 and OSV's SEMVER ranges
// require, ignored by the order (the semver crate's Ord breaks ties with it
// to stay consistent with Eq; a vulnerability range cannot depend on it).
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
	return &semverVersion{raw: s, scheme_: schemeCargo, major: p.major, minor: p.minor, patch: p.patch, pre: p.pre}, nil
}
