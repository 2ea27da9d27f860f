package gobinary

import (
	"archive/zip"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// The fixtures are Go programs that the tests build with the local toolchain, once per test run, into fixtureDir.
// Nothing is downloaded: the one program with dependencies gets them from a module proxy that the tests write
// into a directory (GOPROXY=file://...).

var (
	fixtureDir  string
	fixtureMu   sync.Mutex
	fixtureBins = map[string]string{} // fixture name -> binary path
	fixtureErrs = map[string]error{}
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "gobinary-fixtures-*")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fixtureDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// fixture is one program to build and how.
type fixture struct {
	src    string // source tree: "hello" or "deps", written by writeSource
	goarch string
	flags  []string
}

var fixtures = map[string]fixture{
	"hello":          {src: "hello", goarch: "amd64"},
	"hello-pie":      {src: "hello", goarch: "amd64", flags: []string{"-buildmode=pie"}},
	"hello-stripped": {src: "hello", goarch: "amd64", flags: []string{"-ldflags=-s -w"}},
	"hello-386":      {src: "hello", goarch: "386"},   // 32-bit ELF
	"hello-s390x":    {src: "hello", goarch: "s390x"}, // big-endian ELF
	"deps":           {src: "deps", goarch: "amd64"},  // module deps, replaced ones included
}

// goBinary returns the path of the named fixture, building it on first use. It skips the test when there is no Go
// toolchain (the tests are meant to run where one is).
func goBinary(tb testing.TB, name string) string {
	tb.Helper()
	fixtureMu.Lock()
	defer fixtureMu.Unlock()
	if p, ok := fixtureBins[name]; ok {
		return p
	}
	if err, ok := fixtureErrs[name]; ok {
		tb.Fatalf("fixture %s: %v", name, err)
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		tb.Skipf("no go toolchain on PATH: %v", err)
	}
	p, err := buildFixture(goTool, name, fixtures[name])
	if err != nil {
		fixtureErrs[name] = err
		tb.Fatalf("fixture %s: %v", name, err)
	}
	fixtureBins[name] = p
	return p
}

func buildFixture(goTool, name string, fx fixture) (string, error) {
	src := filepath.Join(fixtureDir, "src-"+fx.src)
	if _, err := os.Stat(src); err != nil {
		if err := writeSource(src, fx.src); err != nil {
			return "", err
		}
	}
	out := filepath.Join(fixtureDir, name)
	args := append([]string{"build", "-trimpath", "-o", out}, fx.flags...)
	cmd := exec.Command(goTool, append(args, ".")...)
	cmd.Dir = src
	cmd.Env = append(os.Environ(),
		"CGO_ENABLED=0", "GOOS=linux", "GOARCH="+fx.goarch, "GOTOOLCHAIN=local", "GOWORK=off",
		"GOFLAGS=-mod=mod -modcacherw -buildvcs=false",
		"GOPROXY=file://"+filepath.Join(fixtureDir, "proxy"), "GOSUMDB=off", "GONOSUMDB=", "GOPRIVATE=",
		"GOMODCACHE="+filepath.Join(fixtureDir, "modcache"),
	)
	if b, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go %s: %v\n%s", strings.Join(args, " "), err, b)
	}
	return out, nil
}

// writeSource writes the source tree of a fixture program, and for "deps" the module proxy it needs.
func writeSource(dir, name string) error {
	files := map[string]string{}
	switch name {
	case "hello":
		files["go.mod"] = "module example.com/hello\n\ngo 1.21\n"
		files["main.go"] = "package main\n\nimport \"os\"\n\nfunc main() { os.Stdout.WriteString(\"hello\\n\") }\n"
	case "deps":
		if err := writeProxy(filepath.Join(fixtureDir, "proxy")); err != nil {
			return err
		}
		// alpha is a plain dependency; beta is replaced by another module at a version; gamma by a directory.
		files["go.mod"] = `module example.com/deps

go 1.21

require (
	example.com/alpha v1.0.0
	example.com/beta v1.0.0
	example.com/gamma v0.1.0
)

replace example.com/beta v1.0.0 => example.com/betafork v1.2.0

replace example.com/gamma => ./gamma
`
		files["main.go"] = `package main

import (
	"example.com/alpha"
	"example.com/beta"
	"example.com/gamma"
)

func main() { println(alpha.Name, beta.Name, gamma.Name) }
`
		files["gamma/go.mod"] = "module example.com/gamma\n\ngo 1.21\n"
		files["gamma/gamma.go"] = "package gamma\n\nconst Name = \"gamma\"\n"
	default:
		return fmt.Errorf("unknown fixture source %q", name)
	}
	return writeFiles(dir, files)
}

// proxyModules are the modules of the test's module proxy: path@version -> package name.
var proxyModules = map[string]string{
	"example.com/alpha@v1.0.0":    "alpha",
	"example.com/beta@v1.0.0":     "beta",
	"example.com/betafork@v1.2.0": "beta",
}

// writeProxy writes a GOPROXY directory: for each module version, its .info, .mod and .zip under
// <path>/@v/, and the @v/list.
func writeProxy(dir string) error {
	lists := map[string][]string{}
	for mv, pkg := range proxyModules {
		path, version, _ := strings.Cut(mv, "@")
		vdir := filepath.Join(dir, path, "@v")
		if err := os.MkdirAll(vdir, 0o755); err != nil {
			return err
		}
		lists[vdir] = append(lists[vdir], version)
		// A replacement's go.mod declares the path it replaces, as forks usually do.
		modPath := path
		if path == "example.com/betafork" {
			modPath = "example.com/beta"
		}
		gomod := "module " + modPath + "\n\ngo 1.21\n"
		if err := os.WriteFile(filepath.Join(vdir, version+".info"), []byte(`{"Version":"`+version+`"}`), 0o644); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(vdir, version+".mod"), []byte(gomod), 0o644); err != nil {
			return err
		}
		src := "package " + pkg + "\n\nconst Name = \"" + mv + "\"\n"
		if err := writeModZip(filepath.Join(vdir, version+".zip"), mv, gomod, pkg+".go", src); err != nil {
			return err
		}
	}
	for vdir, versions := range lists {
		if err := os.WriteFile(filepath.Join(vdir, "list"), []byte(strings.Join(versions, "\n")+"\n"), 0o644); err != nil {
			return err
		}
	}
	return nil
}

func writeModZip(name, prefix, gomod, file, src string) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	zw := zip.NewWriter(f)
	for n, body := range map[string]string{"go.mod": gomod, file: src} {
		w, err := zw.Create(prefix + "/" + n)
		if err != nil {
			f.Close()
			return err
		}
		if _, err := w.Write([]byte(body)); err != nil {
			f.Close()
			return err
		}
	}
	if err := zw.Close(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func writeFiles(dir string, files map[string]string) error {
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			return err
		}
	}
	return nil
}
