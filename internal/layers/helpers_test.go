package layers

import "github.com/patchbay/patchbay/internal/catalog"

// Hand-made layer entries.

func file(p string, size int64) catalog.FileRecord {
	return catalog.FileRecord{Path: p, Kind: catalog.KindFile, Size: size, Mode: 0o644}
}

func dir(p string) catalog.FileRecord {
	return catalog.FileRecord{Path: p, Kind: catalog.KindDir, Mode: 0o755}
}

func whiteout(p string) catalog.FileRecord {
	return catalog.FileRecord{Path: p, Kind: catalog.KindWhiteout}
}

func opaque(p string) catalog.FileRecord {
	return catalog.FileRecord{Path: p, Kind: catalog.KindOpaque}
}

func symlink(p, target string, size int64) catalog.FileRecord {
	return catalog.FileRecord{Path: p, Kind: catalog.KindSymlink, Size: size, Link: target}
}

func hardlink(p, target string, size int64) catalog.FileRecord {
	return catalog.FileRecord{Path: p, Kind: catalog.KindHardlink, Size: size, Link: target}
}

// stackOf makes layer inputs, Index = position, from each layer's entries.
func stackOf(layers ...[]catalog.FileRecord) []LayerInput {
	out := make([]LayerInput, len(layers))
	for i, files := range layers {
		out[i] = LayerInput{Index: i, DiffID: "sha256:layer" + string(rune('0'+i%10)), Files: files}
	}
	return out
}

func entries(files ...catalog.FileRecord) []catalog.FileRecord { return files }

const mib = 1 << 20
