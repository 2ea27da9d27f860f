package version

// scheme identifies a comparison algorithm. Several OSV ecosystems share one
// (Debian and Ubuntu use dpkg's; the RPM distributions use rpmvercmp).
type scheme uint8

const (
	schemeDpkg scheme = iota + 1
	schemeRPM
	schemeAPK
	schemeMaven
	schemePEP440
	schemeNPM
	schemeCargo
	schemeGo
)

// compareSchemes orders versions of different schemes so that Compare stays
// antisymmetric and total even when misused; the order itself is arbitrary.
func compareSchemes(a Version, b Version) int {
	if b == nil {
		if a == nil {
			return 0
		}
		return 1
	}
	if a == nil {
		return -1
	}
	return sign(int(a.scheme()) - int(b.scheme()))
}
