package report

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/patchbay/patchbay/internal/match"
)

// The tool as SARIF names it.
const (
	toolName           = "patchbay"
	toolInformationURI = "https://github.com/patchbay/patchbay"
)

// sarifSchemaURI is the SARIF 2.1.0 schema's own $id, which OASIS publishes at a URL that does not move (the
// library's default points at a branch of the spec's repository instead).
const sarifSchemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

// EncodeSARIF writes r as a SARIF 2.1.0 log, the format code-scanning dashboards (GitHub's among them) import.
//
//   - One run, whose tool.driver is "patchbay" at toolVersion (left out when empty).
//   - One rule per vulnerability ID (sarif_rules.go): its summary, a help text with the other IDs and the fix,
//     and the properties GitHub reads: security-severity (the CVSS base score, when there is one) and tags.
//   - One result per finding (sarif_results.go): a level from the severity, a message naming the package, its
//     version, the fix and the origin, a location in the image's files and in its layers, and a fingerprint that
//     stays the same from one scan to the next while the finding does.
//
// A report with no findings is a run with no results, which tells a dashboard that earlier alerts are fixed.
func EncodeSARIF(w io.Writer, r *match.Report, toolVersion string) error {
	if r == nil {
		return errNilReport
	}
	run := sarif.NewRunWithInformationURI(toolName, toolInformationURI)
	if toolVersion != "" {
		run.Tool.Driver.WithVersion(toolVersion)
	}
	for _, v := range groupByID(r.Findings) {
		addSARIFRule(run, v)
	}
	for _, f := range r.Findings {
		run.AddResult(sarifResult(r, f))
	}
	log, err := sarif.New(sarif.Version210, false)
	if err != nil {
		return fmt.Errorf("starting the SARIF log: %w", err)
	}
	log.Schema = sarifSchemaURI
	log.AddRun(run)

	// Encoded here rather than with the library's PrettyWrite, which escapes '&', '<' and '>' in messages.
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(log); err != nil {
		return fmt.Errorf("encoding the SARIF log: %w", err)
	}
	return nil
}
