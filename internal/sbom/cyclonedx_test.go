package sbom

import (
	"bytes"
	"fmt"
	"regexp"
	"testing"

	cdx "github.com/CycloneDX/cyclonedx-go"
)

func encodeFixtureCycloneDX(t *testing.T, s *SBOM) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := EncodeCycloneDX(&buf, s, WithTime(fixtureTime)); err != nil {
		t.Fatalf("EncodeCycloneDX: %v", err)
	}
	return buf.Bytes()
}

func TestEncodeCycloneDXGolden(t *testing.T) {
	checkGolden(t, "cyclonedx.golden.json", encodeFixtureCycloneDX(t, fixtureSBOM()))
}

func TestEncodeCycloneDXValidatesAgainstSchema(t *testing.T) {
	validateJSON(t, cyclonedxSchema(t), encodeFixtureCycloneDX(t, fixtureSBOM()))
}

// TestEncodeCycloneDXStructure decodes the document back with the CycloneDX library and checks what Patchbay
// promises of it, independently of the golden file.
func TestEncodeCycloneDXStructure(t *testing.T) {
	s := fixtureSBOM()
	var bom cdx.BOM
	if err := cdx.NewBOMDecoder(bytes.NewReader(encodeFixtureCycloneDX(t, s)), cdx.BOMFileFormatJSON).Decode(&bom); err != nil {
		t.Fatalf("decoding the document back: %v", err)
	}

	if bom.SpecVersion != cdx.SpecVersion1_6 {
		t.Errorf("specVersion = %s, want 1.6", bom.SpecVersion)
	}
	if !regexp.MustCompile(`^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`).MatchString(bom.SerialNumber) {
		t.Errorf("serialNumber %q is not a version 5 UUID URN", bom.SerialNumber)
	}
	if bom.Metadata == nil || bom.Metadata.Timestamp != "2024-05-01T12:00:00Z" {
		t.Fatalf("metadata.timestamp = %+v, want the WithTime time", bom.Metadata)
	}
	image := bom.Metadata.Component
	if image == nil || image.Type != cdx.ComponentTypeContainer || image.Name != "corpus.local/debian-base" || image.Version != "v1" {
		t.Fatalf("metadata.component = %+v, want the container corpus.local/debian-base v1", image)
	}
	wantImagePURL := "pkg:oci/debian-base@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa?arch=amd64&repository_url=corpus.local%2Fdebian-base&tag=v1"
	if image.PackageURL != wantImagePURL {
		t.Errorf("image purl = %q, want %q", image.PackageURL, wantImagePURL)
	}
	if tools := bom.Metadata.Tools; tools == nil || tools.Components == nil || (*tools.Components)[0].Name != "patchbay" || (*tools.Components)[0].Version != "0.1.0" {
		t.Errorf("metadata.tools = %+v, want patchbay 0.1.0", tools)
	}

	if bom.Components == nil {
		t.Fatal("no components")
	}
	var libraries []cdx.Component
	refs := map[string]bool{image.BOMRef: true}
	var sawOS bool
	for _, c := range *bom.Components {
		if refs[c.BOMRef] {
			t.Errorf("bom-ref %q used twice", c.BOMRef)
		}
		refs[c.BOMRef] = true
		switch c.Type {
		case cdx.ComponentTypeOS:
			sawOS = true
			if c.Name != "debian" || c.Version != "12" {
				t.Errorf("operating-system component = %s %s, want debian 12", c.Name, c.Version)
			}
		case cdx.ComponentTypeLibrary:
			libraries = append(libraries, c)
		default:
			t.Errorf("component %q has unexpected type %q", c.Name, c.Type)
		}
	}
	if !sawOS {
		t.Error("no operating-system component")
	}
	if len(libraries) != len(s.Packages) {
		t.Fatalf("%d library components, want one per package (%d)", len(libraries), len(s.Packages))
	}
	for i, c := range libraries {
		p := s.Packages[i]
		if c.PackageURL == "" || c.PackageURL != PURL(p, s.Distro) {
			t.Errorf("component %s: purl = %q, want %q", c.Name, c.PackageURL, PURL(p, s.Distro))
		}
		props := propertyMap(c.Properties)
		if diffID, ok := props[propLayerDiffID]; !ok || diffID != p.Layer.DiffID {
			t.Errorf("component %s: %s = %q (present %v), want %q", c.Name, propLayerDiffID, diffID, ok, p.Layer.DiffID)
		}
		if props[propPackageType] != p.Type || props[propFoundBy] != p.FoundBy || props[propLocationPrefix+"0"] != p.Paths[0] {
			t.Errorf("component %s: properties %v do not name type, cataloger and evidence", c.Name, props)
		}
	}

	// The same jar at two paths: one purl, two components, two bom-refs.
	jarA, jarB := libraries[4], libraries[5]
	if jarA.PackageURL != jarB.PackageURL || jarA.BOMRef == jarB.BOMRef {
		t.Errorf("duplicate jars: purls %q/%q, bom-refs %q/%q; want equal purls and distinct bom-refs",
			jarA.PackageURL, jarB.PackageURL, jarA.BOMRef, jarB.BOMRef)
	}

	if got := propertyMap(libraries[3].Properties)[propOwnedBy]; got != "deb:python3-urllib3" {
		t.Errorf("owned-by = %q, want deb:python3-urllib3", got)
	}
	if got := propertyMap(libraries[0].Properties)[propSourceName]; got != "glibc" {
		t.Errorf("libc6 source-name = %q, want glibc", got)
	}

	// Licenses: SPDX ids as ids (canonical case), others as names, a lone expression as an expression.
	assertLicenses(t, libraries[0], []cdx.LicenseChoice{{License: &cdx.License{ID: "LGPL-2.1"}}, {License: &cdx.License{Name: "GPL-2"}}})
	assertLicenses(t, libraries[2], []cdx.LicenseChoice{{License: &cdx.License{ID: "MIT"}}})
	assertLicenses(t, libraries[6], []cdx.LicenseChoice{{Expression: "MIT OR Apache-2.0"}})
	assertLicenses(t, libraries[7], nil)
}

