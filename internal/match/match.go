package match

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/patchbay/patchbay/internal/sbom"
	"github.com/patchbay/patchbay/internal/store"
	"github.com/patchbay/patchbay/internal/version"
	"github.com/patchbay/patchbay/internal/vulndb"
)

// Match finds the vulnerabilities of an image's packages in the store. base, when not nil, says how many bottom
// layers are the base image's, to tell Ops' findings from the project's.
func Match(ctx context.Context, db *store.DB, s *sbom.SBOM, base *Base) (*Report, error) {
	rep := &Report{Source: s.Source, Distro: s.Distro, Base: base, Findings: []Finding{}}
	targets := make([]Target, len(s.Packages))
	matchable := make([]bool, len(s.Packages))
	keySet := map[vulndb.PackageKey]bool{}
	for i, p := range s.Packages {
		targets[i], matchable[i] = TargetOf(p, s.Distro)
		if matchable[i] {
			keySet[targets[i].Key] = true
			rep.Packages++
		} else {
			rep.Unmatched++
		}
	}
	keys := make([]vulndb.PackageKey, 0, len(keySet))
	for k := range keySet {
		keys = append(keys, k)
	}
	rows, err := vulndb.Affecting(ctx, db, keys)
	if err != nil {
		return nil, fmt.Errorf("reading vulnerability data: %w", err)
	}
	idx := newIndex()
	rep.Warnings = idx.add(rows)
	hits := make([][]hit, len(s.Packages))
	var ids []string
	for i := range s.Packages {
		if !matchable[i] {
			continue
		}
		hs, warn := idx.match(targets[i])
		if warn != "" {
			rep.Warnings = append(rep.Warnings, fmt.Sprintf("%s %s: %s", s.Packages[i].Name, s.Packages[i].Version, warn))
		}
		hits[i] = hs
		for _, h := range hs {
			ids = append(ids, h.vulnID)
		}
	}
	infos, err := vulndb.Infos(ctx, db, dedupe(ids))
	if err != nil {
		return nil, fmt.Errorf("reading vulnerability data: %w", err)
	}
	for i, hs := range hits {
		if len(hs) == 0 {
			continue
		}
		cmp, _ := idx.cmp.forEco(targets[i].Key.Ecosystem)
		for _, g := range groupHits(hs, infos) {
			rep.Findings = append(rep.Findings, newFinding(g, infos, s.Packages[i], targets[i], base, cmp))
		}
	}
	sortFindings(rep.Findings)
	return rep, nil
}

// newFinding turns one alias group of matched records into a finding.
func newFinding(g []hit, infos map[string]*vulndb.Info, p sbom.Package, t Target, base *Base, cmp version.Comparer) Finding {
	f := Finding{FixedVersions: []string{}}
	ids := map[string]bool{}
	var fixed []string
	for _, h := range g {
		f.Records = append(f.Records, h.vulnID)
		ids[h.vulnID] = true
		fixed = append(fixed, h.fixed...)
		if info := infos[h.vulnID]; info != nil {
			for _, a := range info.Aliases {
				ids[a] = true
			}
		}
	}
	sort.Strings(f.Records)
	f.ID = displayID(ids)
	for id := range ids {
		if id != f.ID {
			f.Aliases = append(f.Aliases, id)
		}
	}
	sort.Strings(f.Aliases)
	best := bestInfo(f.Records, infos)
	if best != nil {
		f.Summary, f.Severity = best.Summary, best.Severity
	}
	if f.Severity.Rating == "" {
		f.Severity.Rating = "UNKNOWN"
	}
	f.FixedVersions = sortVersions(dedupe(fixed), cmp)
	path := ""
	if len(p.Paths) > 0 {
		path = p.Paths[0]
	}
	f.Package = PackageRef{Type: p.Type, Name: p.Name, Version: p.Version, PURL: p.PURL, Ecosystem: ecosystemName(t),
		MatchedName: t.Key.Name, MatchedVersion: t.Version, Path: path, Layer: p.Layer}
	f.Origin = OriginUnknown
	if base != nil {
		f.Origin = OriginApplication
		if p.Layer.Index < base.Layers {
			f.Origin = OriginBase
		}
	}
	return f
}

func ecosystemName(t Target) string {
	if t.Release != "" {
		return t.Key.Ecosystem + ":" + t.Release
	}
	return t.Key.Ecosystem
}

// displayID prefers the name people search for: a CVE, then a GitHub advisory, then the smallest ID.
func displayID(ids map[string]bool) string {
	var all []string
	for id := range ids {
		all = append(all, id)
	}
	sort.Strings(all)
	for _, prefix := range []string{"CVE-", "GHSA-"} {
		for _, id := range all {
			if strings.HasPrefix(id, prefix) {
				return id
			}
		}
	}
	return all[0]
}

// bestInfo picks the record whose severity is the most informative: a CVSS score over a label, then the
// higher rating, then the higher score.
func bestInfo(records []string, infos map[string]*vulndb.Info) *vulndb.Info {
	var best *vulndb.Info
	better := func(a, b *vulndb.Info) bool {
		ac, bc := a.Severity.Base > 0, b.Severity.Base > 0
		if ac != bc {
			return ac
		}
		if a.Severity.Rating.Rank() != b.Severity.Rating.Rank() {
			return a.Severity.Rating.Rank() > b.Severity.Rating.Rank()
		}
		return a.Severity.Base > b.Severity.Base
	}
	for _, id := range records {
		if i := infos[id]; i != nil && (best == nil || better(i, best)) {
			best = i
		}
	}
	return best
}

func sortVersions(vs []string, cmp version.Comparer) []string {
	if cmp == nil {
		sort.Strings(vs)
		return vs
	}
	sort.SliceStable(vs, func(a, b int) bool {
		c, err := cmp.Compare(strings.TrimPrefix(vs[a], "v"), strings.TrimPrefix(vs[b], "v"))
		if err != nil {
			return vs[a] < vs[b]
		}
		return c < 0
	})
	return vs
}

func sortFindings(fs []Finding) {
	sort.SliceStable(fs, func(a, b int) bool {
		x, y := fs[a], fs[b]
		if rx, ry := x.Severity.Rating.Rank(), y.Severity.Rating.Rank(); rx != ry {
			return rx > ry
		}
		if x.Package.Name != y.Package.Name {
			return x.Package.Name < y.Package.Name
		}
		if x.Package.Path != y.Package.Path {
			return x.Package.Path < y.Package.Path
		}
		return x.ID < y.ID
	})
}

func dedupe(s []string) []string {
	seen := map[string]bool{}
	out := s[:0:0]
	for _, v := range s {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}
