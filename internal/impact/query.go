package impact

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/patchbay/patchbay/internal/fleet"
	"github.com/patchbay/patchbay/internal/severity"
	"github.com/patchbay/patchbay/internal/store"
	"github.com/patchbay/patchbay/internal/vulndb"
)

// ErrUnknown is returned for an ID no record in the store goes by.
var ErrUnknown = errors.New("no record in the store goes by this ID")

// envRank orders environments by exposure.
func envRank(env string) int {
	switch env {
	case "prod", "production":
		return 0
	case "staging":
		return 1
	case "qa":
		return 2
	case "ci":
		return 3
	case "dev":
		return 4
	case "":
		return 6
	}
	return 5
}

// Query computes the impact of the vulnerability that id names (a record ID or any alias).
func Query(ctx context.Context, db *store.DB, id string) (*Result, error) {
	records, aliases, infos, err := resolve(ctx, db, id)
	if err != nil {
		return nil, err
	}
	res := &Result{Vulnerability: Vulnerability{ID: id, Aliases: aliases, Records: records}, Images: []Image{}}
	worst := -1
	for _, r := range records {
		if i := infos[r]; i != nil {
			if res.Vulnerability.Summary == "" {
				res.Vulnerability.Summary = i.Summary
			}
			if rank := i.Severity.Rating.Rank(); rank > worst || (rank == worst && i.Severity.Base > res.Vulnerability.Severity.Score) {
				worst = rank
				res.Vulnerability.Severity = Severity{Rating: string(i.Severity.Rating), Score: i.Severity.Base, Vector: i.Severity.Vector}
			}
		}
	}
	if res.Vulnerability.Severity.Rating == "" {
		res.Vulnerability.Severity.Rating = string(severity.Rating("UNKNOWN"))
	}
	byImage, err := affectedPackages(ctx, db, records)
	if err != nil {
		return nil, err
	}
	if len(byImage) == 0 {
		return res, nil
	}
	digests := make([]string, 0, len(byImage))
	for d := range byImage {
		digests = append(digests, d)
	}
	imgs, err := imageFacts(ctx, db, digests)
	if err != nil {
		return nil, err
	}
	all := append([]string{}, digests...)
	newerThan := map[string][]string{} // base → the newer images of its repository
	for _, f := range imgs {
		if f.base == "" {
			continue
		}
		if _, done := newerThan[f.base]; !done {
			if newerThan[f.base], err = fleet.Newer(ctx, db, f.base); err != nil {
				return nil, err
			}
			all = append(all, f.base)
			all = append(all, newerThan[f.base]...)
		}
	}
	refs, err := references(ctx, db, all)
	if err != nil {
		return nil, err
	}
	wls, err := workloads(ctx, db, digests)
	if err != nil {
		return nil, err
	}
	open := map[string]bool{}
	for d := range byImage {
		open[d] = true
	}
	for _, d := range digests {
		f := imgs[d]
		img := Image{Digest: d, References: nonNil(refs[d]), Kind: f.kind, HostingModel: f.model, Owner: f.owner,
			Packages: byImage[d], Workloads: nonNilW(wls[d])}
		img.Actor = actor(f, img.Packages)
		if f.base != "" {
			img.Base = &Base{Digest: f.base, References: nonNil(refs[f.base]), Layers: f.baseLayers, Behind: len(newerThan[f.base])}
		}
		img.Fix = fixPath(img, newerThan[f.base], open, refs)
		res.Images = append(res.Images, img)
	}
	sort.SliceStable(res.Images, func(a, b int) bool {
		ra, rb := exposure(res.Images[a]), exposure(res.Images[b])
		if ra != rb {
			return ra < rb
		}
		return firstRef(res.Images[a]) < firstRef(res.Images[b])
	})
	return res, nil
}

// actor says who must act: Ops when a vulnerable package lies in the base image's layers, or the image is
// itself a base or a third party's still image (Ops updates those); the project when it lies in its own layers.
func actor(f imageFact, pkgs []Package) string {
	if f.kind == fleet.KindBase || f.kind == fleet.KindStill {
		return "ops"
	}
	for _, p := range pkgs {
		if p.Origin == "base" {
			return "ops"
		}
	}
	return "project"
}

