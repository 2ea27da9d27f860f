package rpm

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
)

// A header blob is what every rpm database backend stores for one installed package (rpm's lib/header.c,
// headerImport): a big-endian count of index entries (il) and of data bytes (dl), il index entries of 16 bytes
// (tag, type, offset into the data store, count), then the data store itself. The blob comes from a file we do not
// trust, so every count and offset is checked against the bytes that are really there before it is used.

// Tags that the cataloger reads (rpm's lib/rpmtag.h).
const (
	tagName         = 1000
	tagVersion      = 1001
	tagRelease      = 1002
	tagEpoch        = 1003
	tagLicense      = 1014
	tagArch         = 1022
	tagOldFilenames = 1027 // full paths, in headers older than rpm 4's compressed file lists
	tagFileModes    = 1030
	tagSourceRPM    = 1044
	tagDirIndexes   = 1116
	tagBasenames    = 1117
	tagDirnames     = 1118
)

// Data types of index entries (rpm's rpmTagType).
const (
	typeInt16       = 3
	typeInt32       = 4
	typeString      = 6
	typeStringArray = 8
	typeI18NString  = 9
)

const (
	indexEntrySize = 16
	// The limits rpm itself puts on a header (hdrchkTags, hdrchkData): a blob beyond them is damaged, not big.
	maxIndexEntries = 0xffff
	maxDataLength   = 0x0fffffff
	// No package has a million files (the largest real ones have tens of thousands); a string array that claims
	// more would cost far more memory, in string headers, than its bytes take in the blob.
	maxArrayStrings = 1 << 20
)

var errNotInHeader = errors.New("tag not in header")

type indexEntry struct {
	typ    uint32
	offset uint32
	count  uint32
}

// header is a decoded header blob: its data store and the index entries of the tags this package reads.
type header struct {
	store   []byte
	entries map[int32]indexEntry
}

// parseHeader checks a header blob's framing and keeps the index entries that the cataloger reads. When a tag
// appears twice (a "dribble" entry after the immutable region), the later one wins, as in rpm.
func parseHeader(blob []byte) (*header, error) {
	if len(blob) < 8 {
		return nil, fmt.Errorf("header blob of %d bytes is too short", len(blob))
	}
	il := binary.BigEndian.Uint32(blob[0:4])
	dl := binary.BigEndian.Uint32(blob[4:8])
	if il == 0 || il > maxIndexEntries {
		return nil, fmt.Errorf("header has %d index entries, want 1 to %d", il, maxIndexEntries)
	}
	if dl > maxDataLength {
		return nil, fmt.Errorf("header data length %d exceeds rpm's limit of %d", dl, maxDataLength)
	}
	storeStart := 8 + int64(il)*indexEntrySize
	if need := storeStart + int64(dl); need > int64(len(blob)) {
		return nil, fmt.Errorf("header needs %d bytes, blob has %d", need, len(blob))
	}
	h := &header{store: blob[storeStart : storeStart+int64(dl)], entries: make(map[int32]indexEntry, 12)}
	for i := int64(0); i < int64(il); i++ {
		e := blob[8+i*indexEntrySize : 8+(i+1)*indexEntrySize]
		tag := int32(binary.BigEndian.Uint32(e[0:4]))
		if !isReadTag(tag) {
			continue
		}
		h.entries[tag] = indexEntry{
			typ:    binary.BigEndian.Uint32(e[4:8]),
			offset: binary.BigEndian.Uint32(e[8:12]),
			count:  binary.BigEndian.Uint32(e[12:16]),
		}
	}
	return h, nil
}

func isReadTag(tag int32) bool {
	switch tag {
	case tagName, tagVersion, tagRelease, tagEpoch, tagLicense, tagArch, tagOldFilenames, tagFileModes,
		tagSourceRPM, tagDirIndexes, tagBasenames, tagDirnames:
		return true
	}
	return false
}

