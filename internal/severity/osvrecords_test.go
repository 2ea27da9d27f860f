package severity

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/patchbay/patchbay/internal/testenv"
)

// osvRecord is the part of an OSV record (https://ossf.github.io/osv-schema/) that says anything about severity.
type osvRecord struct {
	ID       string  `json:"id"`
	Severity []Entry `json:"severity"`
	Affected []struct {
		Severity          []Entry `json:"severity"`
		EcosystemSpecific struct {
			Urgency json.RawMessage `json:"urgency"`
		} `json:"ecosystem_specific"`
	} `json:"affected"`
	DatabaseSpecific struct {
		Severity json.RawMessage `json:"severity"`
	} `json:"database_specific"`
}

// walkTally counts what the walk over the shared records saw, for the log and the final checks.
type walkTally struct {
	records       int
	entries       map[string]int // severity[] entries per OSV type
	versions      map[string]int // scored CVSS vectors per version
	ghsaLabels    map[string]int // GitHub database_specific.severity values
	urgencies     map[string]int // Debian urgencies
	picked        map[string]int // "type rating" of Pick's choice
	labelAgrees   int            // GitHub label and picked CVSS rating say the same
	labelDiffers  []string       // ...or not
	ghsaNoLabel   int            // GitHub records without database_specific.severity
	nonStringSev  int            // database_specific.severity that is not a string (not GitHub's shape)
	recordsNoData int            // records that say nothing about severity
}

// Every severity signal in the real OSV records of the shared folder must be understood: each CVSS vector
// parses and scores within 0..10 with a rating, each GitHub label and Debian urgency maps to a rating, and
// Pick gives every record an answer. The counts are logged (go test -v) so a change in the data shows.
func TestSharedOSVRecordsAllScore(t *testing.T) {
	root := filepath.Join(testenv.SharedDir(), "osv")
	tally := walkTally{
		entries: map[string]int{}, versions: map[string]int{}, ghsaLabels: map[string]int{},
		urgencies: map[string]int{}, picked: map[string]int{},
	}
	for _, dir := range []string{"go", "pypi", "debian", "npm", "maven"} {
		files, err := filepath.Glob(filepath.Join(root, dir, "*.json"))
		if err != nil || len(files) == 0 {
			testenv.Unavailable(t, "the shared OSV records in %s (%v)", filepath.Join(root, dir), err)
		}
		for _, file := range files {
			checkRecord(t, file, &tally)
		}
	}

	t.Logf("%d records; %d say nothing about severity", tally.records, tally.recordsNoData)
	t.Logf("severity[] entries by type: %s", formatCounts(tally.entries))
	t.Logf("CVSS vectors scored by version: %s", formatCounts(tally.versions))
	t.Logf("GitHub database_specific.severity: %s (%d GitHub records without one)", formatCounts(tally.ghsaLabels), tally.ghsaNoLabel)
	t.Logf("Debian urgencies: %s", formatCounts(tally.urgencies))
	t.Logf("Pick chose: %s", formatCounts(tally.picked))
	t.Logf("GitHub label vs rating of the picked CVSS score: %d agree, %d differ", tally.labelAgrees, len(tally.labelDiffers))
	for _, d := range tally.labelDiffers {
		t.Logf("  differs: %s", d)
	}

	// The shared records hold these (PROVENANCE.md: PyPI, npm and Maven advisories carry CVSS v3 vectors, some
	// GitHub ones CVSS v4, every GitHub one a label, every Debian one an urgency); a walk that saw none of them
	// read nothing.
	for _, typ := range []string{TypeCVSSV3, TypeCVSSV4} {
		if tally.entries[typ] == 0 {
			t.Errorf("no %s entry found in %s", typ, root)
		}
	}
	if len(tally.ghsaLabels) == 0 || len(tally.urgencies) == 0 {
		t.Errorf("found no GitHub label or no Debian urgency in %s", root)
	}
	if tally.nonStringSev > 0 {
		t.Errorf("%d records have a database_specific.severity that is not a string", tally.nonStringSev)
	}
}