// fixPath finds the way out for one image.
func fixPath(img Image, newerBases []string, affected map[string]bool, refs map[string][]string) Fix {
	inBase := false
	var fixed []string
	for _, p := range img.Packages {
		if p.Origin == "base" {
			inBase = true
		}
		if len(p.FixedVersions) > 0 {
			fixed = append(fixed, p.Name+" "+p.FixedVersions[0])
		}
	}
	if inBase {
		for _, n := range newerBases {
			if !affected[n] {
				target := n
				if r := refs[n]; len(r) > 0 {
					target = r[0]
				}
				return Fix{Action: "rebase", Target: target, Detail: "a newer base image no longer has it: rebase onto it"}
			}
		}
	}
	if len(fixed) > 0 {
		detail := "rebuild with " + strings.Join(fixed, ", ")
		if inBase {
			detail = "no newer base fixes it yet: rebuild the base with " + strings.Join(fixed, ", ") + ", then rebase"
		}
		return Fix{Action: "rebuild", Target: strings.Join(fixed, ", "), Detail: detail}
	}
	return Fix{Action: "triage", Detail: "no fixed version exists yet: accept, mitigate or defer with a reason"}
}

func exposure(img Image) int {
	best := 7
	for _, w := range img.Workloads {
		if r := envRank(w.Environment); r < best {
			best = r
		}
	}
	return best
}

func firstRef(img Image) string {
	if len(img.References) > 0 {
		return img.References[0]
	}
	return img.Digest
}

// resolve finds the records of the problem id names: the record with that ID and those that list it as an
// alias, then every record that shares an alias with those (a CVE, its GHSA, its GO- and DEBIAN- records). It
// returns the records' details too, read on the way.
func resolve(ctx context.Context, db *store.DB, id string) (records, aliases []string, details map[string]*vulndb.Info, err error) {
	details = map[string]*vulndb.Info{}
	recSet := map[string]bool{}
	aliasSet := map[string]bool{id: true}
	frontier := []string{id}
	for hop := 0; hop < 3 && len(frontier) > 0; hop++ {
		args := make([]any, 0, 2*len(frontier))
		for _, f := range frontier {
			args = append(args, f)
		}
		args = append(args, args...)
		in := placeholders(len(frontier))
		rows, err := db.QueryContext(ctx, db.Rebind(`SELECT id FROM vulns WHERE id IN `+in+` UNION SELECT vuln_id FROM vuln_aliases WHERE alias IN `+in), args...)
		if err != nil {
			return nil, nil, nil, err
		}
		var found []string
		for rows.Next() {
			var r string
			if err := rows.Scan(&r); err != nil {
				rows.Close()
				return nil, nil, nil, err
			}
			if !recSet[r] {
				recSet[r] = true
				found = append(found, r)
			}
		}
		rows.Close()
		frontier = nil
		if len(found) == 0 {
			break
		}
		infos, err := vulndb.Infos(ctx, db, found)
		if err != nil {
			return nil, nil, nil, err
		}
		for _, r := range found {
			aliasSet[r] = true
			if i := infos[r]; i != nil {
				details[r] = i
				for _, a := range i.Aliases {
					if !aliasSet[a] {
						aliasSet[a] = true
						frontier = append(frontier, a)
					}
				}
			}
		}
	}
	if len(recSet) == 0 {
		return nil, nil, nil, fmt.Errorf("%s: %w (run 'patchbay db update'?)", id, ErrUnknown)
	}
	for r := range recSet {
		records = append(records, r)
	}
	for a := range aliasSet {
		if a != id {
			aliases = append(aliases, a)
		}
	}
	sort.Strings(records)
	sort.Strings(aliases)
	return records, nonNil(aliases), details, nil
}

func placeholders(n int) string { return "(?" + strings.Repeat(", ?", n-1) + ")" }

// in is a set-membership test on a list of strings: "= ANY(?)" with one array parameter on PostgreSQL (one
// plan, however many values: hundreds of parameters cost more to plan than to run), an IN list on SQLite.
func in(db *store.DB, ss []string) string {
	if db.Dialect == store.Postgres {
		return "= ANY(?)"
	}
	return "IN " + placeholders(len(ss))
}

// inArgs are the parameters that go with in.
func inArgs(db *store.DB, ss []string) []any {
	if db.Dialect == store.Postgres {
		return []any{ss}
	}
	return anyArgs(ss)
}

