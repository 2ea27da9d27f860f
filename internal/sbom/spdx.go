package sbom

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	spdxjson "github.com/spdx/tools-golang/json"
	"github.com/spdx/tools-golang/spdx/v2/common"
	"github.com/spdx/tools-golang/spdx/v2/v2_3"
)

const (
	spdxNoAssertion = "NOASSERTION"
	spdxImageID     = "DocumentRoot-Image" // the image's SPDX id, as syft names it (with the repository added)
)

// EncodeSPDX writes s as an SPDX 2.3 JSON document.
//
//   - name is the image reference; documentNamespace is https://patchbay.dev/spdx/<reference>-<manifest digest>,
//     made URI-safe, unique per image and stable across runs; creator "Tool: patchbay-<version>"; created from
//     WithTime.
//   - The image is the root package (primaryPackagePurpose CONTAINER, its oci purl, the manifest digest as
//     SHA256 checksum); the document DESCRIBES it and it CONTAINS every package (and the operating system, one
//     package of purpose OPERATING-SYSTEM).
//   - Each package: versionInfo, downloadLocation and licenseConcluded NOASSERTION (we neither know where it was
//     downloaded from nor concluded anything), licenseDeclared the SPDX expression of its licenses when they all
//     are SPDX (else NOASSERTION), its purl as a PACKAGE-MANAGER external ref, filesAnalyzed false.
//   - The layer goes in package annotations, one fact each ("patchbay:layer:diff_id=sha256:...",
//     "patchbay:layer:index=0", "patchbay:owned-by=..."), with the same names as the CycloneDX properties, so a
//     program can read them back; sourceInfo says the same for people, with the cataloger and the evidence paths.
func EncodeSPDX(w io.Writer, s *SBOM, opts ...EncodeOption) error {
	doc := spdxDocument(s, newEncodeConfig(opts))
	if err := spdxjson.Write(doc, w, spdxjson.Indent("  "), spdxjson.EscapeHTML(false)); err != nil {
		return fmt.Errorf("encoding SPDX %s: %w", v2_3.Version, err)
	}
	return nil
}

func spdxDocument(s *SBOM, cfg encodeConfig) *v2_3.Document {
	image := newImageIdentity(s.Source)
	tool := spdxToolName(s.Tool)
	annotate := func(comment string) v2_3.Annotation {
		return v2_3.Annotation{
			Annotator:         common.Annotator{AnnotatorType: "Tool", Annotator: tool},
			AnnotationDate:    cfg.timestamp(),
			AnnotationType:    "OTHER",
			AnnotationComment: comment,
		}
	}

	imageID := common.ElementID(spdxImageID + "-" + spdxIDPart(image.repository))
	doc := &v2_3.Document{
		SPDXVersion:       v2_3.Version,
		DataLicense:       v2_3.DataLicense,
		SPDXIdentifier:    "DOCUMENT",
		DocumentName:      image.ref,
		DocumentNamespace: spdxNamespace(s, image),
		CreationInfo: &v2_3.CreationInfo{
			LicenseListVersion: spdxLicenseListVersion(),
			Creators:           []common.Creator{{CreatorType: "Tool", Creator: tool}},
			Created:            cfg.timestamp(),
		},
		Packages: []*v2_3.Package{spdxImagePackage(s, image, imageID)},
		Relationships: []*v2_3.Relationship{
			spdxRelationship("DOCUMENT", common.TypeRelationshipDescribe, imageID),
		},
	}
	if s.Distro != nil {
		osID := common.ElementID(spdxIDPart("OperatingSystem-" + s.Distro.ID + "-" + s.Distro.VersionID))
		doc.Packages = append(doc.Packages, spdxDistroPackage(*s.Distro, osID))
		doc.Relationships = append(doc.Relationships, spdxRelationship(imageID, common.TypeRelationshipContains, osID))
	}
	ids := spdxPackageIDs(s.Packages)
	for i, p := range s.Packages {
		id := common.ElementID(ids[i])
		pkg := spdxPackage(p, packagePURL(p, s.Distro), id)
		pkg.Annotations = spdxLayerAnnotations(p, annotate)
		doc.Packages = append(doc.Packages, pkg)
		doc.Relationships = append(doc.Relationships, spdxRelationship(imageID, common.TypeRelationshipContains, id))
	}
	return doc
}

// spdxNamespace is https://patchbay.dev/spdx/<reference>-<manifest digest>, with every character that is not a
// letter, digit, '.' or '-' made '-'. The namespace must be unique per document: the digest makes it unique per
// image, and without one a hash of the document name (reference and tool) stands in.
func spdxNamespace(s *SBOM, image imageIdentity) string {
	unique := s.Source.ManifestDigest
	if unique == "" {
		unique = shortHash(documentName(s))
	}
	return "https://patchbay.dev/spdx/" + spdxIDPart(image.ref) + "-" + spdxIDPart(unique)
}

