package java

import "testing"

func TestSplitFileName(t *testing.T) {
	tests := []struct {
		stem, name, version string
		ok                  bool
	}{
		{"commons-lang3-3.12.0", "commons-lang3", "3.12.0", true},
		{"log4j-1.2-api-2.19.0", "log4j-1.2-api", "2.19.0", true},
		{"jaxen-1.1-beta-6", "jaxen", "1.1-beta-6", true},
		{"foo-2.0-rc-2", "foo", "2.0-rc-2", true},
		{"foo-1.0-2", "foo", "1.0-2", true},
		{"guava-31.1-jre", "guava", "31.1-jre", true},
		{"kotlin-stdlib-jdk8-1.8.0", "kotlin-stdlib-jdk8", "1.8.0", true},
		{"jetty-server-9.4.51.v20230217", "jetty-server", "9.4.51.v20230217", true},
		{"hamcrest-integration-1.3.1-SNAPSHOT", "hamcrest-integration", "1.3.1-SNAPSHOT", true},
		{"netty-all-4.1.86.Final", "netty-all", "4.1.86.Final", true},
		{"jrt-fs", "", "", false},
		{"ca-certificates-java", "", "", false},
		{"app", "", "", false},
		{"1.0", "", "", false},
		{"-1.0", "", "", false},
		{"beta-1", "", "", false},
		{"my lib-1.0", "", "", false},
		{"lib-${project.version}", "", "", false},
	}
	for _, tt := range tests {
		n, v, ok := splitFileName(tt.stem)
		if n != tt.name || v != tt.version || ok != tt.ok {
			t.Errorf("splitFileName(%q) = %q, %q, %v; want %q, %q, %v", tt.stem, n, v, ok, tt.name, tt.version, tt.ok)
		}
	}
}

func TestGuessIdentity(t *testing.T) {
	tests := []struct {
		name, file   string
		m            manifest
		wName, wVers string
		ok           bool
	}{
		{"file name ends with the manifest version", "foo-2.0-beta-1.jar",
			manifest{implementationVersion: "2.0-beta-1"}, "foo", "2.0-beta-1", true},
		{"bundle version suffix", "bar-1.0-2.jar", manifest{bundleVersion: "1.0-2"}, "bar", "1.0-2", true},
		{"file name alone", "commons-io-2.11.0.jar", manifest{}, "commons-io", "2.11.0", true},
		{"file name over a different manifest version", "atinject-jsr330-api-1.0.jar",
			manifest{bundleSymbolicName: "javax.inject", bundleVersion: "1.0.0"}, "atinject-jsr330-api", "1.0", true},
		{"implementation pair", "app.jar", manifest{implementationTitle: "demo", implementationVersion: "1.2"},
			"demo", "1.2", true},
		{"bundle pair without directives", "plugin.jar",
			manifest{bundleSymbolicName: "org.example.plugin;singleton:=true", bundleVersion: "3.0.0.v2020"},
			"org.example.plugin", "3.0.0.v2020", true},
		{"prose title skipped for the next pair", "x.jar", manifest{implementationTitle: "Apache Commons IO",
			implementationVersion: "2.11.0", bundleSymbolicName: "org.apache.commons.io", bundleVersion: "2.11.0"},
			"org.apache.commons.io", "2.11.0", true},
		{"specification pair", "x.jar", manifest{specificationTitle: "jsr305", specificationVersion: "3.0"},
			"jsr305", "3.0", true},
		{"jrt-fs.jar: prose titles only", "jrt-fs.jar", manifest{specificationTitle: "Java Platform API Specification",
			specificationVersion: "17", implementationTitle: "Java Runtime Environment", implementationVersion: "17.0.19"},
			"", "", false},
		{"name without version", "x.jar", manifest{implementationTitle: "x"}, "", "", false},
		{"version without name", "x.jar", manifest{implementationVersion: "1.0"}, "", "", false},
		{"unexpanded property", "x.jar", manifest{implementationTitle: "x", implementationVersion: "${project.version}"},
			"", "", false},
		{"version without digits", "x.jar", manifest{implementationTitle: "x", implementationVersion: "unknown"},
			"", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, v, ok := guessIdentity(tt.file, tt.m)
			if n != tt.wName || v != tt.wVers || ok != tt.ok {
				t.Errorf("guessIdentity(%q) = %q, %q, %v; want %q, %q, %v", tt.file, n, v, ok, tt.wName, tt.wVers, tt.ok)
			}
		})
	}
}
