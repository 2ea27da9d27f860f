// Package match matches an image's SBOM against the vulnerability records in the store: each package as its
// ecosystem names it (a deb through its source package, in the image's Debian release), each version in its
// ecosystem's order, one finding per problem and package with every ID the problem goes by.
package match

import (
	"github.com/patchbay/patchbay/internal/sbom"
	"github.com/patchbay/patchbay/internal/severity"
)

// Origin says which part of the image brought a vulnerable package in, and so who must act.
type Origin string

const (
	OriginBase        Origin = "base"        // a base image layer: the base image's owner (Ops, in hosting model 1) rebuilds the base
	OriginApplication Origin = "application" // a layer of the image's own: the project rebuilds
	OriginUnknown     Origin = "unknown"     // the base image is not known
)

// Finding is one vulnerability in one package of an image.
type Finding struct {
	// ID is the problem's name: its CVE when it has one, else a GHSA, else the first record's ID.
	ID string `json:"id"`
	// Aliases are all the other IDs the problem goes by (records that matched and the aliases they list).
	Aliases []string `json:"aliases,omitempty"`
	// Records are the OSV records that matched this package.
	Records  []string       `json:"records"`
	Summary  string         `json:"summary,omitempty"`
	Severity severity.Score `json:"severity"`
	Package  PackageRef     `json:"package"`
	// FixedVersions are the versions that fix it, lowest first; empty when there is no fix yet.
	FixedVersions []string `json:"fixed_versions"`
	Origin        Origin   `json:"origin"`
}

// PackageRef names the package a finding is about, where it is and which layer brought it in.
type PackageRef struct {
	Type    string `json:"type"`
	Name    string `json:"name"`
	Version string `json:"version"`
	PURL    string `json:"purl,omitempty"`
	// Ecosystem, MatchedName and MatchedVersion are what was compared with the records: for a deb, the source
	// package and version in "Debian:12".
	Ecosystem      string        `json:"ecosystem"`
	MatchedName    string        `json:"matched_name"`
	MatchedVersion string        `json:"matched_version"`
	Path           string        `json:"path"`
	Layer          sbom.LayerRef `json:"layer"`
}

// Base is what is known of the image's base image: how many of its bottom layers are the base's.
type Base struct {
	Name   string `json:"name,omitempty"`
	Digest string `json:"digest,omitempty"`
	Layers int    `json:"layers"`
	Source string `json:"source"` // "annotation", "flag": how it was found
}

// Report is the outcome of matching one image.
type Report struct {
	Source   sbom.Source  `json:"source"`
	Distro   *sbom.Distro `json:"distro,omitempty"`
	Base     *Base        `json:"base,omitempty"`
	Findings []Finding    `json:"findings"`
	// Packages is how many packages were matched; Unmatched how many could not be (see targetOf).
	Packages  int      `json:"packages_matched"`
	Unmatched int      `json:"packages_not_matched"`
	Warnings  []string `json:"warnings,omitempty"`
}
