package sbom

import (
	"fmt"
	"io"
	"strconv"

	cdx "github.com/CycloneDX/cyclonedx-go"
)

// CycloneDX property names. Every package component carries the layer that brought it in; that is the point of
// Patchbay, so propLayerDiffID is always present, even when empty (a package not yet attributed to a layer).
const (
	propLayerDiffID      = "patchbay:layer:diff_id"
	propLayerIndex       = "patchbay:layer:index"
	propPackageType      = "patchbay:package:type"
	propLocationPrefix   = "patchbay:location:" // + N, one per evidence path
	propFoundBy          = "patchbay:found-by"
	propOwnedBy          = "patchbay:owned-by"
	propSourceName       = "patchbay:package:source-name"
	propSourceVersion    = "patchbay:package:source-version"
	propImageReference   = "patchbay:image:reference"
	propImageManifest    = "patchbay:image:manifest_digest"
	propImageConfig      = "patchbay:image:config_digest"
	propImagePlatform    = "patchbay:image:platform"
	propImageCreated     = "patchbay:image:created"
	propImageLayerPrefix = "patchbay:image:layer:" // + index, the layer's diff_id
	propDistroCodename   = "patchbay:distro:codename"
	propWarningPrefix    = "patchbay:warning:" // + N
)

// EncodeCycloneDX writes s as a CycloneDX 1.6 JSON document.
//
//   - metadata.component is the image, type "container", with its oci purl; metadata.tools names Patchbay.
//   - Each package is a component of type "library", in the SBOM's order, with its purl, licenses (an SPDX id
//     the schema knows, else a name; a lone SPDX expression as an expression) and patchbay:* properties
//     naming its layer, type, evidence paths, cataloger, owner and source package.
//   - The distribution is one component of type "operating-system" (name = os-release ID, version = VERSION_ID).
//   - serialNumber is a UUID derived from the manifest digest and the tool version, and the timestamp comes from
//     WithTime, so that the output is reproducible.
//   - No dependencies section: the model records no dependency graph, and a made-up one would mislead.
func EncodeCycloneDX(w io.Writer, s *SBOM, opts ...EncodeOption) error {
	bom := cyclonedxBOM(s, newEncodeConfig(opts))
	enc := cdx.NewBOMEncoder(w, cdx.BOMFileFormatJSON)
	enc.SetPretty(true)
	enc.SetEscapeHTML(false) // purls are full of '&': keep them readable
	if err := enc.EncodeVersion(bom, cdx.SpecVersion1_6); err != nil {
		return fmt.Errorf("encoding CycloneDX %s: %w", cdx.SpecVersion1_6, err)
	}
	return nil
}

// CycloneDXBOM builds the document EncodeCycloneDX writes, for callers that add to it (vulnerabilities), and
// returns the bom-ref of each package, in the SBOM's order.
func CycloneDXBOM(s *SBOM, opts ...EncodeOption) (*cdx.BOM, []string) {
	bom := cyclonedxBOM(s, newEncodeConfig(opts))
	purls := make([]string, len(s.Packages))
	for i, p := range s.Packages {
		purls[i] = packagePURL(p, s.Distro)
	}
	return bom, cyclonedxPackageRefs(s.Packages, purls)
}

func cyclonedxBOM(s *SBOM, cfg encodeConfig) *cdx.BOM {
	image := newImageIdentity(s.Source)
	bom := cdx.NewBOM()
	bom.SerialNumber = "urn:uuid:" + uuidV5(uuidNamespaceURL, documentName(s))
	bom.Metadata = &cdx.Metadata{
		Timestamp: cfg.timestamp(),
		Tools: &cdx.ToolsChoice{Components: &[]cdx.Component{{
			Type:    cdx.ComponentTypeApplication,
			Name:    toolName(s.Tool),
			Version: s.Tool.Version,
		}}},
		Component:  cyclonedxImageComponent(s, image),
		Properties: nonEmpty(cyclonedxWarnings(s.Warnings)),
	}

	var components []cdx.Component
	if s.Distro != nil {
		components = append(components, cyclonedxDistroComponent(*s.Distro))
	}
	purls := make([]string, len(s.Packages))
	for i, p := range s.Packages {
		purls[i] = packagePURL(p, s.Distro)
	}
	refs := cyclonedxPackageRefs(s.Packages, purls)
	for i, p := range s.Packages {
		components = append(components, cyclonedxPackageComponent(p, purls[i], refs[i]))
	}
	if len(components) > 0 {
		bom.Components = &components
	}
	return bom
}