// data returns the data store from the entry's offset on, after checking the offset.
func (h *header) data(tag int32, e indexEntry) ([]byte, error) {
	if int64(e.offset) >= int64(len(h.store)) {
		return nil, fmt.Errorf("tag %d: offset %d outside the %d-byte data store", tag, e.offset, len(h.store))
	}
	return h.store[e.offset:], nil
}

// string reads a STRING tag (or the first string of an I18NSTRING one). It fails with errNotInHeader when the
// header has no such tag.
func (h *header) string(tag int32) (string, error) {
	e, ok := h.entries[tag]
	if !ok {
		return "", errNotInHeader
	}
	if e.typ != typeString && e.typ != typeI18NString {
		return "", fmt.Errorf("tag %d has type %d, want a string", tag, e.typ)
	}
	if e.count == 0 {
		return "", fmt.Errorf("tag %d: string with count 0", tag)
	}
	d, err := h.data(tag, e)
	if err != nil {
		return "", err
	}
	end := bytes.IndexByte(d, 0)
	if end < 0 {
		return "", fmt.Errorf("tag %d: string runs past the data store", tag)
	}
	return string(d[:end]), nil
}

// strings reads a STRING_ARRAY tag; a missing tag gives no strings.
func (h *header) strings(tag int32) ([]string, error) {
	e, ok := h.entries[tag]
	if !ok {
		return nil, nil
	}
	if e.typ != typeStringArray {
		return nil, fmt.Errorf("tag %d has type %d, want a string array", tag, e.typ)
	}
	d, err := h.data(tag, e)
	if err != nil {
		return nil, err
	}
	// Every string takes at least its NUL byte, so a count beyond the bytes left is a lie; checking it first keeps
	// the allocation below within the blob's size.
	if int64(e.count) > int64(len(d)) {
		return nil, fmt.Errorf("tag %d: %d strings cannot fit in %d bytes", tag, e.count, len(d))
	}
	if e.count > maxArrayStrings {
		return nil, fmt.Errorf("tag %d: %d strings, more than the %d a package may have", tag, e.count, maxArrayStrings)
	}
	out := make([]string, 0, e.count)
	for i := uint32(0); i < e.count; i++ {
		end := bytes.IndexByte(d, 0)
		if end < 0 {
			return nil, fmt.Errorf("tag %d: string %d runs past the data store", tag, i)
		}
		out = append(out, string(d[:end]))
		d = d[end+1:]
	}
	return out, nil
}

// int32s reads an INT32 tag; a missing tag gives no values.
func (h *header) int32s(tag int32) ([]int32, error) {
	d, count, err := h.fixedSize(tag, typeInt32, 4)
	if err != nil || d == nil {
		return nil, err
	}
	out := make([]int32, count)
	for i := range out {
		out[i] = int32(binary.BigEndian.Uint32(d[i*4:]))
	}
	return out, nil
}

// uint16s reads an INT16 tag; a missing tag gives no values.
func (h *header) uint16s(tag int32) ([]uint16, error) {
	d, count, err := h.fixedSize(tag, typeInt16, 2)
	if err != nil || d == nil {
		return nil, err
	}
	out := make([]uint16, count)
	for i := range out {
		out[i] = binary.BigEndian.Uint16(d[i*2:])
	}
	return out, nil
}

// fixedSize returns the bytes of a tag whose values have a fixed size, after checking that they all fit.
func (h *header) fixedSize(tag int32, typ uint32, size int64) ([]byte, int, error) {
	e, ok := h.entries[tag]
	if !ok {
		return nil, 0, nil
	}
	if e.typ != typ {
		return nil, 0, fmt.Errorf("tag %d has type %d, want %d", tag, e.typ, typ)
	}
	d, err := h.data(tag, e)
	if err != nil {
		return nil, 0, err
	}
	if n := int64(e.count) * size; n > int64(len(d)) {
		return nil, 0, fmt.Errorf("tag %d: %d values of %d bytes run past the data store", tag, e.count, size)
	}
	return d, int(e.count), nil
}
