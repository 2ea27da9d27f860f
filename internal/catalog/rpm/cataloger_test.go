package rpm

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/patchbay/patchbay/internal/catalog"
	"github.com/patchbay/patchbay/internal/sbom"
)

// fixtures are the databases of testdata/, one per backend and variant, all holding the same packages.
var fixtures = []struct {
	name, file, imagePath string
}{
	{"sqlite", "sqlite/rpmdb.sqlite", "/var/lib/rpm/rpmdb.sqlite"},
	{"ndb", "ndb/Packages.db", "/usr/lib/sysimage/rpm/Packages.db"},
	{"bdb 4 KiB pages, values on overflow pages", "bdb-le4096/Packages", "/var/lib/rpm/Packages"},
	{"bdb 512-byte big-endian pages, overflow chains", "bdb-be512/Packages", "/var/lib/rpm/Packages"},
	{"bdb 16 KiB pages, values on the hash page", "bdb-le16384/Packages", "/var/lib/rpm/Packages"},
}

func readFixture(t testing.TB, file string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", file))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// catalogBytes runs a cataloger on content as the framework would. A declared size beyond catalog.MaxInMemory
// makes File.ReaderAt spool to a temp file, the path that large databases take.
func catalogBytes(t testing.TB, c *Cataloger, imagePath string, data []byte, declaredSize int64) (catalog.Result, error) {
	t.Helper()
	f := catalog.NewFile(catalog.Entry{Path: imagePath, Mode: 0o644, Size: declaredSize}, bytes.NewReader(data), t.TempDir())
	defer f.Close()
	return c.Catalog(context.Background(), f)
}

// expectedPackages builds the packages that rpm itself lists (testdata/expected/packages.txt, written by
// generate.sh with rpm -qa), less the gpg-pubkey pseudo-package. The source fields come from the spec files: only
// the subpackage has a source of another name; the others' source equals the package, which the model leaves out.
func expectedPackages(t *testing.T, dbPath string) []sbom.Package {
	t.Helper()
	sources := map[string][2]string{"patchbay-hello-lib": {"patchbay-hello", "1.2.3-4.pb1"}}
	var want []sbom.Package
	sc := bufio.NewScanner(bytes.NewReader(readFixture(t, "expected/packages.txt")))
	for sc.Scan() {
		f := strings.Split(sc.Text(), "|") // NAME|EPOCH|VERSION|RELEASE|ARCH|SOURCERPM|LICENSE
		if len(f) != 7 {
			t.Fatalf("expected/packages.txt: bad line %q", sc.Text())
		}
		if f[0] == gpgPubkeyName {
			continue
		}
		p := sbom.Package{Type: sbom.TypeRPM, Name: f[0], Version: f[2] + "-" + f[3], Arch: f[4],
			Licenses: []string{f[6]}, Paths: []string{dbPath}, FoundBy: "rpm-db"}
		if f[1] != "(none)" {
			p.Epoch = f[1]
		}
		if src, ok := sources[p.Name]; ok {
			p.SourceName, p.SourceVersion = src[0], src[1]
		}
		want = append(want, p)
	}
	if len(want) != 3 {
		t.Fatalf("expected/packages.txt lists %d packages, want the 3 of the spec files", len(want))
	}
	return want
}

// expectedFiles reads the non-directory files that rpm lists for each package (testdata/expected/files.txt).
func expectedFiles(t *testing.T) map[string]string {
	t.Helper()
	want := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(readFixture(t, "expected/files.txt")))
	for sc.Scan() {
		f := strings.Split(sc.Text(), "|") // NAME|PERMS|PATH
		if len(f) != 3 {
			t.Fatalf("expected/files.txt: bad line %q", sc.Text())
		}
		if !strings.HasPrefix(f[1], "d") {
			want[f[2]] = "rpm:" + f[0]
		}
	}
	return want
}

func sortPackages(p []sbom.Package) {
	slices.SortFunc(p, func(a, b sbom.Package) int { return strings.Compare(a.Key(), b.Key()) })
}