func cyclonedxImageComponent(s *SBOM, image imageIdentity) *cdx.Component {
	ref := image.purl
	if ref == "" {
		ref = "patchbay:image"
	}
	props := []cdx.Property{}
	props = appendProperty(props, propImageReference, s.Source.Reference)
	props = appendProperty(props, propImageManifest, s.Source.ManifestDigest)
	props = appendProperty(props, propImageConfig, s.Source.ConfigDigest)
	props = appendProperty(props, propImagePlatform, s.Source.Platform)
	props = appendProperty(props, propImageCreated, s.Source.Created)
	for _, l := range s.Layers {
		props = appendProperty(props, propImageLayerPrefix+strconv.Itoa(l.Index), l.DiffID)
	}
	return &cdx.Component{
		BOMRef:     ref,
		Type:       cdx.ComponentTypeContainer,
		Name:       image.repository,
		Version:    image.version(),
		PackageURL: image.purl,
		Properties: nonEmpty(props),
	}
}

func cyclonedxDistroComponent(d Distro) cdx.Component {
	var props []cdx.Property
	props = appendProperty(props, propDistroCodename, d.VersionCodename)
	return cdx.Component{
		BOMRef:      "patchbay:os:" + d.ID + "@" + d.VersionID,
		Type:        cdx.ComponentTypeOS,
		Name:        d.ID,
		Version:     d.VersionID,
		Description: d.PrettyName,
		Properties:  nonEmpty(props),
	}
}

func cyclonedxPackageComponent(p Package, purl, ref string) cdx.Component {
	props := []cdx.Property{
		{Name: propLayerDiffID, Value: p.Layer.DiffID},
		{Name: propLayerIndex, Value: strconv.Itoa(p.Layer.Index)},
		{Name: propPackageType, Value: p.Type},
	}
	for i, path := range p.Paths {
		props = append(props, cdx.Property{Name: propLocationPrefix + strconv.Itoa(i), Value: path})
	}
	props = appendProperty(props, propFoundBy, p.FoundBy)
	props = appendProperty(props, propOwnedBy, p.OwnedBy)
	props = appendProperty(props, propSourceName, p.SourceName)
	props = appendProperty(props, propSourceVersion, p.SourceVersion)
	return cdx.Component{
		BOMRef:     ref,
		Type:       cdx.ComponentTypeLibrary,
		Name:       p.Name,
		Version:    p.Version,
		PackageURL: purl,
		Licenses:   cyclonedxLicenses(p.Licenses),
		Properties: &props,
	}
}

// cyclonedxLicenses renders a package's licenses. Each is an SPDX id when it is one the CycloneDX schema knows
// (its enumeration lags the SPDX list: see cyclonedx_license_ids.go), else a name. A package with a single
// license that is SPDX but not such an id (a compound expression, or a newer id) gets it as an expression,
// which the schema does not enumerate; the schema forbids mixing an expression with other entries, hence
// "single".
func cyclonedxLicenses(licenses []string) *cdx.Licenses {
	licenses = uniqueLicenses(licenses)
	if len(licenses) == 0 {
		return nil
	}
	if len(licenses) == 1 {
		if _, known := cyclonedxLicenseID(licenses[0]); !known {
			if expr, ok := spdxLicenseExpression(licenses); ok {
				return &cdx.Licenses{{Expression: expr}}
			}
		}
	}
	out := make(cdx.Licenses, 0, len(licenses))
	for _, l := range licenses {
		if id, ok := cyclonedxLicenseID(l); ok {
			out = append(out, cdx.LicenseChoice{License: &cdx.License{ID: id}})
		} else {
			out = append(out, cdx.LicenseChoice{License: &cdx.License{Name: l}})
		}
	}
	return &out
}

// cyclonedxLicenseID returns the canonical SPDX id of l when the CycloneDX schema accepts it as license.id.
func cyclonedxLicenseID(l string) (string, bool) {
	id, ok := spdxLicenseID(l)
	return id, ok && cyclonedxLicenseIDs[id]
}

func cyclonedxWarnings(warnings []string) []cdx.Property {
	var props []cdx.Property
	for i, w := range warnings {
		props = append(props, cdx.Property{Name: propWarningPrefix + strconv.Itoa(i), Value: w})
	}
	return props
}

// appendProperty appends name=value unless value is empty: optional facts are left out rather than written blank.
func appendProperty(props []cdx.Property, name, value string) []cdx.Property {
	if value == "" {
		return props
	}
	return append(props, cdx.Property{Name: name, Value: value})
}

// nonEmpty returns a pointer to props, or nil when there are none, so that the section is omitted.
func nonEmpty(props []cdx.Property) *[]cdx.Property {
	if len(props) == 0 {
		return nil
	}
	return &props
}