func TestEncodeCycloneDXIsReproducible(t *testing.T) {
	first := encodeFixtureCycloneDX(t, fixtureSBOM())
	if second := encodeFixtureCycloneDX(t, fixtureSBOM()); !bytes.Equal(first, second) {
		t.Fatal("two encodings of the same SBOM differ")
	}
	other := fixtureSBOM()
	other.Source.ManifestDigest = "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
	if serialOf(t, first) == serialOf(t, encodeFixtureCycloneDX(t, other)) {
		t.Error("another image got the same serialNumber")
	}
}

func TestEncodeCycloneDXMinimalSBOM(t *testing.T) {
	// No distro, no digest, no packages: still a valid document.
	s := &SBOM{Source: Source{Reference: "scratch-image"}}
	doc := encodeFixtureCycloneDX(t, s)
	validateJSON(t, cyclonedxSchema(t), doc)
}

func serialOf(t *testing.T, doc []byte) string {
	t.Helper()
	var bom cdx.BOM
	if err := cdx.NewBOMDecoder(bytes.NewReader(doc), cdx.BOMFileFormatJSON).Decode(&bom); err != nil {
		t.Fatal(err)
	}
	return bom.SerialNumber
}

func propertyMap(props *[]cdx.Property) map[string]string {
	m := map[string]string{}
	if props != nil {
		for _, p := range *props {
			m[p.Name] = p.Value
		}
	}
	return m
}

func assertLicenses(t *testing.T, c cdx.Component, want []cdx.LicenseChoice) {
	t.Helper()
	var got []cdx.LicenseChoice
	if c.Licenses != nil {
		got = *c.Licenses
	}
	if len(got) != len(want) {
		t.Errorf("%s: %d licenses, want %d", c.Name, len(got), len(want))
		return
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Expression != w.Expression || (g.License == nil) != (w.License == nil) ||
			(w.License != nil && (g.License.ID != w.License.ID || g.License.Name != w.License.Name)) {
			t.Errorf("%s: license %d = %+v (%+v), want %+v (%+v)", c.Name, i, g, g.License, w, w.License)
		}
	}
}

func TestCycloneDXLicenses(t *testing.T) {
	id := func(s string) cdx.LicenseChoice { return cdx.LicenseChoice{License: &cdx.License{ID: s}} }
	name := func(s string) cdx.LicenseChoice { return cdx.LicenseChoice{License: &cdx.License{Name: s}} }
	expr := func(s string) cdx.LicenseChoice { return cdx.LicenseChoice{Expression: s} }
	tests := []struct {
		name string
		in   []string
		want []cdx.LicenseChoice
	}{
		{"an id", []string{"mit"}, []cdx.LicenseChoice{id("MIT")}},
		{"ids and names", []string{"MIT", "GPL-2+", "MIT"}, []cdx.LicenseChoice{id("MIT"), name("GPL-2+")}},
		{"a lone expression", []string{"MIT OR Apache-2.0"}, []cdx.LicenseChoice{expr("MIT OR Apache-2.0")}},
		// Unicode-3.0 is SPDX (list 3.23) but not in the schema's enumeration (list 3.17).
		{"a lone id newer than the schema", []string{"Unicode-3.0"}, []cdx.LicenseChoice{expr("Unicode-3.0")}},
		{"a newer id among others", []string{"Unicode-3.0", "MIT"}, []cdx.LicenseChoice{name("Unicode-3.0"), id("MIT")}},
		{"an expression among others stays a name", []string{"MIT OR Apache-2.0", "Zlib"}, []cdx.LicenseChoice{name("MIT OR Apache-2.0"), id("Zlib")}},
		{"a name", []string{"BSD"}, []cdx.LicenseChoice{name("BSD")}},
		{"none", []string{"", " "}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assertLicenses(t, cdx.Component{Name: tt.name, Licenses: cyclonedxLicenses(tt.in)}, tt.want)
		})
	}

	// And the schema agrees with each of these.
	s := &SBOM{Source: Source{Reference: "licenses"}}
	for i, tt := range tests {
		s.Packages = append(s.Packages, Package{Type: TypeNPM, Name: fmt.Sprintf("p%d", i), Version: "1", Licenses: tt.in})
	}
	validateJSON(t, cyclonedxSchema(t), encodeFixtureCycloneDX(t, s))
}
