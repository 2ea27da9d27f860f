package python

import (
	"strings"
	"unicode/utf8"
)

// licenses picks the most precise license information the metadata has, from one source only:
//  1. License-Expression (Metadata 2.4), an SPDX expression;
//  2. License, when it is a single line that names a license ("MIT", "Apache 2.0");
//  3. the License classifiers ("MIT License", "BSD License");
//  4. the first line of a License that holds a full license text ("BSD 3-Clause License" for traitlets).
//
// setuptools wrote "UNKNOWN" where a project declared nothing; that is no license.
func (m metadata) licenses() []string {
	license := m.License
	if strings.EqualFold(license, "UNKNOWN") {
		license = ""
	}
	switch {
	case m.LicenseExpression != "":
		return []string{valid(m.LicenseExpression)}
	case license != "" && !m.LicenseIsText:
		return []string{valid(license)}
	case len(m.LicenseClassifiers) > 0:
		var out []string
		for _, c := range m.LicenseClassifiers {
			if c = valid(c); !contains(out, c) {
				out = append(out, c)
			}
		}
		return out
	case license != "":
		return []string{valid(license)}
	}
	return nil
}

// licenseFromClassifier returns the license a trove classifier names: its last element,
// "MIT License" for "License :: OSI Approved :: MIT License". The bare categories "License :: OSI Approved" and
// "License :: DFSG approved" name no license.
func licenseFromClassifier(c string) (string, bool) {
	const prefix = "License ::"
	if !strings.HasPrefix(c, prefix) {
		return "", false
	}
	last := c
	if i := strings.LastIndex(c, "::"); i >= 0 {
		last = strings.TrimSpace(c[i+2:])
	}
	switch last {
	case "", "OSI Approved", "DFSG approved":
		return "", false
	}
	return last, true
}

// valid keeps license names valid UTF-8: old PKG-INFO files may be Latin-1, and SBOM encoders need UTF-8.
func valid(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
