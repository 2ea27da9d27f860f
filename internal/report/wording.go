package report

import (
	"strings"

	"github.com/patchbay/patchbay/internal/match"
)

// noFix is what every output says when no version fixes a finding.
const noFix = "no fix yet"

// fixedVersion is the lowest version that fixes f (match lists them lowest first), and false when there is none.
func fixedVersion(f match.Finding) (string, bool) {
	if len(f.FixedVersions) == 0 || f.FixedVersions[0] == "" {
		return "", false
	}
	return f.FixedVersions[0], true
}

// fixOrNone is fixedVersion for display: the version, or noFix.
func fixOrNone(f match.Finding) string {
	if v, ok := fixedVersion(f); ok {
		return v
	}
	return noFix
}

// originShort is the origin in the table's narrow column: who must act, in one word.
func originShort(o match.Origin) string {
	switch o {
	case match.OriginBase:
		return "base"
	case match.OriginApplication:
		return "app"
	}
	return "?"
}

// originPhrase is the origin in a sentence: which kind of layer brought the package in.
func originPhrase(o match.Origin) string {
	switch o {
	case match.OriginBase:
		return "a base image layer"
	case match.OriginApplication:
		return "an application layer"
	}
	return "a layer of unknown origin (base image unknown)"
}

// imageName is how the outputs name the scanned image: its name, else the reference the user gave.
func imageName(r *match.Report) string {
	if r.Source.Name != "" {
		return r.Source.Name
	}
	return r.Source.Reference
}

// fixSentence says what to do about each affected package, e.g. "upgrade libc6 to 2.36-9+deb12u3; no fix yet
// for libssl3". A single package without a fix is just "no fix yet".
func fixSentence(fixes []packageFix) string {
	if len(fixes) == 1 && fixes[0].Fixed == "" {
		return noFix
	}
	parts := make([]string, len(fixes))
	for i, pf := range fixes {
		if pf.Fixed == "" {
			parts[i] = noFix + " for " + pf.Name
		} else {
			parts[i] = "upgrade " + pf.Name + " to " + pf.Fixed
		}
	}
	return strings.Join(parts, "; ")
}

// capitalized is s with its first letter in upper case, to start a sentence with a phrase.
func capitalized(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