func spdxImagePackage(s *SBOM, image imageIdentity, id common.ElementID) *v2_3.Package {
	pkg := &v2_3.Package{
		PackageName:             image.repository,
		PackageSPDXIdentifier:   id,
		PackageVersion:          image.version(),
		PackageDownloadLocation: spdxNoAssertion,
		FilesAnalyzed:           false,
		PackageLicenseConcluded: spdxNoAssertion,
		PackageLicenseDeclared:  spdxNoAssertion,
		PrimaryPackagePurpose:   "CONTAINER",
	}
	if algo, value, ok := strings.Cut(s.Source.ManifestDigest, ":"); ok && algo == "sha256" {
		pkg.PackageChecksums = []common.Checksum{{Algorithm: common.SHA256, Value: value}}
	}
	if image.purl != "" {
		pkg.PackageExternalReferences = []*v2_3.PackageExternalReference{spdxPURLRef(image.purl)}
	}
	return pkg
}

func spdxDistroPackage(d Distro, id common.ElementID) *v2_3.Package {
	return &v2_3.Package{
		PackageName:             d.ID,
		PackageSPDXIdentifier:   id,
		PackageVersion:          d.VersionID,
		PackageDownloadLocation: spdxNoAssertion,
		FilesAnalyzed:           false,
		PackageLicenseConcluded: spdxNoAssertion,
		PackageLicenseDeclared:  spdxNoAssertion,
		PackageDescription:      d.PrettyName,
		PrimaryPackagePurpose:   "OPERATING-SYSTEM",
	}
}

func spdxPackage(p Package, purl string, id common.ElementID) *v2_3.Package {
	declared, ok := spdxLicenseExpression(uniqueLicenses(p.Licenses))
	if !ok {
		declared = spdxNoAssertion
	}
	pkg := &v2_3.Package{
		PackageName:             p.Name,
		PackageSPDXIdentifier:   id,
		PackageVersion:          p.Version,
		PackageDownloadLocation: spdxNoAssertion,
		FilesAnalyzed:           false,
		PackageSourceInfo:       spdxSourceInfo(p),
		PackageLicenseConcluded: spdxNoAssertion,
		PackageLicenseDeclared:  declared,
		PrimaryPackagePurpose:   "LIBRARY",
	}
	if purl != "" {
		pkg.PackageExternalReferences = []*v2_3.PackageExternalReference{spdxPURLRef(purl)}
	}
	return pkg
}

// spdxLayerAnnotations carries what SPDX 2.3 has no field for: the layer, and the OS package owning a language
// package.
func spdxLayerAnnotations(p Package, annotate func(string) v2_3.Annotation) []v2_3.Annotation {
	annotations := []v2_3.Annotation{
		annotate(propLayerDiffID + "=" + p.Layer.DiffID),
		annotate(propLayerIndex + "=" + strconv.Itoa(p.Layer.Index)),
	}
	if p.OwnedBy != "" {
		annotations = append(annotations, annotate(propOwnedBy+"="+p.OwnedBy))
	}
	return annotations
}

// spdxSourceInfo tells a person where the package was found: "found by dpkg at /var/lib/dpkg/status in layer 0
// (sha256:...)".
func spdxSourceInfo(p Package) string {
	var b strings.Builder
	b.WriteString("found")
	if p.FoundBy != "" {
		b.WriteString(" by " + p.FoundBy)
	}
	if len(p.Paths) > 0 {
		b.WriteString(" at " + strings.Join(p.Paths, ", "))
	}
	fmt.Fprintf(&b, " in layer %d", p.Layer.Index)
	if p.Layer.DiffID != "" {
		b.WriteString(" (" + p.Layer.DiffID + ")")
	}
	return b.String()
}

func spdxPURLRef(purl string) *v2_3.PackageExternalReference {
	return &v2_3.PackageExternalReference{
		Category: common.CategoryPackageManager,
		RefType:  common.TypePackageManagerPURL,
		Locator:  purl,
	}
}

func spdxRelationship(from common.ElementID, kind string, to common.ElementID) *v2_3.Relationship {
	return &v2_3.Relationship{
		RefA:         common.MakeDocElementID("", string(from)),
		RefB:         common.MakeDocElementID("", string(to)),
		Relationship: kind,
	}
}

// spdxToolName is "patchbay-<version>", the "Tool: name-version" form SPDX asks creators to take.
func spdxToolName(t Tool) string {
	if t.Version == "" {
		return toolName(t)
	}
	return toolName(t) + "-" + t.Version
}
