package report

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/patchbay/patchbay/internal/match"
	"github.com/patchbay/patchbay/internal/severity"
)

// fingerprintName names Patchbay's partial fingerprint; the "/v1" lets a later way of computing it coexist with
// this one instead of silently reopening every alert.
const fingerprintName = "patchbayFinding/v1"

// sarifResult is one finding as a SARIF result.
func sarifResult(r *match.Report, f match.Finding) *sarif.Result {
	result := sarif.NewRuleResult(f.ID).
		WithLevel(sarifLevel(f.Severity)).
		WithMessage(sarif.NewTextMessage(sarifMessage(f))).
		WithPartialFingerPrints(map[string]interface{}{fingerprintName: findingFingerprint(f)})
	result.AddLocation(sarifLocation(r, f))
	return result
}

// sarifLevel maps a severity to SARIF's levels: what must be fixed is an error, what should be a warning, and
// the rest (low, none, not rated) a note.
func sarifLevel(s severity.Score) string {
	switch ratingOf(s) {
	case severity.Critical, severity.High:
		return "error"
	case severity.Medium:
		return "warning"
	}
	return "note"
}

// sarifMessage is the result's sentence: which package, which version, what fixes it and who must act.
func sarifMessage(f match.Finding) string {
	p := f.Package
	fix := "No fix yet."
	if v, ok := fixedVersion(f); ok {
		fix = "Fixed in " + v + "."
	}
	return fmt.Sprintf("%s (%s) in %s package %s %s. %s Brought in by %s (layer %d) at %s.",
		f.ID, ratingOf(f.Severity), p.Type, p.Name, orDash(p.Version), fix, originPhrase(f.Origin), p.Layer.Index, p.Path)
}

// sarifLocation places the finding twice: physically, at the file in the image the package was read from, and
// logically, in the image's layer that brought it in.
func sarifLocation(r *match.Report, f match.Finding) *sarif.Location {
	physical := sarif.NewPhysicalLocation().
		WithArtifactLocation(sarif.NewSimpleArtifactLocation(artifactURI(f.Package.Path))).
		// The evidence is a whole file (a dpkg database, a jar); code scanning anchors every alert at a line,
		// and the file's first is the only one that is true.
		WithRegion(sarif.NewRegion().WithStartLine(1))
	layer := f.Package.Layer
	logical := sarif.NewLogicalLocation().
		WithFullyQualifiedName(strings.TrimSpace(fmt.Sprintf("%s layer %d %s", orDash(imageName(r)), layer.Index, layer.DiffID)))
	if layer.DiffID != "" {
		logical.WithName(layer.DiffID)
	}
	return sarif.NewLocationWithPhysicalLocation(physical).WithLogicalLocations([]*sarif.LogicalLocation{logical})
}

// findingFingerprint identifies the finding across scans and images: the vulnerability, the package and where
// it lives, and nothing about the image (digest, layer) that changes with every rebuild. The same vulnerable jar
// in tomorrow's build is the same alert; upgrading the jar closes it.
func findingFingerprint(f match.Finding) string {
	p := f.Package
	key := strings.Join([]string{f.ID, p.Type, p.Name, p.Version, p.Path}, "\x00")
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:16])
}
