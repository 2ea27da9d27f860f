package java

import "strings"

// maxLicenses and maxLicenseLen keep a hostile Bundle-License from flooding the SBOM.
const (
	maxLicenses   = 8
	maxLicenseLen = 256
)

// parseBundleLicense reads the licenses of an OSGi Bundle-License header: a comma-separated list of licenses,
// each a name (an SPDX id or a URL) followed by ";attribute=value" pairs, quotes protecting commas and semicolons
// ("Apache-2.0;link=\"https://...\"", "<<EXTERNAL>>" meaning none stated). Many manifests write prose instead
// ("Apache License, Version 2.0"): when a comma-separated part holds white space, the value is not taken as a
// list, and is kept whole (without its attributes).
func parseBundleLicense(value string) []string {
	value = strings.TrimSpace(value)
	if value == "" || value == "<<EXTERNAL>>" {
		return nil
	}
	clauses := splitOutsideQuotes(value, ',')
	var names []string
	for _, clause := range clauses {
		name := licenseName(clause)
		if name == "" {
			continue
		}
		if len(clauses) > 1 && strings.ContainsAny(name, " \t") {
			if whole := truncate(licenseName(value), maxLicenseLen); whole != "" {
				return []string{whole}
			}
		}
		names = appendUnique(names, truncate(name, maxLicenseLen))
		if len(names) == maxLicenses {
			break
		}
	}
	return names
}

// licenseName is the part of a license clause before its attributes, without quotes.
func licenseName(clause string) string {
	name := strings.TrimSpace(splitOutsideQuotes(clause, ';')[0])
	if len(name) >= 2 && name[0] == '"' && name[len(name)-1] == '"' {
		name = strings.TrimSpace(name[1 : len(name)-1])
	}
	if name == "<<EXTERNAL>>" {
		return ""
	}
	return name
}

// splitOutsideQuotes splits s at each sep that is not between double quotes.
func splitOutsideQuotes(s string, sep byte) []string {
	var parts []string
	quoted, start := false, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"':
			quoted = !quoted
		case sep:
			if !quoted {
				parts = append(parts, s[start:i])
				start = i + 1
			}
		}
	}
	return append(parts, s[start:])
}

// appendUnique appends s unless it is empty or already listed.
func appendUnique(list []string, s string) []string {
	if s == "" {
		return list
	}
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// truncate cuts s to at most n bytes, on a UTF-8 boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n]
}
