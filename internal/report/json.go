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
//	findings[]             one per vulnerability and package, in the report's order (match's: worst first, then
//	                       by package name, path and id):
//	  id                   the vulnerability's name: its CVE, else its GHSA, else its first OSV record's id
//	  aliases[]            every other id it goes by (left out when none)
//	  records[]            the OSV records that matched the package
//	  summary              one line from the records (left out when none)
//	  severity             rating: CRITICAL, HIGH, MEDIUM, LOW, NONE or UNKNOWN (always there);
//	                       type: where it came from, CVSS_V2, CVSS_V3, CVSS_V4, or a label's source, GHSA, Debian,
//	                       Ubuntu (left out when nothing rated it); vector: the CVSS vector, or the label as
//	                       written; base: the CVSS base score, 0..10, there whenever version is, 0.0 included;
//	                       version: the CVSS version, "2.0", "3.0", "3.1" or "4.0" (left out for labels)
//	  package              type (deb, apk, rpm, maven, npm, pypi, golang), name, version, purl (left out when
//	                       the report has none), ecosystem and
//	                       matched_name / matched_version (what was compared with the records: for a deb its
//	                       source package in "Debian:12"), path (the first evidence path, absolute in the image;
//	                       "/outer.jar!/inner/path" inside an archive), layer {index (0 is the bottom layer),
//	                       diff_id}
//	  fixed_versions[]     the versions that fix it, lowest first; [] when there is no fix yet
//	  origin               "base" (a base image layer brought it in: rebuild on a newer base),
//	                       "application" (one of the image's own layers: the project fixes it) or "unknown"
//	                       (the base image is not known)
//	packages_matched       how many packages were matched against the vulnerability data
//	packages_not_matched   how many could not be: OS packages of a distribution Patchbay cannot match, packages
//	                       without a version, language packages installed by an OS package (their fixes come
//	                       from the distribution)
//	warnings[]             problems met on the way that did not stop the scan (left out when none)
//
// The document's types are this package's own (json_document.go), not match's, so that the contract moves only
// when this package says so; the golden file testdata/report.golden.json pins it.
func EncodeJSON(w io.Writer, r *match.Report) error {
	if r == nil {
		return errNilReport
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // purls and summaries hold '&' and '<': keep them readable
	if err := enc.Encode(newJSONReport(r)); err != nil {
		return fmt.Errorf("encoding the report as JSON: %w", err)
	}
	return nil
}
