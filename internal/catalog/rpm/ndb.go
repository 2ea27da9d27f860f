package rpm

import (
	"context"
	"encoding/binary"
	"fmt"
	"hash/adler32"
	"io"
)

// NDB, rpm's own "new database" (SUSE's default since 2021, /usr/lib/sysimage/rpm/Packages.db): a 32-byte file
// header, slot pages that say where each package's blob lies, and the blobs, each framed by a head and a tail with
// an Adler-32 checksum. Everything is little-endian. Layout and checks follow rpm's lib/backend/ndb/rpmpkg.c.

const (
	ndbFileMagic  = 'R' | 'p'<<8 | 'm'<<16 | 'P'<<24
	ndbSlotMagic  = 'S' | 'l'<<8 | 'o'<<16 | 't'<<24
	ndbBlobMagic  = 'B' | 'l'<<8 | 'b'<<16 | 'S'<<24
	ndbTailMagic  = 'B' | 'l'<<8 | 'b'<<16 | 'E'<<24
	ndbHeaderSize = 32 // magic, version, generation, slot pages, next package index, padding
	ndbSlotSize   = 16 // magic, package index, block offset, block count
	ndbBlockSize  = 16
	ndbPageSize   = 4096
	ndbBlobHead   = 16 // magic, package index, generation, blob length
	ndbBlobTail   = 12 // adler32, blob length, magic
	// rpm grows the slot area a page at a time; even a huge installation needs a handful of pages.
	ndbMaxSlotPages = 2048
)

func isNDB(head []byte) bool {
	return len(head) >= 4 && binary.LittleEndian.Uint32(head) == ndbFileMagic
}

type ndbSlot struct {
	pkgIndex, blockOffset, blockCount uint32
}

// forEachNDBHeader calls fn with every header blob of an NDB Packages.db file.
func forEachNDBHeader(ctx context.Context, r io.ReaderAt, size int64, fn func(blob []byte) error) error {
	slots, err := readNDBSlots(r, size)
	if err != nil {
		return err
	}
	for _, s := range slots {
		if err := ctx.Err(); err != nil {
			return err
		}
		blob, err := readNDBBlob(r, s)
		if err != nil {
			return err
		}
		if err := fn(blob); err != nil {
			return err
		}
	}
	return nil
}

// readNDBSlots reads the slot pages and returns the slots in use, checked against the file's size.
func readNDBSlots(r io.ReaderAt, size int64) ([]ndbSlot, error) {
	head := make([]byte, ndbHeaderSize)
	if _, err := r.ReadAt(head, 0); err != nil {
		return nil, fmt.Errorf("ndb: reading the file header: %w", err)
	}
	if binary.LittleEndian.Uint32(head) != ndbFileMagic {
		return nil, fmt.Errorf("ndb: bad file magic %#x", binary.LittleEndian.Uint32(head))
	}
	if v := binary.LittleEndian.Uint32(head[4:]); v != 0 {
		return nil, fmt.Errorf("ndb: version %d, want 0", v)
	}
	slotPages := int64(binary.LittleEndian.Uint32(head[12:]))
	if slotPages == 0 || slotPages > ndbMaxSlotPages || slotPages*ndbPageSize > size {
		return nil, fmt.Errorf("ndb: %d slot pages in a %d-byte file", slotPages, size)
	}
	fileBlocks := size / ndbBlockSize
	firstBlobBlock := slotPages * ndbPageSize / ndbBlockSize
	page := make([]byte, ndbPageSize)
	var slots []ndbSlot
	for p := int64(0); p < slotPages; p++ {
		if _, err := r.ReadAt(page, p*ndbPageSize); err != nil {
			return nil, fmt.Errorf("ndb: reading slot page %d: %w", p, err)
		}
		first := 0
		if p == 0 {
			first = ndbHeaderSize // the file header takes the first two slots
		}
		for o := first; o < ndbPageSize; o += ndbSlotSize {
			e := page[o : o+ndbSlotSize]
			if binary.LittleEndian.Uint32(e) != ndbSlotMagic {
				return nil, fmt.Errorf("ndb: slot at byte %d: bad magic", p*ndbPageSize+int64(o))
			}
			s := ndbSlot{
				pkgIndex:    binary.LittleEndian.Uint32(e[4:]),
				blockOffset: binary.LittleEndian.Uint32(e[8:]),
				blockCount:  binary.LittleEndian.Uint32(e[12:]),
			}
			if s.blockOffset == 0 { // a free slot
				continue
			}
			if s.pkgIndex == 0 || s.blockCount == 0 || int64(s.blockOffset) < firstBlobBlock ||
				int64(s.blockOffset)+int64(s.blockCount) > fileBlocks {
				return nil, fmt.Errorf("ndb: slot of package %d: blocks %d+%d outside the %d blocks of blobs",
					s.pkgIndex, s.blockOffset, s.blockCount, fileBlocks)
			}
			slots = append(slots, s)
		}
	}
	return slots, nil
}

// readNDBBlob reads one package's blob and checks its frame and checksum.
func readNDBBlob(r io.ReaderAt, s ndbSlot) ([]byte, error) {
	span := int64(s.blockCount) * ndbBlockSize
	if span < ndbBlobHead+ndbBlobTail || span-ndbBlobHead-ndbBlobTail > maxHeaderBlob {
		return nil, fmt.Errorf("ndb: package %d: blob of %d blocks", s.pkgIndex, s.blockCount)
	}
	// The slot was checked against the file's size, so this allocation is bounded by what is really there.
	buf := make([]byte, span)
	if _, err := r.ReadAt(buf, int64(s.blockOffset)*ndbBlockSize); err != nil {
		return nil, fmt.Errorf("ndb: package %d: reading its blob: %w", s.pkgIndex, err)
	}
	if binary.LittleEndian.Uint32(buf) != ndbBlobMagic {
		return nil, fmt.Errorf("ndb: package %d: bad blob magic", s.pkgIndex)
	}
	if idx := binary.LittleEndian.Uint32(buf[4:]); idx != s.pkgIndex {
		return nil, fmt.Errorf("ndb: slot of package %d points at the blob of package %d", s.pkgIndex, idx)
	}
	blobLen := int64(binary.LittleEndian.Uint32(buf[12:]))
	if (ndbBlobHead+blobLen+ndbBlobTail+ndbBlockSize-1)/ndbBlockSize != int64(s.blockCount) {
		return nil, fmt.Errorf("ndb: package %d: blob of %d bytes in %d blocks", s.pkgIndex, blobLen, s.blockCount)
	}
	tail := buf[span-ndbBlobTail:]
	if binary.LittleEndian.Uint32(tail[8:]) != ndbTailMagic || int64(binary.LittleEndian.Uint32(tail[4:])) != blobLen {
		return nil, fmt.Errorf("ndb: package %d: bad blob tail", s.pkgIndex)
	}
	// The checksum covers the head, the blob and the padding up to the tail.
	if sum := adler32.Checksum(buf[:span-ndbBlobTail]); sum != binary.LittleEndian.Uint32(tail) {
		return nil, fmt.Errorf("ndb: package %d: checksum mismatch", s.pkgIndex)
	}
	return buf[ndbBlobHead : ndbBlobHead+blobLen], nil
}