func TestCatalogEveryBackend(t *testing.T) {
	// What the spec files install that is possible language-package evidence: executables under bin, sbin and
	// libexec, Python metadata, an egg-info file, an npm manifest and Java archives; not the README, RECORD,
	// index.js, shared library or data file, nor the directories.
	wantOwned := map[string]string{
		"/usr/bin/patchbay-hello":                                            "rpm:patchbay-hello",
		"/usr/libexec/patchbay/helper":                                       "rpm:patchbay-hello",
		"/usr/lib/python3.11/site-packages/pbhello-1.2.3.dist-info/METADATA": "rpm:patchbay-hello",
		"/usr/lib/node_modules/pbhello/package.json":                         "rpm:patchbay-hello",
		"/usr/sbin/pbhellod":                                                 "rpm:patchbay-hello-lib",
		"/usr/share/java/pbhello.jar":                                        "rpm:patchbay-hello-lib",
		"/usr/lib/python3/dist-packages/pbdata-0.1.egg-info":                 "rpm:patchbay-data",
		"/opt/pbdata/app.war":                                                "rpm:patchbay-data",
	}
	for _, fx := range fixtures {
		for _, spooled := range []bool{false, true} {
			name := fx.name
			data := readFixture(t, fx.file)
			size := int64(len(data))
			if spooled {
				name += ", spooled"
				size = catalog.MaxInMemory + 1
			}
			t.Run(name, func(t *testing.T) {
				res, err := catalogBytes(t, New(), fx.imagePath, data, size)
				if err != nil {
					t.Fatalf("Catalog: %v", err)
				}
				want := expectedPackages(t, fx.imagePath)
				sortPackages(want)
				sortPackages(res.Packages)
				if !reflect.DeepEqual(res.Packages, want) {
					t.Errorf("packages:\n got %+v\nwant %+v", res.Packages, want)
				}
				if !reflect.DeepEqual(res.Owned, wantOwned) {
					t.Errorf("owned:\n got %v\nwant %v", res.Owned, wantOwned)
				}
			})
		}
	}
}

// TestFileLists checks the whole file lists, not only the evidence, against rpm's own listing.
func TestFileLists(t *testing.T) {
	want := expectedFiles(t)
	all := New().KeepOwned(func(string) bool { return true })
	for _, fx := range fixtures {
		t.Run(fx.name, func(t *testing.T) {
			data := readFixture(t, fx.file)
			res, err := catalogBytes(t, all, fx.imagePath, data, int64(len(data)))
			if err != nil {
				t.Fatalf("Catalog: %v", err)
			}
			if !reflect.DeepEqual(res.Owned, want) {
				t.Errorf("files:\n got %v\nwant %v", res.Owned, want)
			}
		})
	}
	t.Run("keep none", func(t *testing.T) {
		data := readFixture(t, fixtures[0].file)
		res, err := catalogBytes(t, New().KeepOwned(nil), fixtures[0].imagePath, data, int64(len(data)))
		if err != nil || res.Owned != nil || len(res.Packages) != 3 {
			t.Errorf("got %d packages, owned %v, err %v; want 3 packages, no owned paths", len(res.Packages), res.Owned, err)
		}
	})
}

