package version

import "testing"

// crates.io uses Cargo's semver crate: strict SemVer 2.0.0 (its docs:
// "no leading zeros", "no 'v' prefix", "major.minor.patch required").
const cargoSemver = "semver crate docs / semver.org 2.0.0"

var cargoCases = []cmpCase{
	{"0.9.9", "0.10.0", -1, cargoSemver},
	{"1.0.0-alpha.1", "1.0.0", -1, cargoSemver},
	{"1.0.0+build.1", "1.0.0+build.2", 0, cargoSemver + " (OSV SEMVER ranges ignore build metadata)"},
	{"1.44.1", "1.44.0", 1, "tokio-style release"},
	{"0.0.1", "0.1.0", -1, cargoSemver},
	{"2.0.0", "1.99.99", 1, cargoSemver},
	{"0.3.0", "0.2.100", 1, cargoSemver},
	{"1.0.0-rc.9", "1.0.0-rc.10", -1, cargoSemver + ": numeric identifiers by value"},
	{"1.0.0-rc.1", "1.0.0-rc.1.1", -1, cargoSemver + ": fewer identifiers first"},
	{"1.0.0-a.1", "1.0.0-a.b", -1, cargoSemver + ": numeric before alphanumeric"},
	{"1.0.0-A", "1.0.0-a", -1, cargoSemver + ": ASCII order"},
	{"1.0.0-0", "1.0.0-alpha", -1, cargoSemver + ": numeric before alphanumeric"},
	{"1.2.3-beta.1+build.5", "1.2.3-beta.1", 0, cargoSemver + " (OSV SEMVER ranges ignore build metadata)"},
	{"18446744073709551615.0.0", "1.0.0", 1, cargoSemver + ": u64 maximum is valid"},
	{"1.0.0-alpha-1", "1.0.0-alpha", 1, cargoSemver + ": '-' is part of an identifier"},
}

func TestCargoOrder(t *testing.T) {
	checkCases(t, "crates.io", cargoCases)
}

func TestCargoInvalid(t *testing.T) {
	checkInvalid(t, "crates.io", []string{
		"", "v1.0.0", "=1.0.0", "1.0", "01.0.0", "1.0.0-01", "1.0.0 ", "18446744073709551616.0.0",
	})
}
