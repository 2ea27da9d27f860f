package gobinary

import (
	"debug/elf"
	"encoding/binary"
)

// Hand-made ELF files, for what the toolchain does not produce: the old build info format, misplaced or corrupt
// build info, odd program headers. They have program headers and no section headers, which debug/elf and
// debug/buildinfo accept, so that the tests can ask debug/buildinfo what it makes of the same bytes.

// The sentinels cmd/go puts around the module info (cmd/go/internal/modload.infoStart and infoEnd).
const (
	infoStart = "\x30\x77\xaf\x0c\x92\x74\x08\x02\x41\xe1\xc1\x07\xe6\xd6\x18\xe6"
	infoEnd   = "\xf9\x32\x43\x31\x86\x18\x20\x72\x00\x82\x42\x10\x41\x16\xd8\xf2"
)

type synthSeg struct {
	flags  elf.ProgFlag
	off    uint64
	vaddr  uint64
	data   []byte // written at off
	filesz uint64 // 0 means len(data)
}

type synthELF struct {
	class elf.Class
	bo    binary.ByteOrder
	segs  []synthSeg
	size  int // the file is padded with zeros to at least this size
	// hooks to break the header on purpose
	phoff     uint64 // 0 means right after the ELF header
	phentsize uint16 // 0 means the standard size
	phnum     uint16 // 0 means len(segs)
}

func (s synthELF) bytes() []byte {
	if s.class == 0 {
		s.class = elf.ELFCLASS64
	}
	if s.bo == nil {
		s.bo = binary.LittleEndian
	}
	is64 := s.class == elf.ELFCLASS64
	ehsize, phsize := uint64(52), uint64(32)
	if is64 {
		ehsize, phsize = 64, 56
	}
	phoff := s.phoff
	if phoff == 0 {
		phoff = ehsize
	}
	phentsize := uint64(s.phentsize)
	if phentsize == 0 {
		phentsize = phsize
	}
	phnum := uint64(s.phnum)
	if phnum == 0 {
		phnum = uint64(len(s.segs))
	}
	size := uint64(s.size)
	grow := func(n uint64) {
		if n > size {
			size = n
		}
	}
	grow(phoff + uint64(len(s.segs))*phentsize)
	for _, sg := range s.segs {
		grow(sg.off + uint64(len(sg.data)))
	}
	b := make([]byte, size)

	copy(b, elf.ELFMAG)
	b[elf.EI_CLASS] = byte(s.class)
	if s.bo == binary.ByteOrder(binary.BigEndian) {
		b[elf.EI_DATA] = byte(elf.ELFDATA2MSB)
	} else {
		b[elf.EI_DATA] = byte(elf.ELFDATA2LSB)
	}
	b[elf.EI_VERSION] = byte(elf.EV_CURRENT)
	bo := s.bo
	bo.PutUint16(b[16:], uint16(elf.ET_EXEC))
	bo.PutUint16(b[18:], uint16(elf.EM_X86_64))
	bo.PutUint32(b[20:], uint32(elf.EV_CURRENT))
	if is64 {
		bo.PutUint64(b[32:], phoff)
		bo.PutUint16(b[52:], uint16(ehsize))
		bo.PutUint16(b[54:], uint16(phentsize))
		bo.PutUint16(b[56:], uint16(phnum))
		bo.PutUint16(b[58:], 64) // e_shentsize
	} else {
		bo.PutUint32(b[28:], uint32(phoff))
		bo.PutUint16(b[40:], uint16(ehsize))
		bo.PutUint16(b[42:], uint16(phentsize))
		bo.PutUint16(b[44:], uint16(phnum))
		bo.PutUint16(b[46:], 40)
	}
	for i, sg := range s.segs {
		p := b[phoff+uint64(i)*phentsize:]
		filesz := sg.filesz
		if filesz == 0 {
			filesz = uint64(len(sg.data))
		}
		if is64 {
			bo.PutUint32(p[0:], uint32(elf.PT_LOAD))
			bo.PutUint32(p[4:], uint32(sg.flags))
			bo.PutUint64(p[8:], sg.off)
			bo.PutUint64(p[16:], sg.vaddr)
			bo.PutUint64(p[24:], sg.vaddr)
			bo.PutUint64(p[32:], filesz)
			bo.PutUint64(p[40:], filesz)
			bo.PutUint64(p[48:], 0x1000)
		} else {
			bo.PutUint32(p[0:], uint32(elf.PT_LOAD))
			bo.PutUint32(p[4:], uint32(sg.off))
			bo.PutUint32(p[8:], uint32(sg.vaddr))
			bo.PutUint32(p[12:], uint32(sg.vaddr))
			bo.PutUint32(p[16:], uint32(filesz))
			bo.PutUint32(p[20:], uint32(filesz))
			bo.PutUint32(p[24:], uint32(sg.flags))
			bo.PutUint32(p[28:], 0x1000)
		}
		copy(b[sg.off:], sg.data)
	}
	return b
}

