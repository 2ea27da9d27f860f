package java

import (
	"encoding/binary"
	"io"
)

// Zip end-of-central-directory records, as archive/zip reads them.
const (
	eocdLen          = 22
	eocdSignature    = "PK\x05\x06"
	eocd64LocLen     = 20
	eocd64LocSig     = "PK\x06\x07"
	eocd64Len        = 56
	eocd64Signature  = "PK\x06\x06"
	eocdRecordsField = 10 // offset of "total number of entries" in the end record
	eocd64Records    = 32 // offset of the same in the zip64 end record
)

// declaredEntries reads the number of entries a zip announces in its end record, finding that record the way
// archive/zip does. It exists because archive/zip preallocates room for that many entries before reading any of
// them, and a zip64 record may announce about size/30 entries: 8 bytes each, a quarter of the file's size in
// memory. ok is false when no end record is found; archive/zip then fails by itself.
func declaredEntries(r io.ReaderAt, size int64) (n uint64, ok bool) {
	var end []byte
	var endOffset int64
	for i, blockLen := range []int64{1024, 65 * 1024} {
		blockLen = min(blockLen, size)
		block := make([]byte, blockLen)
		if _, err := r.ReadAt(block, size-blockLen); err != nil && err != io.EOF {
			return 0, false
		}
		if p := findEndSignature(block); p >= 0 {
			end, endOffset = block[p:], size-blockLen+int64(p)
			break
		}
		if i == 1 || blockLen == size {
			return 0, false
		}
	}
	records := uint64(binary.LittleEndian.Uint16(end[eocdRecordsField:]))
	dirSize := binary.LittleEndian.Uint32(end[12:])
	dirOffset := binary.LittleEndian.Uint32(end[16:])
	// archive/zip looks for a zip64 record when any of these is saturated (it compares the 32-bit size with
	// 0xffff, which we copy so as to agree with it).
	if records != 0xffff && dirSize != 0xffff && dirOffset != 0xffffffff {
		return records, true
	}
	if endOffset < eocd64LocLen {
		return records, true
	}
	var loc [eocd64LocLen]byte
	if _, err := r.ReadAt(loc[:], endOffset-eocd64LocLen); err != nil {
		return 0, false
	}
	if string(loc[:4]) != eocd64LocSig || binary.LittleEndian.Uint32(loc[4:]) != 0 ||
		binary.LittleEndian.Uint32(loc[16:]) != 1 {
		return records, true
	}
	off := binary.LittleEndian.Uint64(loc[8:])
	if off > uint64(size) {
		return 0, false
	}
	var end64 [eocd64Len]byte
	if _, err := r.ReadAt(end64[:], int64(off)); err != nil || string(end64[:4]) != eocd64Signature {
		return 0, false
	}
	return binary.LittleEndian.Uint64(end64[eocd64Records:]), true
}

// findEndSignature is archive/zip's findSignatureInBlock: the last end record in b whose comment fits in b.
func findEndSignature(b []byte) int {
	for i := len(b) - eocdLen; i >= 0; i-- {
		if string(b[i:i+4]) == eocdSignature {
			commentLen := int(binary.LittleEndian.Uint16(b[i+eocdLen-2:]))
			if commentLen+eocdLen+i > len(b) {
				return -1
			}
			return i
		}
	}
	return -1
}
