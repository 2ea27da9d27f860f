package sbom

import (
	"strings"

	"github.com/github/go-spdx/v2/spdxexp"
	"github.com/github/go-spdx/v2/spdxexp/spdxlicenses"
)

// Package licenses are free text as the metadata spells them: an SPDX id ("MIT"), an SPDX expression
// ("(MIT OR Apache-2.0)"), or a name that is neither ("GPL-2+" from a Debian copyright file, "BSD"). The SBOM
// formats want SPDX where it is SPDX and must not claim it where it is not, so each license is checked against
// the SPDX license list (github.com/github/go-spdx, the one syft uses) and anything that fails stays a name.

// spdxLicenseID returns the canonical spelling of s ("mit" -> "MIT") when s is exactly one SPDX license id,
// active or deprecated (the CycloneDX schema's id enumeration has both).
func spdxLicenseID(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if ok, id := spdxlicenses.IsActiveLicense(s); ok {
		return id, true
	}
	if ok, id := spdxlicenses.IsDeprecatedLicense(s); ok {
		return id, true
	}
	return "", false
}

// spdxLicenseExpression joins licenses into one normalised SPDX expression, with AND: a package listing several
// licenses is under all of them (different files, different terms), which is how syft reads such lists too.
// It fails when any license is not valid SPDX. LicenseRef-/DocumentRef- are refused as well: a document may only
// use them with a matching extracted-license section, which we do not write.
func spdxLicenseExpression(licenses []string) (string, bool) {
	if len(licenses) == 0 {
		return "", false
	}
	normalized, invalid := spdxexp.ValidateAndNormalizeLicensesWithOptions(licenses, spdxexp.ValidateLicensesOptions{
		FailAllLicenseRefs:  true,
		FailAllDocumentRefs: true,
	})
	if len(invalid) > 0 || len(normalized) == 0 {
		return "", false
	}
	if len(normalized) == 1 {
		return normalized[0], true
	}
	parts := make([]string, len(normalized))
	for i, expr := range normalized {
		if strings.Contains(expr, " ") { // a compound part keeps its meaning inside the AND
			expr = "(" + expr + ")"
		}
		parts[i] = expr
	}
	return strings.Join(parts, " AND "), true
}

// spdxLicenseListVersion is the SPDX license list version ids are checked against, "major.minor" as SPDX
// documents write it.
func spdxLicenseListVersion() string {
	v := spdxlicenses.LicenseListVersion()
	if parts := strings.SplitN(v, ".", 3); len(parts) >= 2 {
		return parts[0] + "." + parts[1]
	}
	return v
}

// uniqueLicenses drops empty and repeated entries, keeping the first occurrence's order.
func uniqueLicenses(licenses []string) []string {
	var out []string
	seen := make(map[string]bool, len(licenses))
	for _, l := range licenses {
		l = strings.TrimSpace(l)
		if l == "" || seen[l] {
			continue
		}
		seen[l] = true
		out = append(out, l)
	}
	return out
}
