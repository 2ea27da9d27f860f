package java

import (
	"bytes"
	"testing"

	"github.com/patchbay/patchbay/internal/catalog"
)

func TestWants(t *testing.T) {
	tests := []struct {
		path string
		mode uint32
		size int64
		want bool
	}{
		{"/app/app.jar", 0o644, 10, true},
		{"/app/APP.JAR", 0o644, 10, true},
		{"/srv/ROOT.War", 0o644, 10, true},
		{"/opt/app.ear", 0o644, 10, true},
		{"/var/jenkins_home/plugins/git.jpi", 0o644, 10, true},
		{"/var/jenkins_home/plugins/git.hpi", 0o644, 10, true},
		{"/usr/share/java/x.jar", 0o644, 1, true},
		{"/app/app.jar", 0o644, 0, false},   // empty
		{"/app/.jar", 0o644, 10, false},     // a hidden file, not an archive
		{"/app/app.jars", 0o644, 10, false}, // other extension
		{"/app/app.zip", 0o644, 10, false},
		{"/app/app.rar", 0o644, 10, false},
		{"/app/appjar", 0o644, 10, false},
		{"/app/app.ja", 0o644, 10, false},
		{"jar", 0o644, 10, false},
		{"/usr/lib/os-release", 0o644, 10, false},
	}
	c := New()
	for _, tt := range tests {
		e := catalog.Entry{Path: tt.path, Mode: 0o644, Size: tt.size}
		if got := c.Wants(e); got != tt.want {
			t.Errorf("Wants(%q, size %d) = %v, want %v", tt.path, tt.size, got, tt.want)
		}
	}
	dir := catalog.Entry{Path: "/app/lib.jar", Mode: 0o755 | 1<<31, Size: 10} // fs.ModeDir
	if c.Wants(dir) {
		t.Error("Wants takes a directory")
	}
}

func TestWantsDoesNotAllocate(t *testing.T) {
	c := New()
	entries := []catalog.Entry{
		{Path: "/usr/share/java/commons-lang3.JAR", Mode: 0o644, Size: 100},
		{Path: "/usr/lib/x86_64-linux-gnu/libc.so.6", Mode: 0o755, Size: 100},
	}
	allocs := testing.AllocsPerRun(100, func() {
		for _, e := range entries {
			c.Wants(e)
		}
	})
	if allocs != 0 {
		t.Errorf("Wants allocates %v times per call", allocs)
	}
}

