package match

import (
	"fmt"
	"strings"

	"github.com/patchbay/patchbay/internal/version"
	"github.com/patchbay/patchbay/internal/vulndb"
)

// index holds the compiled affected[] entries by package, each parsed once however many packages it is tested
// against.
type index struct {
	cmp   *comparers
	byKey map[vulndb.PackageKey][]*compiledAffected
}

// hit is one record that affects a package, with the versions that fix it.
type hit struct {
	vulnID string
	fixed  []string
}

func newIndex() *index {
	return &index{cmp: newComparers(), byKey: map[vulndb.PackageKey][]*compiledAffected{}}
}

func (x *index) add(rows []vulndb.AffectedRow) []string {
	var warnings []string
	for _, r := range rows {
		ca, w := compile(r, x.cmp)
		warnings = append(warnings, w...)
		x.byKey[r.Key] = append(x.byKey[r.Key], ca)
	}
	return warnings
}

// match tests one package against every entry that names it. A record that lists the package through several
// affected[] entries counts once.
func (x *index) match(t Target) ([]hit, string) {
	entries := x.byKey[t.Key]
	if len(entries) == 0 {
		return nil, ""
	}
	var ecoV, semV version.Version
	var ecoErr, semErr error
	parsedEco, parsedSem := false, false
	ecoVersion := func() (version.Version, error) {
		if !parsedEco {
			parsedEco = true
			cmp, err := x.cmp.forEco(t.Key.Ecosystem)
			if err != nil {
				ecoErr = err
			} else {
				ecoV, ecoErr = cmp.Parse(t.Version)
			}
		}
		return ecoV, ecoErr
	}
	semVersion := func() (version.Version, error) {
		if !parsedSem {
			parsedSem = true
			semV, semErr = x.cmp.semver.Parse(semverText(t.Version))
		}
		return semV, semErr
	}
	var hits []hit
	seen := map[string]int{}
	var warn string
	for _, e := range entries {
		if !releaseApplies(e.release, t.Release) {
			continue
		}
		affected := listed(e.versions, t)
		var fixed []string
		for _, r := range e.ranges {
			get := ecoVersion
			if r.semver {
				get = semVersion
			}
			v, err := get()
			if err != nil {
				warn = fmt.Sprintf("version not comparable: %v", err)
				continue
			}
			if r.affects(v) {
				affected = true
				fixed = append(fixed, r.fixedAbove(v)...)
			}
		}
		if !affected {
			continue
		}
		if i, ok := seen[e.vulnID]; ok {
			hits[i].fixed = append(hits[i].fixed, fixed...)
			continue
		}
		seen[e.vulnID] = len(hits)
		hits = append(hits, hit{vulnID: e.vulnID, fixed: fixed})
	}
	return hits, warn
}

// listed says whether a record's explicit versions name the package's version.
func listed(versions []string, t Target) bool {
	for _, v := range versions {
		if v == t.Version || (t.Key.Ecosystem == "Go" && strings.TrimPrefix(v, "v") == strings.TrimPrefix(t.Version, "v")) {
			return true
		}
	}
	return false
}