func TestWants(t *testing.T) {
	c := New()
	tests := []struct {
		path string
		want bool
	}{
		{"/var/lib/rpm/rpmdb.sqlite", true},
		{"/usr/lib/sysimage/rpm/rpmdb.sqlite", true},
		{"/var/lib/rpm/Packages", true},
		{"/usr/lib/sysimage/rpm/Packages", true},
		{"/var/lib/rpm/Packages.db", true},
		{"/usr/lib/sysimage/rpm/Packages.db", true},
		{"/var/lib/rpm/rpmdb.sqlite-wal", false},
		{"/var/lib/rpm/Index.db", false},
		{"/var/lib/rpm/Name", false},
		{"/root/var/lib/rpm/Packages", false},
		{"/var/lib/rpm/packages", false},
		{"/var/lib/dpkg/status", false},
	}
	for _, tt := range tests {
		if got := c.Wants(catalog.Entry{Path: tt.path, Mode: 0o644, Size: 1 << 20}); got != tt.want {
			t.Errorf("Wants(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
	if n := testing.AllocsPerRun(100, func() { c.Wants(catalog.Entry{Path: "/var/lib/rpm/Packages"}) }); n != 0 {
		t.Errorf("Wants allocates %v times", n)
	}
}

func TestParseSourceRPM(t *testing.T) {
	tests := []struct {
		file, name, version string
		ok                  bool
	}{
		{"bash-5.1.8-6.el9.src.rpm", "bash", "5.1.8-6.el9", true},
		{"python-setuptools-53.0.0-12.el9.src.rpm", "python-setuptools", "53.0.0-12.el9", true},
		{"kernel-5.14.0-362.8.1.el9_3.src.rpm", "kernel", "5.14.0-362.8.1.el9_3", true},
		{"fonts-rpm-macros-2.0.5-7.el9.1.nosrc.rpm", "fonts-rpm-macros", "2.0.5-7.el9.1", true},
		{"", "", "", false},
		{"(none)", "", "", false},
		{"bash.src.rpm", "", "", false},
		{"bash-5.1.8.src.rpm", "", "", false},
		{"-5.1-1.src.rpm", "", "", false},
		{"bash--1.src.rpm", "", "", false},
		{"bash-5.1-.src.rpm", "", "", false},
		{"bash-5.1.8-6.el9.src", "", "", false},
	}
	for _, tt := range tests {
		name, version, ok := parseSourceRPM(tt.file)
		if name != tt.name || version != tt.version || ok != tt.ok {
			t.Errorf("parseSourceRPM(%q) = %q, %q, %v; want %q, %q, %v", tt.file, name, version, ok, tt.name, tt.version, tt.ok)
		}
	}
}

func TestDefaultEvidence(t *testing.T) {
	tests := []struct {
		path string
		want bool
	}{
		{"/usr/bin/bash", true},
		{"/usr/sbin/sshd", true},
		{"/usr/libexec/podman/conmon", true},
		{"/usr/lib/jvm/java-17-openjdk/bin/java", true},
		{"/usr/lib/python3.9/site-packages/requests-2.25.1.dist-info/METADATA", true},
		{"/usr/lib64/python3.9/site-packages/six-1.15.0-py3.9.egg-info/PKG-INFO", true},
		{"/usr/lib/python3/dist-packages/pbdata-0.1.egg-info", true},
		{"/usr/lib/node_modules/npm/package.json", true},
		{"/usr/share/java/log4j.jar", true},
		{"/opt/app/app.war", true},
		{"/opt/app/app.ear", true},
		{"/usr/share/doc/pkg/METADATA", false}, // METADATA outside a *-packages directory
		{"/usr/lib/python3.9/site-packages/requests-2.25.1.dist-info/RECORD", false},
		{"/usr/lib/node_modules/npm/index.js", false},
		{"/usr/lib/node_modules/.bin/npm", false},
		{"/usr/lib64/libc.so.6", false},
		{"/usr/binaries/x", false},
		{"/etc/package.json.d/x", false},
	}
	for _, tt := range tests {
		if got := defaultEvidence(tt.path); got != tt.want {
			t.Errorf("defaultEvidence(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
}

func TestName(t *testing.T) {
	if got := New().Name(); got != "rpm-db" {
		t.Errorf("Name() = %q, want rpm-db", got)
	}
}

// newTestFile wraps data as the framework hands a file to a cataloger, and closes it when the test ends.
func newTestFile(t testing.TB, imagePath string, data []byte) *catalog.File {
	t.Helper()
	f := catalog.NewFile(catalog.Entry{Path: imagePath, Mode: 0o644, Size: int64(len(data))}, bytes.NewReader(data), t.TempDir())
	t.Cleanup(func() { f.Close() })
	return f
}
