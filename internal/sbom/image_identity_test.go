package sbom

import "testing"

func TestSplitImageRef(t *testing.T) {
	tests := []struct{ ref, repository, tag string }{
		{"corpus.local/debian-base:v1", "corpus.local/debian-base", "v1"},
		{"debian", "debian", ""},
		{"localhost:5000/team/app", "localhost:5000/team/app", ""}, // a port is not a tag
		{"localhost:5000/team/app:1.2", "localhost:5000/team/app", "1.2"},
		{"alpine@sha256:abcd", "alpine", ""},
		{"alpine:3.20@sha256:abcd", "alpine", "3.20"},
		{"", "", ""},
	}
	for _, tt := range tests {
		repository, tag := splitImageRef(tt.ref)
		if repository != tt.repository || tag != tt.tag {
			t.Errorf("splitImageRef(%q) = %q, %q; want %q, %q", tt.ref, repository, tag, tt.repository, tt.tag)
		}
	}
}

func TestImageIdentity(t *testing.T) {
	tests := []struct {
		name        string
		src         Source
		wantVersion string
		wantPURL    string
	}{
		{
			"tag and digest",
			Source{Name: "registry.example:5000/Team/App:1.2", ManifestDigest: "sha256:abcd", Platform: "linux/arm64/v8"},
			"1.2",
			"pkg:oci/app@sha256:abcd?arch=arm64&repository_url=registry.example:5000%2FTeam%2FApp&tag=1.2",
		},
		{
			"digest only: the version is the digest",
			Source{Reference: "alpine@sha256:abcd", ManifestDigest: "sha256:abcd"},
			"sha256:abcd",
			"pkg:oci/alpine@sha256:abcd?repository_url=alpine",
		},
		{
			"no digest: no purl version",
			Source{Reference: "debian:12"},
			"12",
			"pkg:oci/debian?repository_url=debian&tag=12",
		},
		{"nothing known", Source{}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id := newImageIdentity(tt.src)
			if id.version() != tt.wantVersion || id.purl != tt.wantPURL {
				t.Errorf("version %q, purl %q; want %q, %q", id.version(), id.purl, tt.wantVersion, tt.wantPURL)
			}
		})
	}
}
