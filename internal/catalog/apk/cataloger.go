// Package apk catalogs Alpine packages from apk's installed database, lib/apk/db/installed.
package apk

import (
	"bufio"
	"bytes"
	"context"
	"fmt"

	"github.com/patchbay/patchbay/internal/catalog"
	"github.com/patchbay/patchbay/internal/sbom"
)

const (
	dbPath = "/lib/apk/db/installed"
	maxDB  = 64 << 20
)

// Cataloger reads apk's installed database.
type Cataloger struct {
	keep func(string) bool
}

// New returns an apk cataloger; keep selects the installed files worth remembering (see catalog.EvidenceFilter).
func New(keep func(string) bool) *Cataloger { return &Cataloger{keep: keep} }

func (*Cataloger) Name() string               { return "apk-db" }
func (*Cataloger) Version() int               { return 1 }
func (*Cataloger) Wants(e catalog.Entry) bool { return e.Path == dbPath }

// Catalog parses the database: stanzas of one-letter fields ("P:name", "V:version"...) separated by blank lines;
// F: opens a directory, R: names a file in it (see apk's apk-installed(5) / the wiki's "Installed Database").
func (c *Cataloger) Catalog(ctx context.Context, f *catalog.File) (catalog.Result, error) {
	data, err := f.ReadAll(maxDB)
	if err != nil {
		return catalog.Result{}, err
	}
	var res catalog.Result
	var cur *sbom.Package
	dir := ""
	flush := func() error {
		if cur == nil {
			return nil
		}
		if cur.Name == "" || cur.Version == "" {
			return fmt.Errorf("a stanza without P: or V: (package %q)", cur.Name)
		}
		if cur.SourceName == "" {
			cur.SourceName = cur.Name
		}
		cur.SourceVersion = cur.Version
		res.Packages = append(res.Packages, *cur)
		cur, dir = nil, ""
		return nil
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		l := sc.Text()
		if l == "" {
			if err := flush(); err != nil {
				return res, fmt.Errorf("line %d: %w", line, err)
			}
			continue
		}
		if len(l) < 2 || l[1] != ':' {
			return res, fmt.Errorf("line %d: not a field: %.40q", line, l)
		}
		if cur == nil {
			cur = &sbom.Package{Type: sbom.TypeApk}
		}
		v := l[2:]
		switch l[0] {
		case 'P':
			cur.Name = v
		case 'V':
			cur.Version = v
		case 'A':
			cur.Arch = v
		case 'o':
			cur.SourceName = v
		case 'L':
			if v != "" {
				cur.Licenses = []string{v}
			}
		case 'F':
			dir = v
		case 'R':
			p := "/" + v
			if dir != "" {
				p = "/" + dir + "/" + v
			}
			if c.keep != nil && c.keep(p) {
				if res.Owned == nil {
					res.Owned = map[string]string{}
				}
				res.Owned[p] = "apk:" + cur.Name
			}
		}
	}
	if err := sc.Err(); err != nil {
		return res, fmt.Errorf("line %d: %w", line, err)
	}
	if err := flush(); err != nil {
		return res, err
	}
	for i := range res.Packages {
		res.Packages[i].Paths = []string{dbPath}
	}
	return res, nil
}
