// Package rpm catalogs the packages that rpm installed, from its database in any of the three formats rpm has
// used: SQLite (rpm 4.16 and later), Berkeley DB (up to 4.15, still in RHEL 8 and CentOS 7 images) and NDB
// (SUSE). Each backend only finds the header blobs; one decoder turns every blob into a package.
package rpm

import (
	"context"
	"errors"
	"fmt"

	"github.com/patchbay/patchbay/internal/catalog"
)

const catalogerName = "rpm-db"

// maxHeaderBlob bounds one package's header. rpm allows 256 MiB; the largest real ones (packages with tens of
// thousands of files) stay under a few MiB.
const maxHeaderBlob = 64 << 20

// Cataloger reads rpm databases.
type Cataloger struct {
	keep func(string) bool
}

// New returns an rpm-db cataloger that reports as owned the installed files that a language cataloger could take
// as evidence (see defaultEvidence).
func New() *Cataloger { return &Cataloger{keep: defaultEvidence} }

// KeepOwned returns a cataloger that reports as owned the installed files that keep selects (for instance the
// predicate of catalog.EvidenceFilter) instead of the default choice; nil reports none.
func (*Cataloger) KeepOwned(keep func(string) bool) *Cataloger { return &Cataloger{keep: keep} }

func (*Cataloger) Name() string { return catalogerName }
func (*Cataloger) Version() int { return 1 }

// Wants picks the database files by their fixed paths: /var/lib/rpm is where rpm kept them until distributions
// moved them to /usr/lib/sysimage/rpm (leaving /var/lib/rpm a symlink, which the framework does not offer).
func (*Cataloger) Wants(e catalog.Entry) bool {
	switch e.Path {
	case "/var/lib/rpm/rpmdb.sqlite", "/usr/lib/sysimage/rpm/rpmdb.sqlite",
		"/var/lib/rpm/Packages", "/usr/lib/sysimage/rpm/Packages",
		"/var/lib/rpm/Packages.db", "/usr/lib/sysimage/rpm/Packages.db":
		return true
	}
	return false
}

// Catalog reads one database. The format is told by the content, not by the name. A damaged package header is
// skipped, as rpm does; the packages read are returned together with an error that counts what was skipped.
func (c *Cataloger) Catalog(ctx context.Context, f *catalog.File) (catalog.Result, error) {
	r, size, err := f.ReaderAt()
	if err != nil {
		return catalog.Result{}, fmt.Errorf("reading the database: %w", err)
	}
	if size == 0 {
		return catalog.Result{}, nil // an empty file, left by an image build that never installed anything
	}
	forEachHeader, err := backendFor(r)
	if err != nil {
		return catalog.Result{}, err
	}
	col := collector{keep: c.keep, dbPath: f.Path, maxPackages: maxPackages, maxOwned: maxOwnedPaths}
	err = forEachHeader(ctx, r, size, col.add)
	return col.result, errors.Join(err, col.damage())
}
