package vulndb

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/patchbay/patchbay/internal/store"
	"github.com/patchbay/patchbay/internal/store/storetest"
	"github.com/patchbay/patchbay/internal/testenv"
)

// sharedOSV is the shared folder of real OSV records (go, pypi, debian, npm, maven).
func sharedOSV(t testing.TB) string {
	dir := filepath.Join(testenv.SharedDir(), "osv")
	if _, err := os.Stat(filepath.Join(dir, "PROVENANCE.md")); err != nil {
		testenv.Unavailable(t, "the shared OSV records in %s", dir)
	}
	return dir
}

func countJSON(t testing.TB, dir string) int {
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	return len(files)
}

func count(t testing.TB, db *store.DB, q string, args ...any) int {
	t.Helper()
	var n int
	if err := db.QueryRowContext(context.Background(), db.Rebind(q), args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestImportSharedRecords imports every shared record on both dialects, then again: the second time nothing is
// newer, so nothing is written.
func TestImportSharedRecords(t *testing.T) {
	osv := sharedOSV(t)
	want := 0
	for _, eco := range []string{"go", "pypi", "debian", "npm", "maven"} {
		want += countJSON(t, filepath.Join(osv, eco))
	}
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d.Dialect), func(t *testing.T) {
			db := d.Open(t)
			st, err := Import(context.Background(), db, []string{osv})
			if err != nil {
				t.Fatal(err)
			}
			if st.Read != want || st.Added != want || st.Failed != 0 {
				t.Fatalf("first import: %+v, want %d records added", st, want)
			}
			if n := count(t, db, `SELECT COUNT(*) FROM vulns`); n != want {
				t.Errorf("%d records stored, want %d", n, want)
			}
			withdrawn := count(t, db, `SELECT COUNT(*) FROM vulns WHERE withdrawn IS NOT NULL`)
			if withdrawn == 0 || withdrawn != st.Withdrawn {
				t.Errorf("withdrawn: %d stored, %d counted (PROVENANCE.md says go/ and pypi/ hold some)", withdrawn, st.Withdrawn)
			}
			// aliases and affected packages, spot-checked against a record read here
			if n := count(t, db, `SELECT COUNT(*) FROM vuln_aliases WHERE vuln_id = ? AND alias = ?`, "DEBCL-CVE-2006-4334-gzip", "CVE-2006-4334"); n != 1 {
				t.Error("alias CVE-2006-4334 of DEBCL-CVE-2006-4334-gzip not stored")
			}
			if n := count(t, db, `SELECT COUNT(*) FROM vuln_affected WHERE vuln_id = ? AND ecosystem = 'Debian' AND release = '12' AND name = 'gzip'`, "DEBCL-CVE-2006-4334-gzip"); n != 1 {
				t.Error("affected Debian:12 gzip of DEBCL-CVE-2006-4334-gzip not stored")
			}
			again, err := Import(context.Background(), db, []string{osv})
			if err != nil || again.Unchanged != want || again.Added+again.Updated != 0 {
				t.Errorf("second import: %+v, %v: want everything unchanged", again, err)
			}
			status, err := GetStatus(context.Background(), db)
			if err != nil || status.Records != want || len(status.Ecosystems) < 5 || status.SchemaVersion != store.SchemaVersion() {
				t.Errorf("status %+v, %v", status, err)
			}
		})
	}
}

func zipDir(t testing.TB, dir, out string) {
	t.Helper()
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		w, _ := zw.Create(filepath.Base(p))
		w.Write(data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

// TestUpdateOverHTTP serves the shared records as OSV's per-ecosystem all.zip archives from a local server:
// the first update imports them, the second is answered 304 Not Modified thanks to the ETag.
func TestUpdateOverHTTP(t *testing.T) {
	osv := sharedOSV(t)
	web := t.TempDir()
	for eco, dir := range map[string]string{"Go": "go", "PyPI": "pypi", "Debian": "debian"} {
		os.MkdirAll(filepath.Join(web, eco), 0o755)
		zipDir(t, filepath.Join(osv, dir), filepath.Join(web, eco, "all.zip"))
	}
	// a server that tags each archive by its content, as a bucket does; http.ServeContent honours If-None-Match
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		data, err := os.ReadFile(filepath.Join(web, filepath.FromSlash(r.URL.Path)))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		sum := sha256.Sum256(data)
		w.Header().Set("ETag", `"`+hex.EncodeToString(sum[:8])+`"`)
		http.ServeContent(w, r, "all.zip", time.Time{}, bytes.NewReader(data))
	}))
	defer srv.Close()
	db := storetest.Dialects(t)[0].Open(t)
	results, err := Update(context.Background(), db, srv.Client(), SourcesFor(srv.URL, []string{"Go", "PyPI", "Debian"}))
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, r := range results {
		total += r.Stats.Added
	}
	if want := countJSON(t, filepath.Join(osv, "go")) + countJSON(t, filepath.Join(osv, "pypi")) + countJSON(t, filepath.Join(osv, "debian")); total != want {
		t.Errorf("update added %d records, want %d", total, want)
	}
	again, err := Update(context.Background(), db, srv.Client(), SourcesFor(srv.URL, []string{"Go", "PyPI", "Debian"}))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range again {
		if !r.NotModified || r.Stats.Read != 0 {
			t.Errorf("%s: second update %+v: want 304 Not Modified and nothing read", r.Ecosystem, r)
		}
	}
	// a source that fails is named, the others still update
	_, err = Update(context.Background(), db, srv.Client(), append(SourcesFor(srv.URL, []string{"Go"}), Source{Ecosystem: "npm", URL: srv.URL + "/npm/all.zip"}))
	if err == nil || !strings.Contains(err.Error(), "npm") || !strings.Contains(err.Error(), "404") {
		t.Errorf("missing source: %v", err)
	}
}
