package rpm

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// Berkeley DB, as rpm up to 4.15 kept /var/lib/rpm/Packages: a hash database whose keys are 4-byte package
// numbers and whose values are header blobs. It is read the way rpm's own read-only backend (lib/backend/bdb_ro.c)
// reads it: bucket by bucket through the hash pages, following each value onto its chain of overflow pages.
// Page layouts are Berkeley DB's (dbinc/db_page.h); the file is in the byte order of the machine that wrote it.

const (
	bdbHashMagic   = 0x061561
	bdbPageHeader  = 26 // PAGE: lsn, pgno, prev_pgno, next_pgno, entries, hf_offset, level, type
	bdbMetaMinSize = 512

	bdbPageHashUnsorted = 2 // P_HASH_UNSORTED, written by old versions
	bdbPageOverflow     = 7 // P_OVERFLOW
	bdbPageHash         = 13

	bdbItemKeyData = 1 // H_KEYDATA: the bytes follow the type byte
	bdbItemOffPage = 3 // H_OFFPAGE: type, 3 unused bytes, first overflow page, total length

	bdbMetaChecksum = 0x01 // DBMETA_CHKSUM in the meta page's metaflags
)

// bdbDB is an open Berkeley DB hash file.
type bdbDB struct {
	r         io.ReaderAt
	order     binary.ByteOrder
	pageSize  int64
	lastPage  uint32
	maxBucket uint32
	spares    [32]uint32
}

func isBDBHash(head []byte) bool {
	if len(head) < 16 {
		return false
	}
	return binary.LittleEndian.Uint32(head[12:]) == bdbHashMagic || binary.BigEndian.Uint32(head[12:]) == bdbHashMagic
}

func openBDB(r io.ReaderAt, size int64) (*bdbDB, error) {
	meta := make([]byte, bdbMetaMinSize)
	if _, err := r.ReadAt(meta, 0); err != nil {
		return nil, fmt.Errorf("berkeley db: reading the meta page: %w", err)
	}
	db := &bdbDB{r: r, order: binary.LittleEndian}
	if binary.BigEndian.Uint32(meta[12:]) == bdbHashMagic {
		db.order = binary.BigEndian
	} else if binary.LittleEndian.Uint32(meta[12:]) != bdbHashMagic {
		return nil, errors.New("berkeley db: not a hash database")
	}
	u32 := func(off int) uint32 { return db.order.Uint32(meta[off:]) }
	if v := u32(16); v < 8 || v > 10 {
		return nil, fmt.Errorf("berkeley db: hash version %d, want 8 to 10", v)
	}
	db.pageSize = int64(u32(20))
	if db.pageSize < 512 || db.pageSize > 65536 || db.pageSize&(db.pageSize-1) != 0 {
		return nil, fmt.Errorf("berkeley db: page size %d", db.pageSize)
	}
	if meta[24] != 0 || meta[26]&bdbMetaChecksum != 0 {
		return nil, errors.New("berkeley db: encrypted or checksummed pages are not supported")
	}
	db.lastPage = u32(32)
	if pages := size / db.pageSize; int64(db.lastPage) >= pages {
		return nil, fmt.Errorf("berkeley db: last page %d, but the file holds %d pages", db.lastPage, pages)
	}
	db.maxBucket = u32(72)
	if db.maxBucket > db.lastPage {
		return nil, fmt.Errorf("berkeley db: %d buckets in %d pages", uint64(db.maxBucket)+1, db.lastPage)
	}
	for i := range db.spares {
		db.spares[i] = u32(96 + 4*i)
	}
	return db, nil
}

// forEachBDBHeader calls fn with every header blob of a Berkeley DB Packages file.
func forEachBDBHeader(ctx context.Context, r io.ReaderAt, size int64, fn func(blob []byte) error) error {
	db, err := openBDB(r, size)
	if err != nil {
		return err
	}
	// In a sound database every page belongs to one bucket chain or one value; remembering the pages seen turns a
	// loop in a damaged one into an error, and bounds the work by the file's size.
	seen := make([]bool, int64(db.lastPage)+1)
	page := make([]byte, db.pageSize)
	for bucket := uint32(0); bucket <= db.maxBucket; bucket++ {
		pgno := db.bucketPage(bucket)
		for pgno != 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := db.readPage(page, pgno, seen); err != nil {
				return err
			}
			if t := page[25]; t != bdbPageHash && t != bdbPageHashUnsorted {
				return fmt.Errorf("berkeley db: bucket %d: page %d has type %d, want a hash page", bucket, pgno, t)
			}
			if err := db.forEachValue(page, pgno, seen, fn); err != nil {
				return err
			}
			pgno = db.order.Uint32(page[16:])
		}
	}
	return nil
}

// bucketPage finds a bucket's first page as Berkeley DB does: buckets are allocated in doublings, and spares
// records where each doubling starts.
func (db *bdbDB) bucketPage(bucket uint32) uint32 {
	doubling := 0
	for b := bucket; b != 0; b >>= 1 {
		doubling++
	}
	return bucket + db.spares[doubling]
}

