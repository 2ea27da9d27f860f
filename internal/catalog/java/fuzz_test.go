package java

import (
	"archive/zip"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"

	"github.com/patchbay/patchbay/internal/catalog"
	"github.com/patchbay/patchbay/internal/sbom"
)

// addJarSeeds adds the testdata jars and archives laid out like real ones to a fuzz corpus.
func addJarSeeds(f *testing.F) {
	jars, _ := filepath.Glob("testdata/*.jar")
	for _, j := range jars {
		b, err := os.ReadFile(j)
		if err != nil {
			f.Fatal(err)
		}
		if len(b) < 16<<10 {
			f.Add(b)
		}
	}
	nop := fixture(f, "slf4j-nop.jar")
	f.Add(buildZip(f, pomEntry("com.example", "app", "1.0"), stored("BOOT-INF/lib/slf4j-nop.jar", nop)))
	f.Add(buildZip(f, deflated("b.war", buildZip(f, deflated("WEB-INF/lib/x-1.0.jar", buildZip(f,
		deflated("META-INF/MANIFEST.MF", []byte("Implementation-Title: x\nBundle-License: MIT\n"))))))))
	f.Add(chain(f, 3))
	f.Add(zip64Declaring(f, buildZip(f, pomEntry("g", "a", "1")), 1<<20))
	f.Add(nop[:len(nop)-30])
}

// fuzzLimits keep each fuzz run small and fast.
var fuzzLimits = limits{
	maxDepth: 4, maxNestedSize: 1 << 20, maxHeldInMemory: 2 << 20, maxBytesRead: 8 << 20, maxArchives: 64,
	maxEntries: 1000, maxCentralDirectory: 256 << 10, maxPropertiesSize: 4 << 10, maxManifestRead: 64 << 10,
	maxManifestLine: 4 << 10, maxProblems: 8,
}

func FuzzCatalog(f *testing.F) {
	addJarSeeds(f)
	c := &Cataloger{lim: fuzzLimits}
	f.Fuzz(func(t *testing.T, data []byte) {
		file := catalog.NewFile(catalog.Entry{Path: "/fuzz.jar", Mode: 0o644, Size: int64(len(data))},
			bytes.NewReader(data), "")
		defer file.Close()
		res, err := c.Catalog(context.Background(), file)
		if err != nil && strings.Contains(err.Error(), "\n") {
			t.Errorf("error spans several lines: %q", err)
		}
		for _, p := range res.Packages {
			checkFuzzedPackage(t, p)
		}
	})
}

// FuzzCatalogNested puts the fuzzed bytes inside a well-formed outer jar, stored and compressed, so that the
// paths for nested archives (windows on the outer bytes, decompression into memory) see hostile content too.
func FuzzCatalogNested(f *testing.F) {
	addJarSeeds(f)
	c := &Cataloger{lim: fuzzLimits}
	f.Fuzz(func(t *testing.T, data []byte) {
		outer := buildZip(t, pomEntry("com.example", "outer", "1.0"), stored("BOOT-INF/lib/x.jar", data),
			deflated("WEB-INF/lib/y.jar", data))
		file := catalog.NewFile(catalog.Entry{Path: "/fuzz.jar", Mode: 0o644, Size: int64(len(outer))},
			bytes.NewReader(outer), "")
		defer file.Close()
		res, err := c.Catalog(context.Background(), file)
		if len(res.Packages) == 0 || res.Packages[0].Name != "com.example:outer" {
			t.Fatalf("the outer jar's package is lost: %v (error %v)", summarize(res.Packages), err)
		}
		for _, p := range res.Packages {
			checkFuzzedPackage(t, p)
		}
	})
}

func checkFuzzedPackage(t *testing.T, p sbom.Package) {
	t.Helper()
	if p.Type != sbom.TypeMaven || p.Name == "" || p.Version == "" || p.FoundBy != "java-archive" {
		t.Errorf("incomplete package %+v", p)
	}
	if len(p.Paths) != 1 || !strings.HasPrefix(p.Paths[0], "/fuzz.jar") {
		t.Errorf("package %s: evidence %v", p.Name, p.Paths)
	}
	if depth := strings.Count(p.Paths[0], "!/"); depth > fuzzLimits.maxDepth {
		t.Errorf("package %s found %d archives deep, limit %d", p.Name, depth, fuzzLimits.maxDepth)
	}
	if !utf8.ValidString(p.Name) || !utf8.ValidString(p.Version) {
		t.Errorf("package %q %q is not valid UTF-8", p.Name, p.Version)
	}
}

