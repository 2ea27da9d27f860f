package rpm

import (
	"encoding/binary"
	"reflect"
	"strings"
	"testing"

	"github.com/patchbay/patchbay/internal/sbom"
)

// testTag is one index entry of a header that a test builds: its data is laid out in the data store in order.
type testTag struct {
	tag, typ, count uint32
	data            []byte
	offset          *uint32 // overrides the computed offset, to build damaged headers
}

// buildHeader lays out a header blob as rpm does: il, dl, the index entries, the data store.
func buildHeader(tags ...testTag) []byte {
	var store []byte
	index := make([]byte, 0, 16*len(tags))
	for _, t := range tags {
		off := uint32(len(store))
		if t.offset != nil {
			off = *t.offset
		}
		index = binary.BigEndian.AppendUint32(index, t.tag)
		index = binary.BigEndian.AppendUint32(index, t.typ)
		index = binary.BigEndian.AppendUint32(index, off)
		index = binary.BigEndian.AppendUint32(index, t.count)
		store = append(store, t.data...)
	}
	blob := binary.BigEndian.AppendUint32(nil, uint32(len(tags)))
	blob = binary.BigEndian.AppendUint32(blob, uint32(len(store)))
	return append(append(blob, index...), store...)
}

func str(tag uint32, s string) testTag {
	return testTag{tag: tag, typ: typeString, count: 1, data: []byte(s + "\x00")}
}

func strArray(tag uint32, s ...string) testTag {
	return testTag{tag: tag, typ: typeStringArray, count: uint32(len(s)), data: []byte(strings.Join(s, "\x00") + "\x00")}
}

func int32Array(tag uint32, v ...int32) testTag {
	var d []byte
	for _, x := range v {
		d = binary.BigEndian.AppendUint32(d, uint32(x))
	}
	return testTag{tag: tag, typ: typeInt32, count: uint32(len(v)), data: d}
}

func at(t testTag, offset uint32) testTag { t.offset = &offset; return t }

func withCount(t testTag, count uint32) testTag { t.count = count; return t }

func TestReadInstalledPackage(t *testing.T) {
	tests := []struct {
		name     string
		blob     []byte
		want     installedPackage
		wantSkip bool
	}{
		{"old header with full paths, no release, epoch 0",
			buildHeader(str(tagName, "old"), str(tagVersion, "1.0"), int32Array(tagEpoch, 0), str(tagArch, "i386"),
				strArray(tagOldFilenames, "/bin/old", "/usr/share/old")),
			installedPackage{pkg: pkgOf("old", "1.0", "i386"), evidence: []string{"/bin/old"}}, false},
		{"(none) values and a duplicated tag, the later one winning",
			buildHeader(str(tagName, "dup"), str(tagVersion, "1"), str(tagVersion, "2"), str(tagRelease, "3"),
				str(tagArch, "(none)"), str(tagLicense, "(none)"), str(tagSourceRPM, "(none)")),
			installedPackage{pkg: pkgOf("dup", "2-3", "")}, false},
		{"file modes that do not line up with the paths keep every path",
			buildHeader(str(tagName, "m"), str(tagVersion, "1"), strArray(tagDirnames, "/usr/bin/"),
				strArray(tagBasenames, "a", "b"), int32Array(tagDirIndexes, 0, 0),
				testTag{tag: tagFileModes, typ: typeInt16, count: 1, data: []byte{0o40, 0}}),
			installedPackage{pkg: pkgOf("m", "1", ""), evidence: []string{"/usr/bin/a", "/usr/bin/b"}}, false},
		{"old file names made absolute and clean",
			buildHeader(str(tagName, "rel"), str(tagVersion, "1"), strArray(tagOldFilenames, "usr/bin/x", "/usr/bin/../sbin/y")),
			installedPackage{pkg: pkgOf("rel", "1", ""), evidence: []string{"/usr/bin/x", "/usr/sbin/y"}}, false},
		{"gpg-pubkey is left out", buildHeader(str(tagName, "gpg-pubkey"), str(tagVersion, "abcd")), installedPackage{}, true},
	}
	for _, tt := range tests {
		got, ok, err := readInstalledPackage(tt.blob, defaultEvidence)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if ok == tt.wantSkip || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s:\n got %+v, ok %v\nwant %+v, ok %v", tt.name, got, ok, tt.want, !tt.wantSkip)
		}
	}
}

