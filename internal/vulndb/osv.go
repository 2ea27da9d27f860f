// Package vulndb holds Patchbay's vulnerability data: OSV records imported from files, directories and OSV's
// per-ecosystem all.zip archives, kept up to date over HTTP, stored in the store with their aliases and the
// packages they affect, and read back by package for matching.
package vulndb

import "encoding/json"

// Vulnerability is an OSV record (https://ossf.github.io/osv-schema/), the fields Patchbay uses. The record's
// full JSON is kept as well, so nothing it says is lost.
type Vulnerability struct {
	SchemaVersion    string          `json:"schema_version,omitempty"`
	ID               string          `json:"id"`
	Modified         Time            `json:"modified"`
	Published        *Time           `json:"published,omitempty"`
	Withdrawn        *Time           `json:"withdrawn,omitempty"`
	Aliases          []string        `json:"aliases,omitempty"`
	Related          []string        `json:"related,omitempty"`
	Upstream         []string        `json:"upstream,omitempty"`
	Summary          string          `json:"summary,omitempty"`
	Details          string          `json:"details,omitempty"`
	Severity         []Severity      `json:"severity,omitempty"`
	Affected         []Affected      `json:"affected,omitempty"`
	References       []Reference     `json:"references,omitempty"`
	DatabaseSpecific json.RawMessage `json:"database_specific,omitempty"`
}

// Severity is one severity statement: a CVSS vector or an ecosystem's own scale.
type Severity struct {
	Type  string `json:"type"`
	Score string `json:"score"`
}

// Affected names a package and the versions of it a vulnerability affects.
type Affected struct {
	Package           Package         `json:"package"`
	Severity          []Severity      `json:"severity,omitempty"`
	Ranges            []Range         `json:"ranges,omitempty"`
	Versions          []string        `json:"versions,omitempty"`
	EcosystemSpecific json.RawMessage `json:"ecosystem_specific,omitempty"`
	DatabaseSpecific  json.RawMessage `json:"database_specific,omitempty"`
}

// Package identifies a package in an ecosystem ("Debian:12", "PyPI", "Go"...).
type Package struct {
	Ecosystem string `json:"ecosystem"`
	Name      string `json:"name"`
	PURL      string `json:"purl,omitempty"`
}

// Range is a run of affected versions, as events in the range's version order.
type Range struct {
	Type             string          `json:"type"` // SEMVER, ECOSYSTEM or GIT
	Repo             string          `json:"repo,omitempty"`
	Events           []Event         `json:"events"`
	DatabaseSpecific json.RawMessage `json:"database_specific,omitempty"`
}

// Event is one of introduced, fixed, last_affected or limit.
type Event struct {
	Introduced   string `json:"introduced,omitempty"`
	Fixed        string `json:"fixed,omitempty"`
	LastAffected string `json:"last_affected,omitempty"`
	Limit        string `json:"limit,omitempty"`
}

// Reference is a link about the vulnerability.
type Reference struct {
	Type string `json:"type"`
	URL  string `json:"url"`
}

// Version is when this record was last changed: modified, or published where modified is only a placeholder
// (golang/vulndb's source files say 0001-01-01). Updates compare it to decide whether a record is newer.
func (v *Vulnerability) Version() Time {
	if v.Modified.known() {
		return v.Modified
	}
	if v.Published != nil && v.Published.known() {
		return *v.Published
	}
	return Time{}
}
