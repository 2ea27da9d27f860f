package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	cdx "github.com/CycloneDX/cyclonedx-go"

	"github.com/patchbay/patchbay/internal/layers"
	"github.com/patchbay/patchbay/internal/sbom"
	"github.com/patchbay/patchbay/internal/testenv"
)

var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "patchbay-cli-")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "patchbay")
	if out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput(); err != nil {
		panic(string(out))
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// run runs the built binary as a user would, with its own cache dir, and returns stdout, stderr and exit code.
func run(t *testing.T, cacheDir string, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = append(os.Environ(), "PATCHBAY_CACHE_DIR="+cacheDir, "SOURCE_DATE_EPOCH=1768435200")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errb.String(), code
}

func TestSBOMFormats(t *testing.T) {
	corpus := testenv.Corpus(t)
	ref := "oci:" + filepath.Join(corpus, "oci") + ":corpus.local/vets-frontend:1.0.0"
	cache := t.TempDir()

	out, stderr, code := run(t, cache, "sbom", "-q", "-o", "json", ref)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var s sbom.SBOM
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatal(err)
	}
	layerOf := map[string]bool{}
	for _, l := range s.Layers {
		layerOf[l.DiffID] = true
	}
	if len(s.Packages) < 100 || s.Distro == nil || s.Distro.ID != "debian" {
		t.Fatalf("json: %d packages, distro %+v", len(s.Packages), s.Distro)
	}

	out, stderr, code = run(t, cache, "sbom", "-q", "-o", "cyclonedx", ref)
	if code != 0 {
		t.Fatalf("cyclonedx: exit %d: %s", code, stderr)
	}
	var bom cdx.BOM
	if err := cdx.NewBOMDecoder(strings.NewReader(out), cdx.BOMFileFormatJSON).Decode(&bom); err != nil {
		t.Fatal(err)
	}
	if bom.SpecVersion != cdx.SpecVersion1_6 || bom.Components == nil {
		t.Fatalf("spec %v, components %v", bom.SpecVersion, bom.Components)
	}
	libraries := 0
	for _, c := range *bom.Components {
		if c.Type != cdx.ComponentTypeLibrary {
			continue
		}
		libraries++
		if c.PackageURL == "" {
			t.Errorf("%s: no purl", c.Name)
		}
		diffID := ""
		if c.Properties != nil {
			for _, p := range *c.Properties {
				if p.Name == "patchbay:layer:diff_id" {
					diffID = p.Value
				}
			}
		}
		if !layerOf[diffID] {
			t.Errorf("%s: patchbay:layer:diff_id %q is not a layer of the image", c.Name, diffID)
		}
	}
	if libraries != len(s.Packages) {
		t.Errorf("%d CycloneDX libraries for %d packages", libraries, len(s.Packages))
	}

	out, stderr, code = run(t, cache, "sbom", "-q", "-o", "spdx", ref)
	var doc struct {
		SPDXVersion string            `json:"spdxVersion"`
		Packages    []json.RawMessage `json:"packages"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &doc) != nil || doc.SPDXVersion != "SPDX-2.3" || len(doc.Packages) < len(s.Packages) {
		t.Errorf("spdx: exit %d, version %q, %d packages: %s", code, doc.SPDXVersion, len(doc.Packages), stderr)
	}

	out, _, code = run(t, cache, "sbom", "-q", ref)
	if code != 0 || !strings.Contains(out, "lodash") || !strings.Contains(out, "TYPE") {
		t.Errorf("table: exit %d:\n%.300s", code, out)
	}
}

func TestExitCodesAndErrors(t *testing.T) {
	cache := t.TempDir()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"sbom", "oci:/does/not/exist"}, "/does/not/exist"},
		{[]string{"sbom", "-o", "yaml", "oci:/x"}, `unknown output format "yaml"`},
		{[]string{"sbom", "--platform", "linux", "oci:/x"}, "want os/arch[/variant]"},
		{[]string{"layers", "-o", "cyclonedx", "oci:/x"}, `unknown output format "cyclonedx"`},
	} {
		_, stderr, code := run(t, cache, tc.args...)
		if code != exitError || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d naming %q", tc.args, code, stderr, exitError, tc.want)
		}
	}
	out, _, code := run(t, cache, "sbom", "--help")
	if code != 0 || !strings.Contains(out, "docker-archive:FILE.tar") || !strings.Contains(out, "--platform") {
		t.Errorf("help: exit %d:\n%s", code, out)
	}
}

// TestLayersOnTheDemoImage checks `patchbay layers` end to end on the demo image the README's first command
// builds: the build log deleted by the last layer is waste, the apt archives left behind are hinted.
func TestLayersOnTheDemoImage(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "oci")
	gen := exec.Command("go", "run", "./tools/demoimage", dir)
	gen.Dir = filepath.Join("..", "..")
	if out, err := gen.CombinedOutput(); err != nil {
		t.Fatalf("demoimage: %v: %s", err, out)
	}
	out, stderr, code := run(t, t.TempDir(), "layers", "-q", "-o", "json", "oci:"+dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var rep layers.Report
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	const buildLog = 13 * 200_000 // "compiling...\n" × 200,000, see tools/demoimage
	if rep.WastedBytes != buildLog || len(rep.Layers) != 3 {
		t.Errorf("wasted %d bytes over %d layers, want %d over 3", rep.WastedBytes, len(rep.Layers), buildLog)
	}
	kinds := map[string]bool{}
	for _, h := range rep.Hints {
		kinds[h.Kind+" "+h.Path] = true
	}
	for _, want := range []string{"package-cache /var/cache/apt/archives", "deleted-later /tmp/build.log"} {
		if !kinds[want] {
			t.Errorf("no hint %q in %v", want, kinds)
		}
	}
}