func pkgOf(name, version, arch string) sbom.Package {
	return sbom.Package{Type: sbom.TypeRPM, Name: name, Version: version, Arch: arch}
}

func TestReadInstalledPackageDamaged(t *testing.T) {
	nameVersion := []testTag{str(tagName, "p"), str(tagVersion, "1")}
	with := func(extra ...testTag) []byte {
		return buildHeader(append(append([]testTag{}, nameVersion...), extra...)...)
	}
	tests := []struct {
		name    string
		blob    []byte
		wantErr string
	}{
		{"empty", nil, "too short"},
		{"no index entries", []byte{0, 0, 0, 0, 0, 0, 0, 0}, "0 index entries"},
		{"more index entries than rpm allows", []byte{0, 1, 0, 0, 0, 0, 0, 0}, "65536 index entries"},
		{"data length beyond rpm's limit", []byte{0, 0, 0, 1, 0x10, 0, 0, 0}, "exceeds rpm's limit"},
		{"index larger than the blob", []byte{0, 0, 0xff, 0xff, 0, 0, 0, 0}, "blob has 8"},
		{"data store larger than the blob", buildHeader(nameVersion...)[:30], "blob has 30"},
		{"no name", buildHeader(str(tagVersion, "1")), "name: tag not in header"},
		{"empty name", buildHeader(str(tagName, ""), str(tagVersion, "1")), "empty name"},
		{"no version", buildHeader(str(tagName, "p")), "version: tag not in header"},
		{"name of the wrong type", buildHeader(int32Array(tagName, 1), str(tagVersion, "1")), "want a string"},
		{"string with count 0", buildHeader(withCount(str(tagName, "p"), 0), str(tagVersion, "1")), "count 0"},
		{"string offset outside the store", buildHeader(at(str(tagName, "p"), 1000), str(tagVersion, "1")), "outside"},
		{"string without its NUL", buildHeader(str(tagVersion, "1"), testTag{tag: tagName, typ: typeString, count: 1, data: []byte("p")}), "runs past"},
		{"epoch past the store", with(withCount(int32Array(tagEpoch, 1), 1<<30)), "run past"},
		{"epoch of the wrong type", with(str(tagEpoch, "1")), "want 4"},
		{"more strings than bytes", with(withCount(strArray(tagBasenames, "a"), 0xffffffff)), "cannot fit"},
		{"string array without its last NUL", with(testTag{tag: tagBasenames, typ: typeStringArray, count: 2, data: []byte("a\x00b")}), "runs past"},
		{"more strings than a package may have", with(testTag{tag: tagBasenames, typ: typeStringArray,
			count: maxArrayStrings + 1, data: make([]byte, maxArrayStrings+1)}), "more than the 1048576"},
		{"string array of the wrong type", with(str(tagBasenames, "a")), "want a string array"},
		{"directory index out of range", with(strArray(tagDirnames, "/"), strArray(tagBasenames, "a"), int32Array(tagDirIndexes, 1)), "out of 1"},
		{"negative directory index", with(strArray(tagDirnames, "/"), strArray(tagBasenames, "a"), int32Array(tagDirIndexes, -1)), "index -1"},
		{"fewer directory indexes than basenames", with(strArray(tagDirnames, "/"), strArray(tagBasenames, "a", "b"), int32Array(tagDirIndexes, 0)), "2 basenames but 1"},
		{"file modes past the store", with(strArray(tagOldFilenames, "/a"), testTag{tag: tagFileModes, typ: typeInt16, count: 9, data: []byte{0, 0}}), "run past"},
	}
	for _, tt := range tests {
		_, _, err := readInstalledPackage(tt.blob, defaultEvidence)
		if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("%s: error %v, want one containing %q", tt.name, err, tt.wantErr)
		}
	}
}
