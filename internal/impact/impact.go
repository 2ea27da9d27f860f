// Package impact answers the question a hosting team asks when a CVE lands: which of our images and running
// workloads are hit, in which environment, who owns them, who has to act, and how each can be fixed. It reads
// only the store: the fleet's images, findings, tags and workloads.
//
// The JSON of Result is a stable contract (patchbay impact -o json):
//
//	{"vulnerability": {"id", "aliases", "records", "summary", "severity": {"rating", "score", "vector"}},
//	 "images": [{"digest", "references": ["host/repo:tag", ...], "kind", "hosting_model", "owner",
//	             "actor": "ops"|"project", "base": {"digest", "references", "layers", "behind"} | null,
//	             "packages": [{"type", "name", "version", "path", "layer", "origin", "records", "fixed_versions"}],
//	             "fix": {"action": "rebase"|"rebuild"|"triage", "target", "detail"},
//	             "workloads": [{"cluster", "namespace", "kind", "name", "container", "environment", "owner"}]}]}
//
// Images come in order of exposure: those running in prod first, then staging, qa, ci, dev, other environments,
// and images no workload runs; workloads likewise, prod first.
package impact

// Result is the impact of one vulnerability on the fleet.
type Result struct {
	Vulnerability Vulnerability `json:"vulnerability"`
	Images        []Image       `json:"images"`
}

// Vulnerability names the problem: the ID asked about, every other ID it goes by, and the records behind it.
type Vulnerability struct {
	ID       string   `json:"id"`
	Aliases  []string `json:"aliases"`
	Records  []string `json:"records"`
	Summary  string   `json:"summary"`
	Severity Severity `json:"severity"`
}

// Severity is the worst rating among the records, with its score and vector when it has them.
type Severity struct {
	Rating string  `json:"rating"`
	Score  float64 `json:"score"`
	Vector string  `json:"vector,omitempty"`
}

// Image is one affected image.
type Image struct {
	Digest       string     `json:"digest"`
	References   []string   `json:"references"`
	Kind         string     `json:"kind"`
	HostingModel int        `json:"hosting_model"`
	Owner        string     `json:"owner"`
	Actor        string     `json:"actor"`
	Base         *Base      `json:"base"`
	Packages     []Package  `json:"packages"`
	Fix          Fix        `json:"fix"`
	Workloads    []Workload `json:"workloads"`
}

// Base is the image's base image, as lineage found it.
type Base struct {
	Digest     string   `json:"digest"`
	References []string `json:"references"`
	Layers     int      `json:"layers"`
	// Behind is how many newer images of the base's repository exist.
	Behind int `json:"behind"`
}

// Package is a vulnerable package of the image.
type Package struct {
	Type          string   `json:"type"`
	Name          string   `json:"name"`
	Version       string   `json:"version"`
	Path          string   `json:"path"`
	Layer         int      `json:"layer"`
	Origin        string   `json:"origin"` // base, application, unknown
	Records       []string `json:"records"`
	FixedVersions []string `json:"fixed_versions"`
}

// Fix is the way out: rebase onto a newer base that no longer has it, rebuild with a fixed package version,
// or triage when no fix exists yet.
type Fix struct {
	Action string `json:"action"`
	Target string `json:"target,omitempty"` // the base to rebase onto, or the package version to rebuild with
	Detail string `json:"detail"`
}

// Workload runs the image.
type Workload struct {
	Cluster     string `json:"cluster"`
	Namespace   string `json:"namespace"`
	Kind        string `json:"kind"`
	Name        string `json:"name"`
	Container   string `json:"container"`
	Environment string `json:"environment"`
	Owner       string `json:"owner"`
}
