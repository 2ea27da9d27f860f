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
)

// Cache keeps layer results on disk, keyed by (diff_id, analyser version): a layer's analysis is a pure function
// of its content and of the catalogers' versions, so it is computed once for every image that shares the layer.
type Cache struct {
	dir string // .../layers/<analyser version>
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
	return &Cache{dir: filepath.Join(dir, "layers", analyserVersion)}
}

func (c *Cache) path(diffID string) (string, bool) {
	algo, hex, ok := strings.Cut(diffID, ":")
	if !ok || algo != "sha256" || len(hex) != 64 || strings.ContainsAny(hex, "/\\.") {
		return "", false // never build a path from a malformed digest
	}
	return filepath.Join(c.dir, hex+".gob.zst"), true
}

// Get returns the cached result of a layer, or nil when there is none (or it cannot be read: a cache miss is
// never an error, the layer is simply read again).
func (c *Cache) Get(diffID string) *catalog.LayerResult {
	p, ok := c.path(diffID)
	if !ok {
		return nil
	}
	f, err := os.Open(p)
	if err != nil {
		return nil
	}
	defer f.Close()
	zr, err := zstd.NewReader(f, zstd.WithDecoderConcurrency(1))
	if err != nil {
		return nil
	}
	defer zr.Close()
	var r catalog.LayerResult
	if err := gob.NewDecoder(zr).Decode(&r); err != nil || r.DiffID != diffID {
		return nil
	}
	return &r
}

// Put stores a layer result atomically (temp file, then rename), so that a crash or a concurrent scan never
// leaves a half-written entry.
func (c *Cache) Put(r *catalog.LayerResult) error {
	p, ok := c.path(r.DiffID)
	if !ok {
		return fmt.Errorf("cache: malformed diff_id %q", r.DiffID)
	}
	if err := os.MkdirAll(c.dir, 0o755); err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	tmp, err := os.CreateTemp(c.dir, ".tmp-*")
	if err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	defer os.Remove(tmp.Name())
	zw, err := zstd.NewWriter(tmp, zstd.WithEncoderLevel(zstd.SpeedFastest), zstd.WithEncoderConcurrency(1))
	if err != nil {
		tmp.Close()
		return err
	}
	if err := gob.NewEncoder(zw).Encode(r); err != nil {
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
