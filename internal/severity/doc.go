// Package severity turns what an OSV record says about how bad a vulnerability is into one Score that a report
// can show and that `--fail-on` can compare.
//
// An OSV record can carry several signals at once: CVSS vectors of different versions in `severity[]`
// (types CVSS_V2, CVSS_V3, CVSS_V4), a priority word from Ubuntu (type "Ubuntu"), GitHub's own label in
// `database_specific.severity`, and Debian's urgency in `affected[].ecosystem_specific.urgency`.
// FromVector scores one CVSS vector, FromLabel maps one ecosystem label, FromEntry does either for one
// `severity[]` entry, and Pick chooses the one to show.
//
// CVSS arithmetic is not written here: it comes from github.com/pandatix/go-cvss, which implements the FIRST
// specifications of CVSS v2.0, v3.0, v3.1 and v4.0. This package only adds what OSV data needs around it:
// spotting the version, tolerating the spellings found in the wild (v2 vectors wrapped in parentheses), the
// qualitative scales, and errors that say which vector was wrong and why.
package severity
