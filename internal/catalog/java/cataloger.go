// Package java finds Maven artifacts in Java archives (.jar, .war, .ear, and Jenkins' .jpi/.hpi), including the
// archives nested in them: Spring Boot's BOOT-INF/lib, a WAR's WEB-INF/lib, an EAR's modules.
//
// An archive is named by the pom.properties that Maven writes into it (META-INF/maven/<group>/<artifact>/), one
// package per pom.properties, so a shaded jar gives several packages with the same evidence. An archive without
// one is named from its manifest and file name when both a name and a version can be told (see guessIdentity);
// such a guessed package has a bare artifact name, without "group:".
//
// Evidence paths go into archives with "!/": "/app/app.jar!/BOOT-INF/lib/x.jar". Archives are untrusted: see
// limits for how zip bombs, deep nesting and lying headers are kept bounded.
package java

import (
	"context"
	"fmt"
	"path"

	"github.com/patchbay/patchbay/internal/catalog"
)

// Cataloger finds Maven artifacts in Java archives. It holds no state between files and may be used by several
// goroutines at once.
type Cataloger struct {
	lim limits
}

// New returns the Java archive cataloger with the default limits.
func New() *Cataloger { return &Cataloger{lim: defaultLimits} }

// Name is the cataloger's stable name, which is also the packages' FoundBy.
func (*Cataloger) Name() string { return "java-archive" }

// Version changes whenever the output for the same archive may change.
func (*Cataloger) Version() int { return 1 }

// Wants takes regular, non-empty files named like a Java archive, in any letter case.
func (*Cataloger) Wants(e catalog.Entry) bool {
	return e.Size > 0 && e.Mode.IsRegular() && isArchiveName(e.Path)
}

// Catalog reads one Java archive and the archives nested in it.
//
// It fails with no packages only when the file itself is not a readable zip. A problem inside it (a corrupt
// nested jar, an unreadable pom.properties, a limit reached) does not stop it: it returns the packages it found
// together with an error that lists every problem, each naming its path inside the archive
// ("BOOT-INF/lib/x.jar: open zip: zip: not a valid zip file"). The framework records both: the packages, and the
// error as a warning.
func (c *Cataloger) Catalog(ctx context.Context, f *catalog.File) (catalog.Result, error) {
	ra, size, err := f.ReaderAt()
	if err != nil {
		return catalog.Result{}, fmt.Errorf("read archive: %w", err)
	}
	w := newWalk(ctx, c.lim, c.Name())
	if err := w.walkArchive(archive{raw: ra, size: size, evidence: path.Clean(f.Path)}); err != nil {
		return catalog.Result{}, err
	}
	return catalog.Result{Packages: w.packages}, w.problems.err()
}
