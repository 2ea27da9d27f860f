package match

import (
	"fmt"
	"sort"
	"strings"

	"github.com/patchbay/patchbay/internal/version"
	"github.com/patchbay/patchbay/internal/vulndb"
)

// event is a range event with its version parsed once.
type event struct {
	kind byte // 'i' introduced, 'f' fixed, 'l' last_affected, 'L' limit
	raw  string
	v    version.Version // nil for introduced "0": below everything
}

// compiledRange is a SEMVER or ECOSYSTEM range, events sorted in its version order.
type compiledRange struct {
	semver bool
	events []event
	limits []event
}

// compiledAffected is one affected[] entry, ready to test versions against.
type compiledAffected struct {
	vulnID   string
	release  string
	ranges   []compiledRange
	versions []string
}

// comparers gives the Comparer of an ecosystem, and the SemVer one that SEMVER ranges use whatever the ecosystem.
type comparers struct {
	byEco  map[string]version.Comparer
	semver version.Comparer
}

func newComparers() *comparers {
	sv, _ := version.For("npm") // SemVer 2.0, as OSV's SEMVER ranges are defined
	return &comparers{byEco: map[string]version.Comparer{}, semver: sv}
}

func (c *comparers) forEco(eco string) (version.Comparer, error) {
	if cmp, ok := c.byEco[eco]; ok {
		return cmp, nil
	}
	cmp, err := version.For(eco)
	if err != nil {
		return nil, err
	}
	c.byEco[eco] = cmp
	return cmp, nil
}

// semverText drops the "v" that Go module versions carry and OSV's SEMVER ranges do not.
func semverText(s string) string { return strings.TrimPrefix(s, "v") }

// compile parses a row's event versions once. A range whose versions the ecosystem cannot read is dropped with
// a warning: a record is never half-applied.
func compile(row vulndb.AffectedRow, c *comparers) (*compiledAffected, []string) {
	out := &compiledAffected{vulnID: row.VulnID, release: row.Release, versions: row.Versions}
	var warnings []string
	for i, r := range row.Ranges {
		semver := r.Type == "SEMVER"
		cmp := c.semver
		if !semver {
			var err error
			if cmp, err = c.forEco(row.Key.Ecosystem); err != nil {
				warnings = append(warnings, fmt.Sprintf("%s: %v", row.VulnID, err))
				continue
			}
		}
		cr := compiledRange{semver: semver}
		ok := true
		for _, e := range r.Events {
			ev := event{}
			switch {
			case e.Introduced != "":
				ev.kind, ev.raw = 'i', e.Introduced
			case e.Fixed != "":
				ev.kind, ev.raw = 'f', e.Fixed
			case e.LastAffected != "":
				ev.kind, ev.raw = 'l', e.LastAffected
			case e.Limit != "":
				ev.kind, ev.raw = 'L', e.Limit
			default:
				continue
			}
			if !(ev.kind == 'i' && ev.raw == "0") && !(ev.kind == 'L' && ev.raw == "*") {
				text := ev.raw
				if semver {
					text = semverText(text)
				}
				v, err := cmp.Parse(text)
				if err != nil && (semver || row.Key.Ecosystem == "npm") {
					// GitHub's data has npm ranges written "1.0"; npm itself reads that as 1.0.0
					if padded, ok := padSemver(text); ok {
						v, err = cmp.Parse(padded)
					}
				}
				if err != nil {
					warnings = append(warnings, fmt.Sprintf("%s: ranges[%d]: %v", row.VulnID, i, err))
					ok = false
					break
				}
				ev.v = v
			}
			if ev.kind == 'L' {
				cr.limits = append(cr.limits, ev)
			} else {
				cr.events = append(cr.events, ev)
			}
		}
		if !ok {
			continue
		}
		sort.SliceStable(cr.events, func(a, b int) bool { return less(cr.events[a], cr.events[b]) })
		out.ranges = append(out.ranges, cr)
	}
	return out, warnings
}

// less orders events by version; introduced "0" (nil) comes first.
func less(a, b event) bool {
	switch {
	case a.v == nil:
		return b.v != nil
	case b.v == nil:
		return false
	}
	return a.v.Compare(b.v) < 0
}

// affects evaluates one range per OSV's algorithm (ossf.github.io/osv-schema/#evaluation): walking the sorted
// events, introduced at or below v turns it on, fixed at or below v turns it off, last_affected below v turns
// it off; a limit, when given, must be above v.
func (r compiledRange) affects(v version.Version) bool {
	affected := false
	for _, e := range r.events {
		switch e.kind {
		case 'i':
			if e.v == nil || v.Compare(e.v) >= 0 {
				affected = true
			}
		case 'f':
			if v.Compare(e.v) >= 0 {
				affected = false
			}
		case 'l':
			if v.Compare(e.v) > 0 {
				affected = false
			}
		}
	}
	if !affected || len(r.limits) == 0 {
		return affected
	}
	for _, l := range r.limits {
		if l.v == nil || v.Compare(l.v) < 0 {
			return true
		}
	}
	return false
}

// fixedAbove lists the fixed versions above v in a range that affects v: the versions that would fix it.
func (r compiledRange) fixedAbove(v version.Version) []string {
	var out []string
	for _, e := range r.events {
		if e.kind == 'f' && v.Compare(e.v) < 0 {
			out = append(out, e.raw)
			break // the first fix above v ends this affected run
		}
	}
	return out
}

// padSemver completes a version of one or two numeric parts to three ("1.0" → "1.0.0"), as node-semver's
// loose reading does; anything else is left alone.
func padSemver(s string) (string, bool) {
	parts := strings.Split(s, ".")
	if len(parts) >= 3 {
		return s, false
	}
	for _, p := range parts {
		if p == "" || strings.Trim(p, "0123456789") != "" {
			return s, false
		}
	}
	for len(parts) < 3 {
		parts = append(parts, "0")
	}
	return strings.Join(parts, "."), true
}