// readPage reads page pgno into page, once per scan, and checks that the page says it is that page.
func (db *bdbDB) readPage(page []byte, pgno uint32, seen []bool) error {
	if pgno == 0 || pgno > db.lastPage {
		return fmt.Errorf("berkeley db: page %d out of 1..%d", pgno, db.lastPage)
	}
	if seen[pgno] {
		return fmt.Errorf("berkeley db: page %d is reached twice", pgno)
	}
	seen[pgno] = true
	if _, err := db.r.ReadAt(page, int64(pgno)*db.pageSize); err != nil {
		return fmt.Errorf("berkeley db: reading page %d: %w", pgno, err)
	}
	if got := db.order.Uint32(page[8:]); got != pgno {
		return fmt.Errorf("berkeley db: page %d says it is page %d", pgno, got)
	}
	return nil
}

// forEachValue goes through a hash page's key/value pairs and hands over the package headers, leaving out
// rpm's record 0, which holds a counter rather than a package.
func (db *bdbDB) forEachValue(page []byte, pgno uint32, seen []bool, fn func([]byte) error) error {
	entries := int(db.order.Uint16(page[20:]))
	if entries%2 != 0 || int64(bdbPageHeader+2*entries) > db.pageSize {
		return fmt.Errorf("berkeley db: page %d: %d index entries", pgno, entries)
	}
	for i := 0; i < entries; i += 2 {
		key, err := db.item(page, pgno, i)
		if err != nil {
			return err
		}
		if key.typ == bdbItemKeyData && len(key.data) == 4 && db.order.Uint32(key.data) == 0 {
			continue
		}
		val, err := db.item(page, pgno, i+1)
		if err != nil {
			return err
		}
		var blob []byte
		switch val.typ {
		case bdbItemKeyData:
			blob = val.data
		case bdbItemOffPage:
			if blob, err = db.overflowValue(val.data, seen); err != nil {
				return fmt.Errorf("page %d, item %d: %w", pgno, i+1, err)
			}
		default:
			return fmt.Errorf("berkeley db: page %d, item %d: value of type %d, want data or overflow", pgno, i+1, val.typ)
		}
		if err := fn(blob); err != nil {
			return err
		}
	}
	return nil
}

type bdbItem struct {
	typ  byte
	data []byte // after the type byte
}

// item returns the i-th item of a hash page. Items are packed from the end of the page backwards, so an item ends
// where the one before it starts.
func (db *bdbDB) item(page []byte, pgno uint32, i int) (bdbItem, error) {
	idx := page[bdbPageHeader:]
	start := int64(db.order.Uint16(idx[2*i:]))
	end := db.pageSize
	if i > 0 {
		end = int64(db.order.Uint16(idx[2*(i-1):]))
	}
	minStart := int64(bdbPageHeader) + 2*int64(db.order.Uint16(page[20:]))
	if start < minStart || start >= end || end > db.pageSize {
		return bdbItem{}, fmt.Errorf("berkeley db: page %d, item %d: bad offsets %d..%d", pgno, i, start, end)
	}
	return bdbItem{typ: page[start], data: page[start+1 : end]}, nil
}

// overflowValue gathers a value that lives on a chain of overflow pages. ref is the H_OFFPAGE item after its type
// byte: 3 unused bytes, the first page, the total length.
func (db *bdbDB) overflowValue(ref []byte, seen []bool) ([]byte, error) {
	if len(ref) != 11 {
		return nil, fmt.Errorf("berkeley db: overflow reference of %d bytes, want 11", len(ref))
	}
	pgno := db.order.Uint32(ref[3:])
	total := int64(db.order.Uint32(ref[7:]))
	if total == 0 || total > maxHeaderBlob {
		return nil, fmt.Errorf("berkeley db: overflow value of %d bytes, want 1 to %d", total, maxHeaderBlob)
	}
	// The pages it needs must exist: this bounds the allocation by the file's size, not by what the item claims.
	if perPage := db.pageSize - bdbPageHeader; (total+perPage-1)/perPage > int64(db.lastPage) {
		return nil, fmt.Errorf("berkeley db: overflow value of %d bytes cannot fit in %d pages", total, db.lastPage)
	}
	value := make([]byte, 0, total)
	page := make([]byte, db.pageSize)
	for int64(len(value)) < total {
		if pgno == 0 {
			return nil, fmt.Errorf("berkeley db: overflow chain ends after %d of %d bytes", len(value), total)
		}
		if err := db.readPage(page, pgno, seen); err != nil {
			return nil, err
		}
		if page[25] != bdbPageOverflow {
			return nil, fmt.Errorf("berkeley db: page %d has type %d, want an overflow page", pgno, page[25])
		}
		n := int64(db.order.Uint16(page[22:])) // hf_offset: on overflow pages, the bytes of the value held here
		if n == 0 || bdbPageHeader+n > db.pageSize || int64(len(value))+n > total {
			return nil, fmt.Errorf("berkeley db: overflow page %d holds %d bytes", pgno, n)
		}
		value = append(value, page[bdbPageHeader:bdbPageHeader+n]...)
		pgno = db.order.Uint32(page[16:])
	}
	return value, nil
}
