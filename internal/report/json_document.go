package report

import (
	"github.com/patchbay/patchbay/internal/match"
	"github.com/patchbay/patchbay/internal/severity"
)

// The types below are EncodeJSON's document. They are this package's own, rather than match.Report marshalled
// as is, because the JSON is a promise to scripts and the internal types are free to change: a field renamed in
// match must not rename a field in the output. Field by field, they are what EncodeJSON's comment documents.

type jsonReport struct {
	Source    jsonSource    `json:"source"`
	Distro    *jsonDistro   `json:"distro,omitempty"`
	Base      *jsonBase     `json:"base,omitempty"`
	Findings  []jsonFinding `json:"findings"`
	Matched   int           `json:"packages_matched"`
	Unmatched int           `json:"packages_not_matched"`
	Warnings  []string      `json:"warnings,omitempty"`
}

type jsonSource struct {
	Reference      string            `json:"reference"`
	Name           string            `json:"name,omitempty"`
	ManifestDigest string            `json:"manifest_digest,omitempty"`
	ConfigDigest   string            `json:"config_digest,omitempty"`
	Platform       string            `json:"platform,omitempty"`
	Created        string            `json:"created,omitempty"`
	Labels         map[string]string `json:"labels,omitempty"`
	Annotations    map[string]string `json:"annotations,omitempty"`
}

type jsonDistro struct {
	ID              string   `json:"id"`
	VersionID       string   `json:"version_id,omitempty"`
	VersionCodename string   `json:"version_codename,omitempty"`
	PrettyName      string   `json:"pretty_name,omitempty"`
	IDLike          []string `json:"id_like,omitempty"`
}

type jsonBase struct {
	Name   string `json:"name,omitempty"`
	Digest string `json:"digest,omitempty"`
	Layers int    `json:"layers"`
	Source string `json:"source,omitempty"`
}

type jsonFinding struct {
	ID            string       `json:"id"`
	Aliases       []string     `json:"aliases,omitempty"`
	Records       []string     `json:"records"`
	Summary       string       `json:"summary,omitempty"`
	Severity      jsonSeverity `json:"severity"`
	Package       jsonPackage  `json:"package"`
	FixedVersions []string     `json:"fixed_versions"`
	Origin        string       `json:"origin"`
}

// jsonSeverity writes the CVSS base score whenever there is a CVSS version, 0.0 included: a pointer, so that
// "no score" (a label) and "scored 0.0" stay apart.
type jsonSeverity struct {
	Rating  string   `json:"rating"`
	Type    string   `json:"type,omitempty"`
	Vector  string   `json:"vector,omitempty"`
	Base    *float64 `json:"base,omitempty"`
	Version string   `json:"version,omitempty"`
}

type jsonPackage struct {
	Type           string    `json:"type"`
	Name           string    `json:"name"`
	Version        string    `json:"version"`
	PURL           string    `json:"purl,omitempty"`
	Ecosystem      string    `json:"ecosystem"`
	MatchedName    string    `json:"matched_name"`
	MatchedVersion string    `json:"matched_version"`
	Path           string    `json:"path"`
	Layer          jsonLayer `json:"layer"`
}

type jsonLayer struct {
	Index  int    `json:"index"`
	DiffID string `json:"diff_id"`
}

// newJSONReport converts r; every array the contract promises is [] rather than null when empty.
func newJSONReport(r *match.Report) jsonReport {
	out := jsonReport{
		Source: jsonSource{
			Reference: r.Source.Reference, Name: r.Source.Name, ManifestDigest: r.Source.ManifestDigest,
			ConfigDigest: r.Source.ConfigDigest, Platform: r.Source.Platform, Created: r.Source.Created,
			Labels: r.Source.Labels, Annotations: r.Source.Annotations,
		},
		Findings:  make([]jsonFinding, len(r.Findings)),
		Matched:   r.Packages,
		Unmatched: r.Unmatched,
		Warnings:  r.Warnings,
	}
	if d := r.Distro; d != nil {
		out.Distro = &jsonDistro{ID: d.ID, VersionID: d.VersionID, VersionCodename: d.VersionCodename, PrettyName: d.PrettyName, IDLike: d.IDLike}
	}
	if b := r.Base; b != nil {
		out.Base = &jsonBase{Name: b.Name, Digest: b.Digest, Layers: b.Layers, Source: b.Source}
	}
	for i, f := range r.Findings {
		out.Findings[i] = newJSONFinding(f)
	}
	return out
}

func newJSONFinding(f match.Finding) jsonFinding {
	p := f.Package
	return jsonFinding{
		ID:       f.ID,
		Aliases:  f.Aliases,
		Records:  nonNil(f.Records),
		Summary:  f.Summary,
		Severity: newJSONSeverity(f.Severity),
		Package: jsonPackage{
			Type: p.Type, Name: p.Name, Version: p.Version, PURL: p.PURL, Ecosystem: p.Ecosystem,
			MatchedName: p.MatchedName, MatchedVersion: p.MatchedVersion, Path: p.Path,
			Layer: jsonLayer{Index: p.Layer.Index, DiffID: p.Layer.DiffID},
		},
		FixedVersions: nonNil(f.FixedVersions),
		Origin:        string(f.Origin),
	}
}

func newJSONSeverity(s severity.Score) jsonSeverity {
	out := jsonSeverity{Rating: string(ratingOf(s)), Type: s.Type, Vector: s.Vector, Version: s.Version}
	if hasCVSS(s) {
		base := s.Base
		out.Base = &base
	}
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
