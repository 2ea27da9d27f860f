package rpm

import (
	"context"
	"database/sql"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// patched returns a copy of data with the little- or big-endian uint32 at off set to v.
func patched(data []byte, order binary.ByteOrder, off int, v uint32) []byte {
	out := append([]byte(nil), data...)
	order.PutUint32(out[off:], v)
	return out
}

// TestDamagedDatabases checks that damaged databases give an error, never a panic, and say what is wrong.
func TestDamagedDatabases(t *testing.T) {
	sqliteDB := readFixture(t, "sqlite/rpmdb.sqlite")
	ndb := readFixture(t, "ndb/Packages.db")
	bdb := readFixture(t, "bdb-le4096/Packages")
	bdbBE := readFixture(t, "bdb-be512/Packages")
	le := binary.LittleEndian
	// The page layout of bdb-le4096 (see db5.3_stat -d): meta page 0, bucket pages 1 and 2, one overflow page per
	// package header on pages 3 to 6. Page header fields: pgno at 8, next_pgno at 16, entries at 20, hf_offset at
	// 22, type at 25.
	const page = 4096
	tests := []struct {
		name, imagePath string
		data            []byte
		wantErr         string
	}{
		{"not a database", "/var/lib/rpm/Packages", []byte("hello, world, this is not a database"), "not an rpm database"},
		{"a few bytes", "/var/lib/rpm/Packages", []byte{1, 2, 3}, "not an rpm database"},
		{"sqlite truncated to its header", "/var/lib/rpm/rpmdb.sqlite", sqliteDB[:100], "sqlite"},
		{"sqlite truncated by half", "/var/lib/rpm/rpmdb.sqlite", sqliteDB[:len(sqliteDB)/2], "sqlite"},
		{"ndb truncated to its header", "/var/lib/rpm/Packages.db", ndb[:40], "1 slot pages in a 40-byte file"},
		{"ndb truncated by half", "/var/lib/rpm/Packages.db", ndb[:len(ndb)/2], "outside the"},
		{"ndb slot pages beyond the file", "/var/lib/rpm/Packages.db", patched(ndb, le, 12, 1000), "1000 slot pages"},
		{"ndb of another version", "/var/lib/rpm/Packages.db", patched(ndb, le, 4, 1), "version 1"},
		{"ndb slot with a bad magic", "/var/lib/rpm/Packages.db", patched(ndb, le, 32, 0), "bad magic"},
		{"ndb blob changed under its checksum", "/var/lib/rpm/Packages.db", flipLastBlobByte(t, ndb), "checksum mismatch"},
		{"bdb truncated to its meta page", "/var/lib/rpm/Packages", bdb[:512], "the file holds 0 pages"},
		{"bdb truncated by half", "/var/lib/rpm/Packages", bdb[:len(bdb)/2], "the file holds 3 pages"},
		{"bdb with a page size that is not a power of 2", "/var/lib/rpm/Packages", patched(bdb, le, 20, 1000), "page size 1000"},
		{"bdb of an unknown hash version", "/var/lib/rpm/Packages", patched(bdb, le, 16, 7), "hash version 7"},
		{"bdb with more buckets than pages", "/var/lib/rpm/Packages", patched(bdb, le, 72, 100), "101 buckets in 6 pages"},
		{"bdb bucket page that says it is another", "/var/lib/rpm/Packages", patched(bdb, le, page+8, 5), "says it is page 5"},
		{"bdb bucket chain looping onto itself", "/var/lib/rpm/Packages", patched(bdb, le, page+16, 1), "page 1 is reached twice"},
		{"bdb bucket chain leaving the file", "/var/lib/rpm/Packages", patched(bdb, le, page+16, 99), "page 99 out of 1..6"},
		{"bdb overflow page of the wrong type", "/var/lib/rpm/Packages", setByte(bdb, 3*page+25, 13), "want an overflow page"},
		{"bdb overflow page holding more than a page", "/var/lib/rpm/Packages", patched16(bdb, 3*page+22, 5000), "holds 5000 bytes"},
		{"bdb hash page with an odd number of entries", "/var/lib/rpm/Packages", patched16(bdb, page+20, 5), "5 index entries"},
		{"bdb hash page with more entries than fit", "/var/lib/rpm/Packages", patched16(bdb, page+20, 4000), "4000 index entries"},
		{"bdb item offset inside the index", "/var/lib/rpm/Packages", patched16(bdb, page+26, 3), "bad offsets"},
		// the two-byte change that makes go-rpmdb (v0.1.2-0.20250519070707-7e39c901d1c4) panic in a goroutine of
		// its own, past any recover: the first value's offset moved to the page's last byte
		{"bdb value offset at the end of the page", "/var/lib/rpm/Packages",
			setByte(patched16(bdb, page+26+2, page-1), 2*page-1, bdbItemOffPage), "bad offsets"},
		{"bdb encrypted", "/var/lib/rpm/Packages", setByte(bdb, 24, 1), "encrypted"},
		{"bdb big-endian overflow chain cut short", "/var/lib/rpm/Packages", patchedBE(bdbBE, 3*512+16, 0), "chain ends after"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := catalogBytes(t, New(), tt.imagePath, tt.data, int64(len(tt.data)))
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
}

func setByte(data []byte, off int, v byte) []byte {
	out := append([]byte(nil), data...)
	out[off] = v
	return out
}

func patched16(data []byte, off int, v uint16) []byte {
	out := append([]byte(nil), data...)
	binary.LittleEndian.PutUint16(out[off:], v)
	return out
}

func patchedBE(data []byte, off int, v uint32) []byte { return patched(data, binary.BigEndian, off, v) }

// flipLastBlobByte changes the last byte of the first package's blob, which only the checksum can notice.
func flipLastBlobByte(t *testing.T, ndb []byte) []byte {
	t.Helper()
	slot := ndb[32:48] // the first slot after the file header
	off := int64(binary.LittleEndian.Uint32(slot[8:])) * ndbBlockSize
	blobLen := int64(binary.LittleEndian.Uint32(ndb[off+12:]))
	out := append([]byte(nil), ndb...)
	out[off+ndbBlobHead+blobLen-1] ^= 0xff
	return out
}

func TestEmptyFile(t *testing.T) {
	res, err := catalogBytes(t, New(), "/var/lib/rpm/Packages", nil, 0)
	if err != nil || len(res.Packages) != 0 || res.Owned != nil {
		t.Errorf("got %+v, %v; want nothing and no error", res, err)
	}
}

// TestBDBBucketChain turns the two buckets of bdb-le4096 into one bucket of two chained pages, as Berkeley DB lays
// out a bucket that outgrew its page: the same packages must come out.
func TestBDBBucketChain(t *testing.T) {
	data := readFixture(t, "bdb-le4096/Packages")
	chained := patched(data, binary.LittleEndian, 72, 0)          // max_bucket: one bucket only
	chained = patched(chained, binary.LittleEndian, 4096+16, 2)   // bucket page 1 continues on page 2
	chained = patched(chained, binary.LittleEndian, 2*4096+12, 1) // and page 2 says page 1 comes before
	want, err := catalogBytes(t, New(), "/var/lib/rpm/Packages", data, int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	got, err := catalogBytes(t, New(), "/var/lib/rpm/Packages", chained, int64(len(chained)))
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Packages) != 3 || len(got.Packages) != len(want.Packages) || len(got.Owned) != len(want.Owned) {
		t.Errorf("chained bucket gave %d packages and %d owned paths, want %d and %d",
			len(got.Packages), len(got.Owned), len(want.Packages), len(want.Owned))
	}
}

// editedSQLite copies the SQLite fixture and runs statements on the copy.
func editedSQLite(t *testing.T, statements ...string) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "rpmdb.sqlite")
	if err := os.WriteFile(path, readFixture(t, "sqlite/rpmdb.sqlite"), 0o644); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range append(statements, "PRAGMA wal_checkpoint(TRUNCATE)") {
		if _, err := db.ExecContext(context.Background(), s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestSQLiteEdited(t *testing.T) {
	tests := []struct {
		name         string
		statements   []string
		wantPackages int
		wantErr      string
	}{
		// the data package's header cut short: the others still come out, and the error says one was skipped
		{"one damaged header", []string{
			"UPDATE Packages SET blob = substr(blob, 1, 100) WHERE hnum = (SELECT hnum FROM Packages ORDER BY length(blob) LIMIT 1)",
		}, 2, "skipped 1 damaged package header(s) of 4: header "},
		{"no Packages table", []string{"DROP TABLE Packages"}, 0, "no Packages table"},
		{"Packages is a view", []string{
			"ALTER TABLE Packages RENAME TO Real",
			"CREATE VIEW Packages AS SELECT hnum, blob FROM Real",
		}, 0, "Packages is a view, want a table"},
		{"a blob over the size limit", []string{
			"INSERT INTO Packages (blob) VALUES (zeroblob(64 * 1024 * 1024 + 1))",
		}, 3, "too big"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := editedSQLite(t, tt.statements...)
			res, err := catalogBytes(t, New(), "/var/lib/rpm/rpmdb.sqlite", data, int64(len(data)))
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error %v, want one containing %q", err, tt.wantErr)
			}
			if len(res.Packages) != tt.wantPackages {
				t.Errorf("%d packages, want %d", len(res.Packages), tt.wantPackages)
			}
		})
	}
}

func TestCanceled(t *testing.T) {
	for _, fx := range fixtures {
		t.Run(fx.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			data := readFixture(t, fx.file)
			f := newTestFile(t, fx.imagePath, data)
			if _, err := New().Catalog(ctx, f); err == nil || !strings.Contains(err.Error(), "context canceled") {
				t.Errorf("error %v, want context canceled", err)
			}
		})
	}
}

// TestSQLiteLeavesNoFiles checks that reading a WAL-mode database (as rpm writes them) creates no -wal, -shm or
// journal file beside it and does not change it: the spool file is shared with other catalogers.
func TestSQLiteLeavesNoFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a name SQLite URIs must escape: ?%#")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "rpmdb.sqlite")
	orig := readFixture(t, "sqlite/rpmdb.sqlite")
	if err := os.WriteFile(path, orig, 0o644); err != nil {
		t.Fatal(err)
	}
	n := 0
	if err := readSQLite(context.Background(), path, func([]byte) error { n++; return nil }); err != nil || n != 4 {
		t.Fatalf("read %d headers, error %v; want the 4 of the fixture", n, err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Errorf("files beside the database after reading: %v", entries)
	}
	after, err := os.ReadFile(path)
	if err != nil || string(after) != string(orig) {
		t.Errorf("the database changed on reading (err %v)", err)
	}
}
