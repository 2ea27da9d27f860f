package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/patchbay/patchbay/internal/testenv"
)

// TestDBAndScan imports the shared OSV records with the CLI, then scans corpus images the way a CI job would.
func TestDBAndScan(t *testing.T) {
	corpus := testenv.Corpus(t)
	osv := filepath.Join(testenv.SharedDir(), "osv")
	cache := t.TempDir()
	db := filepath.Join(t.TempDir(), "patchbay.db")
	out, stderr, code := run(t, cache, "db", "import", "--db", db, osv)
	if code != 0 || !strings.Contains(out, "0 failed") {
		t.Fatalf("db import: exit %d\n%s%s", code, out, stderr)
	}
	out, _, code = run(t, cache, "db", "status", "--db", db, "-o", "json")
	var st struct {
		Records       int `json:"records"`
		SchemaVersion int `json:"schema_version"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &st) != nil || st.Records < 7000 || st.SchemaVersion < 1 {
		t.Fatalf("db status: exit %d: %s", code, out)
	}

	layout := "oci:" + filepath.Join(corpus, "oci") + ":corpus.local/"
	out, stderr, code = run(t, cache, "scan", "-q", "--db", db, "-o", "json", layout+"vets-frontend:1.0.0")
	if code != 0 {
		t.Fatalf("scan: exit %d: %s", code, stderr)
	}
	var rep struct {
		Base     *struct{ Layers int } `json:"base"`
		Findings []struct {
			ID            string   `json:"id"`
			Origin        string   `json:"origin"`
			FixedVersions []string `json:"fixed_versions"`
			Package       struct {
				Type string `json:"type"`
				Name string `json:"name"`
			} `json:"package"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Base == nil || rep.Base.Layers != 1 {
		t.Errorf("base from the OCI annotations: %+v", rep.Base)
	}
	lodash, unfixed := false, 0
	for _, f := range rep.Findings {
		if f.Package.Name == "lodash" {
			lodash = true
			if f.Origin != "application" {
				t.Errorf("lodash finding %s: origin %s", f.ID, f.Origin)
			}
		}
		if len(f.FixedVersions) == 0 {
			unfixed++
		}
	}
	if !lodash {
		t.Error("lodash 4.17.15 shows no vulnerability")
	}

	// --fail-on: exit 1 when met, 0 when not
	if _, _, code = run(t, cache, "scan", "-q", "--db", db, "--fail-on", "low", layout+"vets-frontend:1.0.0"); code != exitGate {
		t.Errorf("--fail-on low: exit %d, want %d", code, exitGate)
	}
	if _, _, code = run(t, cache, "scan", "-q", "--db", db, "--fail-on", "critical", layout+"debian-base:v2"); code != 0 {
		t.Errorf("--fail-on critical on the patched base: exit %d, want 0", code)
	}
	// --ignore-unfixed leaves out what has no fix
	out, _, _ = run(t, cache, "scan", "-q", "--db", db, "-o", "json", "--ignore-unfixed", layout+"vets-frontend:1.0.0")
	var fixedOnly struct {
		Findings []json.RawMessage `json:"findings"`
	}
	json.Unmarshal([]byte(out), &fixedOnly)
	if len(fixedOnly.Findings) != len(rep.Findings)-unfixed {
		t.Errorf("--ignore-unfixed: %d findings, want %d", len(fixedOnly.Findings), len(rep.Findings)-unfixed)
	}
	// SARIF for code scanning
	out, _, code = run(t, cache, "scan", "-q", "--db", db, "-o", "sarif", layout+"vets-frontend:1.0.0")
	var sarif struct {
		Version string `json:"version"`
		Runs    []struct {
			Results []json.RawMessage `json:"results"`
		} `json:"runs"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &sarif) != nil || sarif.Version != "2.1.0" || len(sarif.Runs) != 1 || len(sarif.Runs[0].Results) != len(rep.Findings) {
		t.Errorf("sarif: exit %d, version %q", code, sarif.Version)
	}
	// a --base that is not the image's base is an error
	_, stderr, code = run(t, cache, "scan", "-q", "--db", db, "--base", layout+"nginx:1.22", layout+"vets-frontend:1.0.0")
	if code != exitError || !strings.Contains(stderr, "is not a base of") {
		t.Errorf("wrong --base: exit %d: %s", code, stderr)
	}
}