func FuzzDeclaredEntries(f *testing.F) {
	addJarSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		n, ok := declaredEntries(bytes.NewReader(data), int64(len(data)))
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return
		}
		// archive/zip checks the count it read against the declared one modulo 2^16 only.
		if !ok || uint16(n) != uint16(len(zr.File)) {
			t.Errorf("declaredEntries = %d, %v; archive/zip read %d entries", n, ok, len(zr.File))
		}
	})
}

func FuzzParseProperties(f *testing.F) {
	f.Add([]byte("#Created by Apache Maven\ngroupId=org.slf4j\nartifactId=slf4j-nop\nversion=1.7.32\n"))
	f.Add([]byte("k = v\\\n  continued\r\n! c\ra\\u0041\\=b: c\\"))
	f.Add([]byte("\\u12\\\\\\\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for k, v := range parseProperties(data) {
			if strings.TrimSpace(v) != v {
				t.Errorf("value of %q not trimmed: %q", k, v)
			}
		}
	})
}

func FuzzReadManifest(f *testing.F) {
	f.Add("Manifest-Version: 1.0\r\nImplementation-Title: x\r\n continued\r\nBundle-Version: 1\r\n\r\nName: a\r\n")
	f.Add("Bundle-License: a,\r b\n\nImplementation-Version: 2")
	f.Add("\r\r\n\n")
	f.Fuzz(func(t *testing.T, s string) {
		const maxLine = 256
		whole, err := readManifest(strings.NewReader(s), maxLine)
		if err != nil {
			t.Fatalf("readManifest: %v", err)
		}
		// Line ends split across reads must not change the result.
		bytewise, err := readManifest(iotest.OneByteReader(strings.NewReader(s)), maxLine)
		if err != nil || bytewise != whole {
			t.Errorf("read whole %+v, byte by byte %+v (%v)", whole, bytewise, err)
		}
		for _, v := range []string{whole.implementationTitle, whole.implementationVersion, whole.bundleSymbolicName,
			whole.bundleVersion, whole.specificationTitle, whole.specificationVersion, whole.bundleLicense} {
			if !utf8.ValidString(v) || strings.TrimSpace(v) != v || len(v) > maxLine {
				t.Errorf("value %q: not trimmed, not UTF-8 or too long", v)
			}
		}
	})
}

func FuzzGuessIdentity(f *testing.F) {
	f.Add("commons-lang3-3.12.0.jar", "Apache Commons Lang", "3.12.0", "org.apache.commons.lang3", "3.12.0")
	f.Add("foo-2.0-beta-1.jar", "", "2.0-beta-1", "", "")
	f.Add("jrt-fs.jar", "Java Runtime Environment", "17.0.19", "", "")
	f.Add("x.jar", "", "", "a;singleton:=true", "1")
	f.Fuzz(func(t *testing.T, file, title, version, bsn, bundleVersion string) {
		m := manifest{implementationTitle: title, implementationVersion: version, bundleSymbolicName: bsn,
			bundleVersion: bundleVersion}
		name, v, ok := guessIdentity(file, m)
		if ok != (name != "" && v != "") {
			t.Errorf("guessIdentity = %q, %q, %v", name, v, ok)
		}
		if ok && (!plausibleName(name) || !plausibleVersion(v)) {
			t.Errorf("implausible guess %q %q", name, v)
		}
	})
}

func FuzzParseBundleLicense(f *testing.F) {
	f.Add(`Apache-2.0;link="https://www.apache.org/licenses/LICENSE-2.0", MIT`)
	f.Add("Apache License, Version 2.0")
	f.Add(`"a,b";x="c;d",<<EXTERNAL>>`)
	f.Fuzz(func(t *testing.T, s string) {
		got := parseBundleLicense(s)
		if len(got) > maxLicenses {
			t.Errorf("%d licenses", len(got))
		}
		for _, l := range got {
			if l == "" || len(l) > maxLicenseLen || (utf8.ValidString(s) && !utf8.ValidString(l)) {
				t.Errorf("license %q", l)
			}
		}
	})
}
