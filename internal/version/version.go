// Package version orders package versions the way each packaging ecosystem
// does, keyed by the ecosystem names OSV writes in its advisories.
//
// Matching an SBOM against advisories compares the same few hundred
// thousand version strings millions of times, so the API separates the two
// costs: a Comparer parses a string once into a Version, and
// Version.Compare on two parsed values does no allocation.
//
// Each ecosystem has its own file (debian.go, rpm.go, alpine.go, maven.go,
// pypi.go, semver.go with npm.go/cargo.go/golang.go); ecosystems.go maps
// OSV ecosystem names to them.
//
// OSV's `"introduced": "0"` is a range sentinel meaning "from the first
// version", not a version: the matcher must handle it, because strict
// formats (npm, crates.io) rightly reject "0".
package version

// Version is a version string parsed by one ecosystem's rules.
//
// Versions are immutable and safe for concurrent use. Only this package
// implements Version (the unexported method seals it), which lets Compare
// rely on the concrete type of its argument.
type Version interface {
	// String returns the version exactly as it was given to Parse.
	String() string

	// Compare returns -1, 0 or +1 as the receiver sorts before, equal to or
	// after other under the receiver's ecosystem rules.
	//
	// Comparing versions parsed by two different schemes (say a Debian and
	// a PyPI version) is a programmer error, but it must not panic in the
	// middle of a scan: such versions are never equal and order by scheme,
	// which keeps Compare a total order. A nil other sorts first.
	Compare(other Version) int

	// scheme reports which comparison algorithm produced this value.
	scheme() scheme
}

// Comparer parses and compares the versions of one ecosystem.
type Comparer interface {
	// Ecosystem is the OSV ecosystem name the Comparer was made for, with
	// any ":release" suffix removed ("Debian", "Red Hat", "PyPI").
	Ecosystem() string

	// Parse checks s against the ecosystem's version syntax and returns the
	// parsed form. Invalid input yields an error that wraps
	// ErrInvalidVersion (as a *ParseError); Parse never panics.
	Parse(s string) (Version, error)

	// Compare parses a and b and compares them. It is a convenience for
	// one-off comparisons; hot paths should Parse once and reuse Versions.
	Compare(a, b string) (int, error)
}

// sign maps any int to -1, 0 or +1.
func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}