func checkRecord(t *testing.T, file string, tally *walkTally) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("reading %s: %v", file, err)
	}
	var rec osvRecord
	if err := json.Unmarshal(data, &rec); err != nil {
		t.Errorf("%s: not an OSV record: %v", file, err)
		return
	}
	tally.records++
	name := filepath.Base(file)

	in := Inputs{Severity: rec.Severity}
	for _, a := range rec.Affected {
		in.Severity = append(in.Severity, a.Severity...)
		if urgency, ok := jsonString(a.EcosystemSpecific.Urgency); ok {
			checkLabel(t, name, TypeDebian, urgency)
			tally.urgencies[urgency]++
			if in.DebianUrgency == "" {
				in.DebianUrgency = urgency
			}
		}
	}
	newest := ""
	for _, e := range in.Severity {
		tally.entries[e.Type]++
		if s := checkEntry(t, name, e, tally); versionRank(s.Version) > versionRank(newest) {
			newest = s.Version
		}
	}
	if label, ok := jsonString(rec.DatabaseSpecific.Severity); ok {
		if strings.HasPrefix(rec.ID, "GHSA-") {
			checkLabel(t, name, TypeGHSA, label)
			tally.ghsaLabels[label]++
			in.GHSA = label
		}
	} else if len(rec.DatabaseSpecific.Severity) > 0 {
		tally.nonStringSev++
	} else if strings.HasPrefix(rec.ID, "GHSA-") {
		tally.ghsaNoLabel++
	}

	picked := Pick(in)
	if picked.Rating.Rank() < 0 {
		t.Errorf("%s: Pick gave an invalid rating %q", name, picked.Rating)
	}
	if picked.Version != newest {
		t.Errorf("%s: Pick chose CVSS %q, but the record has CVSS %q", name, picked.Version, newest)
	}
	tally.picked[strings.TrimSpace(picked.Type+" "+string(picked.Rating))]++
	if picked.Type == "" {
		tally.recordsNoData++
	}
	if in.GHSA != "" && picked.Version != "" {
		label, _ := ParseRating(in.GHSA)
		if label == picked.Rating {
			tally.labelAgrees++
		} else {
			tally.labelDiffers = append(tally.labelDiffers,
				fmt.Sprintf("%s: GitHub says %s, CVSS %s %s scores %.1f %s", rec.ID, in.GHSA, picked.Version, picked.Vector, picked.Base, picked.Rating))
		}
	}
}

// checkEntry checks one severity[] entry and returns its Score (the zero Score when it did not read).
func checkEntry(t *testing.T, name string, e Entry, tally *walkTally) Score {
	t.Helper()
	s, err := FromEntry(e)
	if err != nil {
		t.Errorf("%s: %v", name, err)
		return Score{}
	}
	if s.Version == "" { // a label (Ubuntu)
		if s.Rating.Rank() < 0 {
			t.Errorf("%s: %s %q mapped to invalid rating %q", name, e.Type, e.Score, s.Rating)
		}
		return s
	}
	tally.versions[s.Version]++
	if s.Base < 0 || s.Base > 10 {
		t.Errorf("%s: %s scores %v, outside 0..10", name, e.Score, s.Base)
	}
	if s.Rating == Unknown || s.Rating.Rank() < 0 || s.Rating != RatingFromScore(s.Version, s.Base) {
		t.Errorf("%s: %s scores %v with rating %q", name, e.Score, s.Base, s.Rating)
	}
	return s
}

func checkLabel(t *testing.T, name, source, label string) {
	t.Helper()
	s, err := FromLabel(source, label)
	if err != nil {
		t.Errorf("%s: %v", name, err)
		return
	}
	if s.Rating == Unknown || s.Rating.Rank() < 0 {
		t.Errorf("%s: %s label %q has no rating (%q)", name, source, label, s.Rating)
	}
}

// jsonString reads a JSON string; ok is false when raw is absent or not a string.
func jsonString(raw json.RawMessage) (string, bool) {
	var s string
	if len(raw) == 0 || json.Unmarshal(raw, &s) != nil {
		return "", false
	}
	return s, true
}

func formatCounts(counts map[string]int) string {
	if len(counts) == 0 {
		return "none"
	}
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s=%d", k, counts[k])
	}
	return strings.Join(parts, ", ")
}
