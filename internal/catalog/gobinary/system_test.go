package gobinary

import (
	"debug/buildinfo"

	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

// TestCatalogSystemExecutables compares the cataloger with debug/buildinfo, which reads with random access, on
// the executables this machine has: Go binaries of many Go versions and build modes (cgo, stripped, PIE) and the
// many more that are not Go. Both must agree on each.
func TestCatalogSystemExecutables(t *testing.T) {
	if testing.Short() {
		t.Skip("reads hundreds of megabytes of executables")
	}
	dirs := []string{"/bin", "/sbin", "/usr/bin", "/usr/sbin", "/usr/local/bin", "/usr/lib/google-cloud-sdk/bin"}
	if out, err := exec.Command("go", "env", "GOROOT", "GOTOOLDIR").Output(); err == nil {
		f := strings.Fields(string(out))
		dirs = append(dirs, filepath.Join(f[0], "bin"), f[1])
	}
	seen := map[string]bool{}
	var goBins, others int
	for _, dir := range dirs {
		entries, err := os.ReadDir(dir)
		if err != nil {
			continue
		}
		for _, e := range entries {
			path := filepath.Join(dir, e.Name())
			real, err := filepath.EvalSymlinks(path)
			if err != nil || seen[real] {
				continue
			}
			seen[real] = true
			st, err := os.Stat(real)
			if err != nil || !st.Mode().IsRegular() || st.Mode()&0o111 == 0 || st.Size() < minSize || st.Size() > 256<<20 {
				continue
			}
			want, wantErr := buildinfo.ReadFile(real)
			fh, err := os.Open(real)
			if err != nil {
				continue
			}
			raw, err := New().readRaw(t.Context(), fh)
			fh.Close()
			switch {
			case wantErr != nil && (err != nil || raw != nil):
				t.Errorf("%s: debug/buildinfo finds no build info (%v), the cataloger %v, %v", real, wantErr, raw, err)
			case wantErr != nil:
				others++
			case err != nil || raw == nil:
				t.Errorf("%s: debug/buildinfo reads %s, the cataloger %v, %v", real, want.GoVersion, raw, err)
			default:
				goBins++
				got, err := debug.ParseBuildInfo(raw.modInfo)
				if err != nil {
					t.Errorf("%s: %v", real, err)
					continue
				}
				got.GoVersion = raw.goVersion
				if got.String() != want.String() {
					t.Errorf("%s: cataloger reads\n%s\ndebug/buildinfo\n%s", real, got, want)
				}
			}
		}
	}
	t.Logf("%d Go executables, %d others", goBins, others)
	if goBins+others == 0 {
		t.Skip("no executables found")
	}
}
