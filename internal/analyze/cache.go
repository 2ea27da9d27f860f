package analyze

import (
	"encoding/gob"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/klauspost/compress/zstd"
	"github.com/patchbay/patchbay/internal/catalog"
	"github.com/patchbay/patchbay/internal/sbom"
)

// Cache keeps layer results on disk, keyed by (diff_id, analyser version): a layer's analysis is a pure function
// of its content and of the catalogers' versions, so it is computed once for every image that shares the layer.
// It also keeps each image's folded SBOM, keyed by (manifest digest, analyser version), for the commands that
// need nothing else: a rescan then reads one small file.
type Cache struct {
	dir     string // .../layers/<analyser version>
	sbomDir string // .../sboms/<analyser version>
}

// DefaultCacheDir is the user's cache dir (XDG_CACHE_HOME or ~/.cache on Linux), or PATCHBAY_CACHE_DIR.
func DefaultCacheDir() (string, error) {
	if d := os.Getenv("PATCHBAY_CACHE_DIR"); d != "" {
		return d, nil
	}
	d, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("no cache directory: %w (set PATCHBAY_CACHE_DIR)", err)
	}
	return filepath.Join(d, "patchbay"), nil
}

// OpenCache uses dir for results of the given analyser version.
func OpenCache(dir, analyserVersion string) *Cache {
	return &Cache{dir: filepath.Join(dir, "layers", analyserVersion), sbomDir: filepath.Join(dir, "sboms", analyserVersion)}
}

func (c *Cache) path(diffID string) (string, bool) { return digestPath(c.dir, diffID) }

// digestPath is where an entry keyed by a sha256 digest lives under dir.
func digestPath(dir, digest string) (string, bool) {
	algo, hex, ok := strings.Cut(digest, ":")
	if !ok || algo != "sha256" || len(hex) != 64 || strings.ContainsAny(hex, "/\\.") {
		return "", false // never build a path from a malformed digest
	}
	return filepath.Join(dir, hex+".gob.zst"), true
}

// Get returns the cached result of a layer, or nil when there is none (or it cannot be read: a cache miss is
// never an error, the layer is simply read again).
func (c *Cache) Get(diffID string) *catalog.LayerResult {
	var r catalog.LayerResult
	if !readEntry(c.dir, diffID, &r) || r.DiffID != diffID {
		return nil
	}
	return &r
}

// GetSBOM returns the cached SBOM of an image, or nil.
func (c *Cache) GetSBOM(manifestDigest string) *sbom.SBOM {
	var s sbom.SBOM
	if !readEntry(c.sbomDir, manifestDigest, &s) || s.Source.ManifestDigest != manifestDigest {
		return nil
	}
	return &s
}

// PutSBOM stores an image's SBOM.
func (c *Cache) PutSBOM(s *sbom.SBOM) error { return writeEntry(c.sbomDir, s.Source.ManifestDigest, s) }

func readEntry(dir, digest string, v any) bool {
	p, ok := digestPath(dir, digest)
	if !ok {
		return false
	}
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	zr, err := zstd.NewReader(f, zstd.WithDecoderConcurrency(1))
	if err != nil {
		return false
	}
	defer zr.Close()
	return gob.NewDecoder(zr).Decode(v) == nil
}

// Put stores a layer result atomically (temp file, then rename), so that a crash or a concurrent scan never
// leaves a half-written entry.
func (c *Cache) Put(r *catalog.LayerResult) error { return writeEntry(c.dir, r.DiffID, r) }

func writeEntry(dir, digest string, v any) error {
	p, ok := digestPath(dir, digest)
	if !ok {
		return fmt.Errorf("cache: malformed digest %q", digest)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	tmp, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	defer os.Remove(tmp.Name())
	zw, err := zstd.NewWriter(tmp, zstd.WithEncoderLevel(zstd.SpeedFastest), zstd.WithEncoderConcurrency(1))
	if err != nil {
		tmp.Close()
		return err
	}
	if err := gob.NewEncoder(zw).Encode(v); err != nil {
		zw.Close()
		tmp.Close()
		return fmt.Errorf("cache: %w", err)
	}
	if err := zw.Close(); err != nil {
		tmp.Close()
		return fmt.Errorf("cache: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	if err := os.Rename(tmp.Name(), p); err != nil && !errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("cache: %w", err)
	}
	return nil
}
