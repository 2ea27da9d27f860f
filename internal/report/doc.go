// Package report writes the outcome of `patchbay scan IMAGE` for its readers: a table for a person
// (RenderTable), Patchbay's own JSON for scripts (EncodeJSON), SARIF 2.1.0 for code-scanning dashboards such as
// GitHub's (EncodeSARIF), and the image's CycloneDX 1.6 SBOM with its vulnerabilities for SBOM tooling
// (EncodeCycloneDX).
//
// Every output is derived from the match.Report (and, for CycloneDX, the SBOM it was matched from) and nothing
// else: no clock, no randomness, no map order, so the same scan always writes the same bytes.
package report
