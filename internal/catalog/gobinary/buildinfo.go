package gobinary

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// Limits on the strings of the build info blob. The linker writes no such limit, but a Go version is a few dozen
// bytes and the module info of a large program (a thousand modules) about 150 KiB; larger lengths come from
// corrupt or hostile files, and must not make us read or allocate that much.
const (
	maxVersionLen = 4 << 10
	maxModInfoLen = 1 << 20
)

// ErrPreGo118 is returned for binaries linked by Go 1.17 or older. Their build info header points into the
// read-only data segment, which lies before the header in the file and so has gone by when the header is found;
// a forward-only stream cannot follow the pointers. Such binaries give no packages.
var ErrPreGo118 = errors.New("binary linked by Go 1.17 or older: its build info is out of a stream's reach, not read")

// errSegmentEnd says that the build info runs past the end of the segment that holds it.
var errSegmentEnd = errors.New("build info runs past the end of its segment")

// rawBuildInfo is what the linker wrote: the Go version and the module info, without its framing.
type rawBuildInfo struct {
	goVersion string
	modInfo   string
}

// decodeBuildInfo decodes the blob at the start of t, as debug/buildinfo does for the inline format of Go 1.18
// and later:
//
//	magic   [14]byte  "\xff Go buildinf:"
//	ptrSize uint8     used only by the old format
//	flags   uint8     bit 0: big-endian pointers (old format); bit 1: strings inline (Go 1.18+)
//	_       [16]byte  pointers to the strings in the old format; unused since
//	version: uvarint length, bytes
//	modinfo: uvarint length, bytes, framed by 16-byte sentinels
func decodeBuildInfo(t *tail) (*rawBuildInfo, error) {
	const (
		flagsOffset = 15
		flagsInline = 0x2
	)
	h, err := t.bytes(buildInfoHeader)
	if err != nil {
		return nil, fmt.Errorf("header: %w", err)
	}
	if h[flagsOffset]&flagsInline == 0 {
		return nil, ErrPreGo118
	}
	vers, pos, err := t.str(buildInfoHeader, maxVersionLen)
	if err != nil {
		return nil, fmt.Errorf("toolchain version: %w", err)
	}
	mod, _, err := t.str(pos, maxModInfoLen)
	if err != nil {
		return nil, fmt.Errorf("module info: %w", err)
	}
	if vers == "" {
		return nil, errors.New("empty toolchain version")
	}
	return &rawBuildInfo{goVersion: vers, modInfo: unframe(mod)}, nil
}

// str decodes the varint-length-prefixed string at pos and returns it with the position after it.
func (t *tail) str(pos, limit uint64) (string, uint64, error) {
	// The length is at most MaxVarintLen64 bytes, fewer if the segment ends sooner.
	n := pos + binary.MaxVarintLen64
	if n > t.max {
		n = t.max
	}
	b, err := t.bytes(n)
	if err != nil {
		return "", 0, err
	}
	if pos >= uint64(len(b)) {
		return "", 0, errSegmentEnd
	}
	length, k := binary.Uvarint(b[pos:])
	if k <= 0 {
		return "", 0, errors.New("bad length")
	}
	if length > limit {
		return "", 0, fmt.Errorf("length %d exceeds the limit of %d bytes", length, limit)
	}
	pos += uint64(k)
	b, err = t.bytes(pos + length)
	if err != nil {
		return "", 0, err
	}
	return string(b[pos:]), pos + length, nil
}

// unframe strips the sentinels that cmd/go puts around the module info (modload.infoStart and infoEnd, 16 bytes
// each), with debug/buildinfo's test for their presence: anything else is no module info.
func unframe(mod string) string {
	if len(mod) >= 33 && mod[len(mod)-17] == '\n' {
		return mod[16 : len(mod)-16]
	}
	return ""
}