// TestCatalogRealJars reads jars taken from Debian packages (testdata/README.md); the expected values are those of
// each jar's pom.properties or, for the jars without one, its file name, as listed in the README.
func TestCatalogRealJars(t *testing.T) {
	tests := []struct {
		file string
		want []found
	}{
		{"slf4j-nop.jar", []found{{"org.slf4j:slf4j-nop", "1.7.32", "/usr/share/java/slf4j-nop.jar", ""}}},
		{"jul-to-slf4j.jar", []found{{"org.slf4j:jul-to-slf4j", "1.7.32", "/usr/share/java/jul-to-slf4j.jar", ""}}},
		{"jackson-annotations.jar", []found{{"com.fasterxml.jackson.core:jackson-annotations", "2.14.0",
			"/usr/share/java/jackson-annotations.jar", "https://www.apache.org/licenses/LICENSE-2.0.txt"}}},
		// No pom.properties: named from the file name, without a group.
		{"atinject-jsr330-api-1.0.jar", []found{{"atinject-jsr330-api", "1.0",
			"/usr/share/java/atinject-jsr330-api-1.0.jar", ""}}},
		{"jcip-annotations-1.0.jar", []found{{"jcip-annotations", "1.0", "/usr/share/java/jcip-annotations-1.0.jar", ""}}},
		{"hamcrest-integration-1.3.1-SNAPSHOT.jar", []found{{"hamcrest-integration", "1.3.1-SNAPSHOT",
			"/usr/share/java/hamcrest-integration-1.3.1-SNAPSHOT.jar", ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			res, err := runCatalog(t, New(), "/usr/share/java/"+tt.file, fixture(t, tt.file))
			if err != nil {
				t.Fatalf("Catalog: %v", err)
			}
			checkPackages(t, res.Packages, tt.want)
		})
	}
}

// TestCatalogBuiltArchives reads archives laid out as Spring Boot, WAR, EAR and shaded jars are, built from the
// real jars of testdata/.
func TestCatalogBuiltArchives(t *testing.T) {
	nop, jul, jackson := fixture(t, "slf4j-nop.jar"), fixture(t, "jul-to-slf4j.jar"), fixture(t, "jackson-annotations.jar")
	atinject := fixture(t, "atinject-jsr330-api-1.0.jar")
	apache := "https://www.apache.org/licenses/LICENSE-2.0.txt"

	springBoot := buildZip(t,
		deflated("META-INF/MANIFEST.MF", []byte("Manifest-Version: 1.0\r\nMain-Class: org.springframework.boot.loader.JarLauncher\r\n\r\n")),
		pomEntry("com.example", "demo", "0.0.1-SNAPSHOT"),
		deflated("BOOT-INF/classes/application.yml", []byte("server.port: 8080\n")),
		stored("BOOT-INF/lib/slf4j-nop.jar", nop),
		stored("BOOT-INF/lib/jackson-annotations-2.14.0.jar", jackson),
		deflated("BOOT-INF/lib/atinject-jsr330-api-1.0.jar", atinject), // Spring Boot stores; zip tools may not
	)
	war := buildZip(t, pomEntry("com.example", "shop", "3.1"), deflated("WEB-INF/lib/jul-to-slf4j.jar", jul),
		deflated("WEB-INF/web.xml", []byte("<web-app/>")))
	innerWar := buildZip(t, deflated("WEB-INF/lib/slf4j-nop.jar", nop))
	ear := buildZip(t, deflated("META-INF/application.xml", []byte("<application/>")), deflated("b.war", innerWar),
		stored("lib/jul-to-slf4j.jar", jul))
	shaded := buildZip(t,
		deflated("META-INF/MANIFEST.MF", []byte("Manifest-Version: 1.0\nBundle-SymbolicName: org.example.uber\n"+
			"Bundle-Version: 5.0.0\nBundle-License: Apache-2.0;link=\"https://www.apache.org/licenses/LICENSE-2.0\"\n")),
		pomEntry("org.example", "uber", "5.0.0"),
		pomEntry("com.google.guava", "guava", "31.1-jre"),
		pomEntry("com.google.guava", "guava", "31.1-jre"), // the same file twice: one package
	)
	pathOnly := buildZip(t, deflated("META-INF/maven/org.example/from-path/pom.properties", []byte("version = 2.0\n")))
	noIdentity := buildZip(t, deflated("META-INF/MANIFEST.MF", []byte(
		// jrt-fs.jar of Debian's openjdk-17-jre-headless: prose titles, no versioned file name: not a package.
		"Manifest-Version: 1.0\nSpecification-Title: Java Platform API Specification\nSpecification-Version: 17\n"+
			"Implementation-Title: Java Runtime Environment\nImplementation-Version: 17.0.19\n\n")))
	// More than catalog.MaxInMemory, so that the framework spools it and the nested jars are windows on a file.
	spooled := buildZip(t, pomEntry("com.example", "big", "1.0"),
		stored("BOOT-INF/classes/blob.bin", bytes.Repeat([]byte{0x5a}, catalog.MaxInMemory+1)),
		stored("BOOT-INF/lib/slf4j-nop.jar", nop))

	tests := []struct {
		name, path string
		content    []byte
		want       []found
	}{
		{"spring boot", "/app/app.jar", springBoot, []found{
			{"com.example:demo", "0.0.1-SNAPSHOT", "/app/app.jar", ""},
			{"org.slf4j:slf4j-nop", "1.7.32", "/app/app.jar!/BOOT-INF/lib/slf4j-nop.jar", ""},
			{"com.fasterxml.jackson.core:jackson-annotations", "2.14.0",
				"/app/app.jar!/BOOT-INF/lib/jackson-annotations-2.14.0.jar", apache},
			{"atinject-jsr330-api", "1.0", "/app/app.jar!/BOOT-INF/lib/atinject-jsr330-api-1.0.jar", ""},
		}},
		{"war", "/usr/local/tomcat/webapps/shop.war", war, []found{
			{"com.example:shop", "3.1", "/usr/local/tomcat/webapps/shop.war", ""},
			{"org.slf4j:jul-to-slf4j", "1.7.32", "/usr/local/tomcat/webapps/shop.war!/WEB-INF/lib/jul-to-slf4j.jar", ""},
		}},
		{"ear with a war", "/opt/a.ear", ear, []found{
			{"org.slf4j:slf4j-nop", "1.7.32", "/opt/a.ear!/b.war!/WEB-INF/lib/slf4j-nop.jar", ""},
			{"org.slf4j:jul-to-slf4j", "1.7.32", "/opt/a.ear!/lib/jul-to-slf4j.jar", ""},
		}},
		{"shaded", "/app/uber-5.0.0.jar", shaded, []found{
			{"org.example:uber", "5.0.0", "/app/uber-5.0.0.jar", "Apache-2.0"},
			{"com.google.guava:guava", "31.1-jre", "/app/uber-5.0.0.jar", ""},
		}},
		{"coordinates from the path", "/app/x.jar", pathOnly, []found{
			{"org.example:from-path", "2.0", "/app/x.jar", ""},
		}},
		{"manifest names nothing", "/usr/lib/jvm/java-17-openjdk-amd64/lib/jrt-fs.jar", noIdentity, nil},
		{"spooled to a temp file", "/app/big.jar", spooled, []found{
			{"com.example:big", "1.0", "/app/big.jar", ""},
			{"org.slf4j:slf4j-nop", "1.7.32", "/app/big.jar!/BOOT-INF/lib/slf4j-nop.jar", ""},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := runCatalog(t, New(), tt.path, tt.content)
			if err != nil {
				t.Fatalf("Catalog: %v", err)
			}
			checkPackages(t, res.Packages, tt.want)
		})
	}
}
