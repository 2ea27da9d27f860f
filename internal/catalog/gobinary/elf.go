package gobinary

import (
	"context"
	"debug/elf"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
)

// errBadELF says that the ELF header or program headers make no sense.
var errBadELF = errors.New("malformed ELF header")

// pnXNum in e_phnum says that the number of program headers is too large for the field (ELF gABI PN_XNUM).
const pnXNum = 0xffff

// segment is the file range [off, end) of a writable, non-executable PT_LOAD segment, and the virtual address
// of its first byte. The Go linker puts the build info first in the data segment; in a PIE, and in binaries
// linked by the host linker (cgo), a writable relro segment often comes before that one. The header is aligned
// in the address space, not in the file.
type segment struct {
	off, end uint64
	vaddr    uint64
}

// hasELFMagic reads the first four bytes and tells whether they are the ELF magic. Nothing more is read, so a
// file that is not ELF costs one small read.
func (s *stream) hasELFMagic(ctx context.Context) (bool, error) {
	if err := s.fillTo(ctx, 4); err != nil {
		if errors.Is(err, errTruncated) {
			return false, nil // shorter than a magic: not ELF
		}
		return false, err
	}
	return string(s.window()[:4]) == elf.ELFMAG, nil
}

// elfWritableSegments reads the ELF header and the program headers, which must lie within the first bufSize
// bytes (they follow the ELF header in every linker's output), and returns the segments where Go build info may
// be, in file order and not overlapping.
func (s *stream) elfWritableSegments(ctx context.Context) ([]segment, error) {
	if err := s.fillTo(ctx, elf.EI_NIDENT); err != nil {
		return nil, err
	}
	id := s.window()
	var bo binary.ByteOrder
	switch elf.Data(id[elf.EI_DATA]) {
	case elf.ELFDATA2LSB:
		bo = binary.LittleEndian
	case elf.ELFDATA2MSB:
		bo = binary.BigEndian
	default:
		return nil, fmt.Errorf("%w: unknown data encoding %d", errBadELF, id[elf.EI_DATA])
	}
	var l layout
	switch elf.Class(id[elf.EI_CLASS]) {
	case elf.ELFCLASS32:
		l = layout32
	case elf.ELFCLASS64:
		l = layout64
	default:
		return nil, fmt.Errorf("%w: unknown class %d", errBadELF, id[elf.EI_CLASS])
	}

	if err := s.fillTo(ctx, l.ehsize); err != nil {
		return nil, err
	}
	h := s.window()
	phoff := l.word(bo, h[l.phoff:])
	phentsize := uint64(bo.Uint16(h[l.phentsize:]))
	phnum := uint64(bo.Uint16(h[l.phnum:]))
	if phnum == 0 {
		return nil, nil // an object file or a core dump: nothing is loaded, so there is no build info
	}
	if phnum == pnXNum {
		// The real count is in section header 0, at the end of the file: out of a stream's reach.
		return nil, fmt.Errorf("%w: more than %d program headers", errBadELF, pnXNum-1)
	}
	if phentsize < l.phsize {
		return nil, fmt.Errorf("%w: program header size %d, want at least %d", errBadELF, phentsize, l.phsize)
	}
	// phnum and phentsize are 16-bit, so this cannot overflow unless phoff does.
	phend := phoff + phnum*phentsize
	if phend < phoff || phend > uint64(len(s.buf)) {
		return nil, fmt.Errorf("%w: program headers at [%#x, %#x) are beyond the first %d bytes",
			errBadELF, phoff, phend, len(s.buf))
	}
	if err := s.fillTo(ctx, phend); err != nil {
		return nil, err
	}

	// The window still starts at offset 0: nothing has been skipped yet.
	ph := s.window()[phoff:phend]
	var segs []segment
	for i := uint64(0); i < phnum; i++ {
		p := l.prog(bo, ph[i*phentsize:])
		if p.typ != elf.PT_LOAD || p.flags&(elf.PF_X|elf.PF_W) != elf.PF_W || p.filesz == 0 {
			continue
		}
		end := p.off + p.filesz
		if end < p.off {
			return nil, fmt.Errorf("%w: segment at %#x of size %#x overflows", errBadELF, p.off, p.filesz)
		}
		segs = append(segs, segment{off: p.off, end: end, vaddr: p.vaddr})
	}
	return disjoint(segs), nil
}

// disjoint sorts segments by offset and trims each so that it starts where the one before ended: the stream
// goes forward only, and a byte is searched once. Real linkers never overlap segments; hostile files may.
func disjoint(segs []segment) []segment {
	slices.SortFunc(segs, func(a, b segment) int {
		switch {
		case a.off < b.off:
			return -1
		case a.off > b.off:
			return 1
		}
		return 0
	})
	out := segs[:0]
	var done uint64
	for _, sg := range segs {
		if sg.off < done {
			sg.vaddr += done - sg.off
			sg.off = done
		}
		if sg.off >= sg.end {
			continue
		}
		out = append(out, sg)
		done = sg.end
	}
	return out
}

// layout holds the offsets that differ between 32- and 64-bit ELF.
type layout struct {
	ehsize                  uint64 // size of the ELF header
	phoff, phentsize, phnum int    // offsets of e_phoff, e_phentsize, e_phnum
	phsize                  uint64 // size of a program header
	word                    func(binary.ByteOrder, []byte) uint64
	pType, pFlags, pOff     int // offsets within a program header
	pVaddr, pFilesz         int
}

var layout64 = layout{
	ehsize: 64, phoff: 32, phentsize: 54, phnum: 56, phsize: 56,
	word:  func(bo binary.ByteOrder, b []byte) uint64 { return bo.Uint64(b) },
	pType: 0, pFlags: 4, pOff: 8, pVaddr: 16, pFilesz: 32,
}

var layout32 = layout{
	ehsize: 52, phoff: 28, phentsize: 42, phnum: 44, phsize: 32,
	word:  func(bo binary.ByteOrder, b []byte) uint64 { return uint64(bo.Uint32(b)) },
	pType: 0, pFlags: 24, pOff: 4, pVaddr: 8, pFilesz: 16,
}

// prog is the part of a program header that matters here.
type prog struct {
	typ                elf.ProgType
	flags              elf.ProgFlag
	off, vaddr, filesz uint64
}

func (l layout) prog(bo binary.ByteOrder, b []byte) prog {
	return prog{
		typ:    elf.ProgType(bo.Uint32(b[l.pType:])),
		flags:  elf.ProgFlag(bo.Uint32(b[l.pFlags:])),
		off:    l.word(bo, b[l.pOff:]),
		vaddr:  l.word(bo, b[l.pVaddr:]),
		filesz: l.word(bo, b[l.pFilesz:]),
	}
}
