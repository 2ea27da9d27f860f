package report

import (
	"fmt"
	"io"

	cdx "github.com/CycloneDX/cyclonedx-go"

	"github.com/patchbay/patchbay/internal/match"
	"github.com/patchbay/patchbay/internal/sbom"
)

// EncodeCycloneDX writes the CycloneDX 1.6 document of s (as sbom.EncodeCycloneDX writes it, opts included)
// with r's findings as its vulnerabilities, so that one file carries both what is in the image and what is
// wrong with it. r must have been matched from s: every finding's package must be one of s's packages, or the
// document would point at components it does not have, and EncodeCycloneDX returns an error instead.
//
// Each vulnerability ID is one vulnerability (see cyclonedx_vulnerabilities.go), which affects every package a
// finding of that ID is about.
func EncodeCycloneDX(w io.Writer, s *sbom.SBOM, r *match.Report, opts ...sbom.EncodeOption) error {
	if s == nil {
		return fmt.Errorf("report: no SBOM to write (nil)")
	}
	if r == nil {
		return errNilReport
	}
	bom, refs := sbom.CycloneDXBOM(s, opts...)
	components, err := newComponentRefs(s, refs)
	if err != nil {
		return err
	}
	vulns, err := cyclonedxVulnerabilities(r.Findings, components)
	if err != nil {
		return err
	}
	if len(vulns) > 0 {
		bom.Vulnerabilities = &vulns
	}
	enc := cdx.NewBOMEncoder(w, cdx.BOMFileFormatJSON)
	enc.SetPretty(true)
	enc.SetEscapeHTML(false) // purls are full of '&': keep them readable, as sbom.EncodeCycloneDX does
	if err := enc.EncodeVersion(bom, cdx.SpecVersion1_6); err != nil {
		return fmt.Errorf("encoding CycloneDX %s with vulnerabilities: %w", cdx.SpecVersion1_6, err)
	}
	return nil
}