func anyArgs(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// affectedPackages reads the open findings of the records, by image.
func affectedPackages(ctx context.Context, db *store.DB, records []string) (map[string][]Package, error) {
	rows, err := db.QueryContext(ctx, db.Rebind(`SELECT f.image_digest, f.record_id, f.fixed, f.origin, p.seq, p.type, p.name, p.version,
		p.path, p.layer_index FROM findings f JOIN image_packages p ON p.image_digest = f.image_digest AND p.seq = f.pkg_seq
		WHERE f.resolved_at IS NULL AND f.record_id `+in(db, records)+` ORDER BY f.image_digest, p.seq, f.record_id`), inArgs(db, records)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string][]Package{}
	type pk struct {
		digest string
		seq    int
	}
	index := map[pk]int{}
	for rows.Next() {
		var d, rec, fixed, origin string
		var seq int
		var p Package
		if err := rows.Scan(&d, &rec, &fixed, &origin, &seq, &p.Type, &p.Name, &p.Version, &p.Path, &p.Layer); err != nil {
			return nil, err
		}
		var fv []string
		json.Unmarshal([]byte(fixed), &fv)
		k := pk{d, seq}
		if i, ok := index[k]; ok {
			q := &out[d][i]
			q.Records = append(q.Records, rec)
			q.FixedVersions = mergeSorted(q.FixedVersions, fv)
			continue
		}
		p.Origin, p.Records, p.FixedVersions = origin, []string{rec}, nonNil(fv)
		index[k] = len(out[d])
		out[d] = append(out[d], p)
	}
	return out, rows.Err()
}

func mergeSorted(a, b []string) []string {
	seen := map[string]bool{}
	for _, v := range a {
		seen[v] = true
	}
	for _, v := range b {
		if !seen[v] {
			a = append(a, v)
			seen[v] = true
		}
	}
	return a
}

type imageFact struct {
	kind, owner, base string
	model, baseLayers int
}

func imageFacts(ctx context.Context, db *store.DB, digests []string) (map[string]imageFact, error) {
	out := map[string]imageFact{}
	err := chunked(db, digests, func(part []string) error {
		rows, err := db.QueryContext(ctx, db.Rebind(`SELECT digest, kind, hosting_model, owner, base_digest, base_layers FROM images
			WHERE digest `+in(db, part)), inArgs(db, part)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var d string
			var f imageFact
			if err := rows.Scan(&d, &f.kind, &f.model, &f.owner, &f.base, &f.baseLayers); err != nil {
				return err
			}
			out[d] = f
		}
		return rows.Err()
	})
	return out, err
}

func references(ctx context.Context, db *store.DB, digests []string) (map[string][]string, error) {
	out := map[string][]string{}
	err := chunked(db, digests, func(part []string) error {
		rows, err := db.QueryContext(ctx, db.Rebind(`SELECT digest, repository, tag FROM image_tags WHERE current = 1 AND digest `+
			in(db, part)+` ORDER BY repository, tag`), inArgs(db, part)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var d, repo, tag string
			if err := rows.Scan(&d, &repo, &tag); err != nil {
				return err
			}
			out[d] = append(out[d], repo+":"+tag)
		}
		return rows.Err()
	})
	return out, err
}

func workloads(ctx context.Context, db *store.DB, digests []string) (map[string][]Workload, error) {
	out := map[string][]Workload{}
	err := chunked(db, digests, func(part []string) error {
		rows, err := db.QueryContext(ctx, db.Rebind(`SELECT digest, source, namespace, kind, name, container, environment, owner
			FROM workloads WHERE digest `+in(db, part)), inArgs(db, part)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var d string
			var w Workload
			if err := rows.Scan(&d, &w.Cluster, &w.Namespace, &w.Kind, &w.Name, &w.Container, &w.Environment, &w.Owner); err != nil {
				return err
			}
			out[d] = append(out[d], w)
		}
		return rows.Err()
	})
	for _, ws := range out {
		sort.SliceStable(ws, func(a, b int) bool {
			if ra, rb := envRank(ws[a].Environment), envRank(ws[b].Environment); ra != rb {
				return ra < rb
			}
			return ws[a].Cluster+"/"+ws[a].Namespace+"/"+ws[a].Name < ws[b].Cluster+"/"+ws[b].Namespace+"/"+ws[b].Name
		})
	}
	return out, err
}

// chunked calls f on slices of ss small enough for an IN list; PostgreSQL takes the whole set as one array.
func chunked(db *store.DB, ss []string, f func([]string) error) error {
	if db.Dialect == store.Postgres {
		return f(ss)
	}
	const size = 500
	for start := 0; start < len(ss); start += size {
		if err := f(ss[start:min(start+size, len(ss))]); err != nil {
			return err
		}
	}
	return nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func nonNilW(s []Workload) []Workload {
	if s == nil {
		return []Workload{}
	}
	return s
}
