package report

import (
	"sort"

	"github.com/patchbay/patchbay/internal/match"
)

// vulnerability is every finding of one vulnerability ID: a report has one finding per vulnerability and
// package, while SARIF rules and CycloneDX vulnerabilities are one per vulnerability.
type vulnerability struct {
	ID       string
	Findings []match.Finding
}

// groupByID groups the findings by ID, in the order in which each ID first appears (the report's order: worst
// first), keeping the findings' order within a group.
func groupByID(fs []match.Finding) []vulnerability {
	var out []vulnerability
	index := make(map[string]int)
	for _, f := range fs {
		i, seen := index[f.ID]
		if !seen {
			i = len(out)
			index[f.ID] = i
			out = append(out, vulnerability{ID: f.ID})
		}
		out[i].Findings = append(out[i].Findings, f)
	}
	return out
}

// Records is every OSV record that matched any of the findings, sorted.
func (v vulnerability) Records() []string {
	var ids []string
	for _, f := range v.Findings {
		ids = append(ids, f.Records...)
	}
	return sortedUnique(ids, "")
}

// OtherIDs is every ID the vulnerability goes by besides its own: the aliases and the records, sorted.
func (v vulnerability) OtherIDs() []string {
	var ids []string
	for _, f := range v.Findings {
		ids = append(ids, f.Aliases...)
		ids = append(ids, f.Records...)
	}
	return sortedUnique(ids, v.ID)
}

// Summary is the first summary any finding has, "" when none has one.
func (v vulnerability) Summary() string {
	for _, f := range v.Findings {
		if f.Summary != "" {
			return f.Summary
		}
	}
	return ""
}

// FirstRecord is the record the outputs link to: the first of Records, else the ID itself.
func (v vulnerability) FirstRecord() string {
	if rs := v.Records(); len(rs) > 0 {
		return rs[0]
	}
	return v.ID
}

// packageFix is what to do about one affected package: upgrade Name to Fixed, or wait when Fixed is "".
type packageFix struct {
	Name, Fixed string
}

// Fixes is the distinct (package name, fixed version) pairs, in the findings' order: the same jar at two paths
// needs one upgrade, not two.
func (v vulnerability) Fixes() []packageFix {
	var out []packageFix
	seen := make(map[packageFix]bool)
	for _, f := range v.Findings {
		fixed, _ := fixedVersion(f)
		pf := packageFix{Name: f.Package.Name, Fixed: fixed}
		if !seen[pf] {
			seen[pf] = true
			out = append(out, pf)
		}
	}
	return out
}

// sortedUnique sorts ids and drops duplicates, empty strings and except.
func sortedUnique(ids []string, except string) []string {
	seen := map[string]bool{"": true, except: true}
	var out []string
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	sort.Strings(out)
	return out
}