// inlineBlob is a Go 1.18+ build info blob: header, then the version and the module info inline.
func inlineBlob(vers, mod string) []byte {
	b := make([]byte, buildInfoHeader, 64+len(vers)+len(mod))
	copy(b, buildInfoMagic)
	b[14] = 8
	b[15] = 2
	b = binary.AppendUvarint(b, uint64(len(vers)))
	b = append(b, vers...)
	b = binary.AppendUvarint(b, uint64(len(mod)))
	b = append(b, mod...)
	for len(b)%16 != 0 {
		b = append(b, 0)
	}
	return b
}

// framed is module info as cmd/go hands it to the linker.
func framed(mod string) string { return infoStart + mod + infoEnd }

// rw and ro are the program header flags of a data segment and of a read-only one.
const (
	rw = elf.PF_R | elf.PF_W
	ro = elf.PF_R
	rx = elf.PF_R | elf.PF_X
)

// sampleModInfo is module info as cmd/go writes it, with a replaced dependency.
const sampleModInfo = "path\texample.com/synth\n" +
	"mod\texample.com/synth\tv0.3.0\th1:abc=\n" +
	"dep\texample.com/a\tv1.0.0\th1:def=\n" +
	"dep\texample.com/b\tv1.1.0\n=>\texample.com/bfork\tv1.1.1\th1:ghi=\n" +
	"build\tCGO_ENABLED=0\n"

// synthGo is a small ELF with inline build info at the start of its data segment. Other data follows it, as in
// real binaries: debug/buildinfo wants room for a whole varint after each string length, even an empty string's.
func synthGo(class elf.Class, bo binary.ByteOrder, vers, mod string) []byte {
	return synthELF{class: class, bo: bo, size: 0x3000, segs: []synthSeg{
		{flags: rx, off: 0, vaddr: 0x400000, data: nil, filesz: 0x1000},
		{flags: rw, off: 0x2000, vaddr: 0x402000, data: append(inlineBlob(vers, mod), make([]byte, 64)...)},
	}}.bytes()
}

// synthOldGo is a small ELF with build info in the format of Go 1.13 to 1.17: the header holds pointers to two
// string headers in the data segment, which point to the strings in the read-only segment before it.
func synthOldGo(vers, mod string) []byte {
	const (
		roOff, roAddr     = 0x1000, 0x401000
		dataOff, dataAddr = 0x2000, 0x402000
	)
	rodata := make([]byte, 0x20+len(mod))
	copy(rodata, vers)
	copy(rodata[0x20:], mod)

	data := make([]byte, 0x40)
	copy(data, buildInfoMagic)
	data[14] = 8 // pointer size
	data[15] = 0 // little-endian pointers, not inline
	le := binary.LittleEndian
	le.PutUint64(data[16:], dataAddr+0x20) // -> version string header
	le.PutUint64(data[24:], dataAddr+0x30) // -> modinfo string header
	le.PutUint64(data[0x20:], roAddr)
	le.PutUint64(data[0x28:], uint64(len(vers)))
	le.PutUint64(data[0x30:], roAddr+0x20)
	le.PutUint64(data[0x38:], uint64(len(mod)))

	return synthELF{size: 0x3000, segs: []synthSeg{
		{flags: rx, off: 0, vaddr: 0x400000, filesz: 0x1000},
		{flags: ro, off: roOff, vaddr: roAddr, data: rodata},
		{flags: rw, off: dataOff, vaddr: dataAddr, data: data},
	}}.bytes()
}
