// Package testenv finds and prepares the real parts Patchbay's tests run against: the shared test corpus (real
// images built from Debian, Alpine and npm packages), and later the registry and Kubernetes harnesses. Where the
// shared folder is absent (a clone elsewhere) tests skip with a message saying what they need; under CI=true they
// fail instead, so CI can never go green by skipping.
package testenv

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"syscall"
	"testing"
)

// SharedDir is $PATCHBAY_SHARED, or the shared folder beside the repository's checkout.
func SharedDir() string {
	if d := os.Getenv("PATCHBAY_SHARED"); d != "" {
		return d
	}
	_, file, _, _ := runtime.Caller(0)
	// file is <repo>/internal/testenv/testenv.go; shared/ sits beside <repo>
	return filepath.Join(filepath.Dir(file), "..", "..", "..", "shared")
}

// CacheDir is where built test fixtures are kept between runs: $PATCHBAY_TEST_CACHE or ~/.cache/patchbay-test.
func CacheDir() string {
	if d := os.Getenv("PATCHBAY_TEST_CACHE"); d != "" {
		return d
	}
	d, err := os.UserCacheDir()
	if err != nil {
		d = os.TempDir()
	}
	return filepath.Join(d, "patchbay-test")
}

// Unavailable skips the test, or fails it under CI, when a real part it needs is missing.
func Unavailable(t testing.TB, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if os.Getenv("CI") == "true" {
		t.Fatalf("CI=true and a real part is missing: %s", msg)
	}
	t.Skipf("skipped: %s", msg)
}

var (
	corpusOnce sync.Once
	corpusDir  string
	corpusErr  error
)

// Corpus returns the directory of the built shared corpus (oci/, archives/, expected/), building it the first
// time (minutes; needs root, debootstrap and the network to Debian's archive) under a file lock, so that test
// packages running at once build it only once.
func Corpus(t testing.TB) string {
	t.Helper()
	corpusOnce.Do(func() { corpusDir, corpusErr = buildCorpus() })
	if corpusErr != nil {
		Unavailable(t, "the shared test corpus: %v", corpusErr)
	}
	return corpusDir
}

func buildCorpus() (string, error) {
	script := filepath.Join(SharedDir(), "corpus", "build.sh")
	if _, err := os.Stat(script); err != nil {
		return "", fmt.Errorf("%s not found (set PATCHBAY_SHARED to the shared folder)", script)
	}
	out := filepath.Join(CacheDir(), "corpus")
	if _, err := os.Stat(filepath.Join(out, "DONE")); err == nil {
		return out, nil
	}
	if err := os.MkdirAll(CacheDir(), 0o755); err != nil {
		return "", err
	}
	unlock, err := lockFile(filepath.Join(CacheDir(), "corpus.lock"))
	if err != nil {
		return "", err
	}
	defer unlock()
	if _, err := os.Stat(filepath.Join(out, "DONE")); err == nil {
		return out, nil // built by another test process while we waited
	}
	log, err := os.Create(filepath.Join(CacheDir(), "corpus-build.log"))
	if err != nil {
		return "", err
	}
	defer log.Close()
	cmd := exec.Command("bash", script, out)
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("building the corpus (%s, log in %s): %w", script, log.Name(), err)
	}
	return out, nil
}

// lockFile takes an exclusive lock across processes.
func lockFile(p string) (func(), error) {
	f, err := os.OpenFile(p, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, err
	}
	return func() { syscall.Flock(int(f.Fd()), syscall.LOCK_UN); f.Close() }, nil
}
