package sbom

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	spdxjson "github.com/spdx/tools-golang/json"
	"github.com/spdx/tools-golang/spdx/v2/common"
	"github.com/spdx/tools-golang/spdx/v2/v2_3"
)

func encodeFixtureSPDX(t *testing.T, s *SBOM) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := EncodeSPDX(&buf, s, WithTime(fixtureTime)); err != nil {
		t.Fatalf("EncodeSPDX: %v", err)
	}
	return buf.Bytes()
}

func decodeSPDX(t *testing.T, doc []byte) *v2_3.Document {
	t.Helper()
	var decoded v2_3.Document
	if err := spdxjson.ReadInto(bytes.NewReader(doc), &decoded); err != nil {
		t.Fatalf("decoding the document back: %v", err)
	}
	return &decoded
}

func TestEncodeSPDXGolden(t *testing.T) {
	checkGolden(t, "spdx.golden.json", encodeFixtureSPDX(t, fixtureSBOM()))
}

// TestEncodeSPDXStructure decodes the document back with the SPDX library and checks what Patchbay promises of
// it, independently of the golden file.
func TestEncodeSPDXStructure(t *testing.T) {
	s := fixtureSBOM()
	doc := decodeSPDX(t, encodeFixtureSPDX(t, s))

	if doc.SPDXVersion != "SPDX-2.3" || doc.DataLicense != "CC0-1.0" || doc.SPDXIdentifier != "DOCUMENT" {
		t.Errorf("header = %s %s %s", doc.SPDXVersion, doc.DataLicense, doc.SPDXIdentifier)
	}
	if doc.DocumentName != "corpus.local/debian-base:v1" {
		t.Errorf("name = %q, want the image reference", doc.DocumentName)
	}
	wantNamespace := "https://patchbay.dev/spdx/corpus.local-debian-base-v1-sha256-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	if doc.DocumentNamespace != wantNamespace {
		t.Errorf("documentNamespace = %q, want %q", doc.DocumentNamespace, wantNamespace)
	}
	ci := doc.CreationInfo
	if ci == nil || ci.Created != "2024-05-01T12:00:00Z" || len(ci.Creators) != 1 ||
		ci.Creators[0].CreatorType != "Tool" || ci.Creators[0].Creator != "patchbay-0.1.0" {
		t.Errorf("creationInfo = %+v, want Tool: patchbay-0.1.0 at the WithTime time", ci)
	}

	validID := regexp.MustCompile(`^[A-Za-z0-9.-]+$`)
	byID := map[common.ElementID]*v2_3.Package{}
	for _, p := range doc.Packages {
		if !validID.MatchString(string(p.PackageSPDXIdentifier)) {
			t.Errorf("SPDXID %q holds a character SPDX does not allow", p.PackageSPDXIdentifier)
		}
		if byID[p.PackageSPDXIdentifier] != nil {
			t.Errorf("SPDXID %q used twice", p.PackageSPDXIdentifier)
		}
		byID[p.PackageSPDXIdentifier] = p
	}

	// DOCUMENT DESCRIBES the image, which CONTAINS the operating system and every package.
	var image *v2_3.Package
	contained := map[common.ElementID]bool{}
	for _, r := range doc.Relationships {
		switch r.Relationship {
		case common.TypeRelationshipDescribe:
			if r.RefA.ElementRefID != "DOCUMENT" || image != nil {
				t.Errorf("unexpected DESCRIBES %v -> %v", r.RefA, r.RefB)
			}
			image = byID[r.RefB.ElementRefID]
		case common.TypeRelationshipContains:
			contained[r.RefB.ElementRefID] = true
		default:
			t.Errorf("unexpected relationship %s", r.Relationship)
		}
	}
	if image == nil || image.PrimaryPackagePurpose != "CONTAINER" || image.PackageName != "corpus.local/debian-base" {
		t.Fatalf("described package = %+v, want the container image", image)
	}
	if len(image.PackageChecksums) != 1 || image.PackageChecksums[0].Value != strings.TrimPrefix(s.Source.ManifestDigest, "sha256:") {
		t.Errorf("image checksums = %+v, want the manifest digest", image.PackageChecksums)
	}

	var libraries []*v2_3.Package
	for _, p := range doc.Packages {
		if p == image {
			continue
		}
		if !contained[p.PackageSPDXIdentifier] {
			t.Errorf("package %s is not CONTAINED by the image", p.PackageName)
		}
		if p.FilesAnalyzed || p.PackageDownloadLocation != "NOASSERTION" || p.PackageLicenseConcluded != "NOASSERTION" {
			t.Errorf("package %s: filesAnalyzed %v, downloadLocation %q, licenseConcluded %q", p.PackageName,
				p.FilesAnalyzed, p.PackageDownloadLocation, p.PackageLicenseConcluded)
		}
		if p.PrimaryPackagePurpose == "OPERATING-SYSTEM" {
			if p.PackageName != "debian" || p.PackageVersion != "12" {
				t.Errorf("operating system = %s %s, want debian 12", p.PackageName, p.PackageVersion)
			}
			continue
		}
		libraries = append(libraries, p)
	}
	if len(libraries) != len(s.Packages) {
		t.Fatalf("%d packages besides image and OS, want %d", len(libraries), len(s.Packages))
	}
	for i, got := range libraries {
		want := s.Packages[i]
		if got.PackageName != want.Name || got.PackageVersion != want.Version {
			t.Errorf("package %d = %s %s, want %s %s", i, got.PackageName, got.PackageVersion, want.Name, want.Version)
		}
		if len(got.PackageExternalReferences) != 1 || got.PackageExternalReferences[0].Category != "PACKAGE-MANAGER" ||
			got.PackageExternalReferences[0].RefType != "purl" || got.PackageExternalReferences[0].Locator != PURL(want, s.Distro) {
			t.Errorf("package %s: externalRefs %+v, want its purl", got.PackageName, got.PackageExternalReferences)
		}
		if !hasAnnotation(got, propLayerDiffID+"="+want.Layer.DiffID) {
			t.Errorf("package %s: no annotation naming layer %s: %+v", got.PackageName, want.Layer.DiffID, got.Annotations)
		}
		for _, a := range got.Annotations {
			if a.Annotator.AnnotatorType != "Tool" || a.Annotator.Annotator != "patchbay-0.1.0" || a.AnnotationDate != "2024-05-01T12:00:00Z" {
				t.Errorf("package %s: annotation %+v not by patchbay-0.1.0 at the WithTime time", got.PackageName, a)
			}
		}
		if !strings.Contains(got.PackageSourceInfo, want.Layer.DiffID) || !strings.Contains(got.PackageSourceInfo, want.Paths[0]) {
			t.Errorf("package %s: sourceInfo %q does not name layer and path", got.PackageName, got.PackageSourceInfo)
		}
	}
	if !hasAnnotation(libraries[3], propOwnedBy+"=deb:python3-urllib3") {
		t.Errorf("urllib3: no owned-by annotation: %+v", libraries[3].Annotations)
	}

	// The duplicate jars share the purl but not the SPDXID.
	if libraries[4].PackageSPDXIdentifier == libraries[5].PackageSPDXIdentifier {
		t.Error("the two commons-lang3 jars share an SPDXID")
	}

	// licenseDeclared: an expression when every license is SPDX, else NOASSERTION.
	declared := map[int]string{
		0: "NOASSERTION", // "GPL-2" is Debian's name, not SPDX
		1: "GPL-3.0-or-later WITH GCC-exception-3.1",
		2: "MIT", // "mit", normalised
		6: "MIT OR Apache-2.0",
		7: "NOASSERTION", // no license known
	}
	for i, want := range declared {
		if got := libraries[i].PackageLicenseDeclared; got != want {
			t.Errorf("package %s: licenseDeclared = %q, want %q", libraries[i].PackageName, got, want)
		}
	}
}

func TestEncodeSPDXIsReproducible(t *testing.T) {
	first := encodeFixtureSPDX(t, fixtureSBOM())
	if second := encodeFixtureSPDX(t, fixtureSBOM()); !bytes.Equal(first, second) {
		t.Fatal("two encodings of the same SBOM differ")
	}
}

func TestEncodeSPDXMinimalSBOM(t *testing.T) {
	// No distro, no digest, no packages: still a document the library reads back, with a namespace.
	s := &SBOM{Source: Source{Reference: "scratch-image"}}
	doc := encodeFixtureSPDX(t, s)
	decoded := decodeSPDX(t, doc)
	if !strings.HasPrefix(decoded.DocumentNamespace, "https://patchbay.dev/spdx/scratch-image-") {
		t.Errorf("documentNamespace = %q", decoded.DocumentNamespace)
	}
	if len(decoded.Packages) != 1 || decoded.Packages[0].PackageName != "scratch-image" {
		t.Errorf("packages = %+v, want the image alone", decoded.Packages)
	}
}

func hasAnnotation(p *v2_3.Package, comment string) bool {
	for _, a := range p.Annotations {
		if a.AnnotationComment == comment {
			return true
		}
	}
	return false
}
