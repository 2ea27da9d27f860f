package report

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/patchbay/patchbay/internal/match"
)

// EncodeJSON writes r as indented JSON: Patchbay's own format, for scripts. It is a stable contract: fields are
// added, never renamed, removed or given another meaning, and arrays that can be empty are written [] (never
// null), so that a consumer can iterate without checking.
//
// The document is one object:
//
//	source                 the image: reference (as the user gave it; always there), and when known name,
//	                       manifest_digest, config_digest, platform ("linux/amd64"), created, labels, annotations
//	distro                 the operating system: id ("debian"), version_id ("12"), version_codename,
//	                       pretty_name, id_like; absent when the image has none that Patchbay recognised
//	base                   the base image: name, digest, layers (how many of the image's bottom layers are the
//	                       base's), source ("annotation" or "flag": how it was learnt); absent when unknown
//	findings[]             one per vulnerability and package, worst first (then by package name, path and id):
//	  id                   the vulnerability's name: its CVE, else its GHSA, else its first OSV record's id
//	  aliases[]            every other id it goes by (left out when none)
//	  records[]            the OSV records that matched the package
//	  summary              one line from the records (left out when none)
//	  severity             type (CVSS_V2, CVSS_V3, CVSS_V4, or the label's source: GHSA, Debian, Ubuntu),
//	                       vector (the CVSS vector, or the label as written), base (the CVSS base score, 0..10;
//	                       absent for labels), rating (CRITICAL, HIGH, MEDIUM, LOW, NONE or UNKNOWN),
//	                       version (the CVSS version: "2.0", "3.0", "3.1", "4.0"; absent for labels)
//	  package              type (deb, apk, rpm, maven, npm, pypi, golang), name, version, purl, ecosystem and
//	                       matched_name / matched_version (what was compared with the records: for a deb its
//	                       source package in "Debian:12"), path (the first evidence path, absolute in the image;
//	                       "/outer.jar!/inner/path" inside an archive), layer {index (0 is the bottom layer),
//	                       diff_id}
//	  fixed_versions[]     the versions that fix it, lowest first; [] when there is no fix yet
//	  origin               "base" (a base image layer brought it in: rebuild on a newer base),
//	                       "application" (one of the image's own layers: the project fixes it) or "unknown"
//	                       (the base image is not known)
//	packages_matched       how many packages were matched against the vulnerability data
//	packages_not_matched   how many could not be (no ecosystem Patchbay can match, no version)
//	warnings[]             problems met on the way that did not stop the scan (left out when none)
//
// The field names are those of match.Report and the types it holds; the golden file testdata/report.golden.json
// pins them, so that a change to those types that would break this contract fails a test here.
func EncodeJSON(w io.Writer, r *match.Report) error {
	if r == nil {
		return errNilReport
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // purls and summaries hold '&' and '<': keep them readable
	if err := enc.Encode(withEmptyArrays(r)); err != nil {
		return fmt.Errorf("encoding the report as JSON: %w", err)
	}
	return nil
}

// withEmptyArrays returns a copy of r whose always-present arrays are [] rather than null, as the contract says;
// the caller's report is left as it was.
func withEmptyArrays(r *match.Report) *match.Report {
	out := *r
	out.Findings = make([]match.Finding, len(r.Findings))
	for i, f := range r.Findings {
		if f.Records == nil {
			f.Records = []string{}
		}
		if f.FixedVersions == nil {
			f.FixedVersions = []string{}
		}
		out.Findings[i] = f
	}
	return &out
}
