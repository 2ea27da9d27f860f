package java

import (
	"archive/zip"
	"context"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/patchbay/patchbay/internal/sbom"
)

var (
	errTooDeep         = errors.New("archive nested too deep, not read")
	errTooManyArchives = errors.New("too many nested archives, the rest not read")
)

// walk is the cataloging of one file of an image, through all the archives nested in it.
type walk struct {
	ctx      context.Context
	lim      limits
	foundBy  string
	budget   *budget
	archives int   // nested archives opened so far
	held     int64 // bytes of decompressed nested archives in memory now
	halted   bool  // a limit on the whole file was hit (or the context ended): nothing more is read
	problems problems
	packages []sbom.Package
}

func newWalk(ctx context.Context, lim limits, foundBy string) *walk {
	return &walk{ctx: ctx, lim: lim, foundBy: foundBy, budget: newBudget(lim.maxBytesRead),
		problems: problems{max: lim.maxProblems}}
}

// archive is one zip being walked: the file itself or an archive nested in it.
type archive struct {
	raw      io.ReaderAt // the archive's bytes, not metered: a stored nested archive is a window on them
	size     int64
	evidence string // "/app/app.jar", "/app/app.jar!/BOOT-INF/lib/x.jar"
	inner    string // the same inside the file, which problems name: "", "BOOT-INF/lib/x.jar"
	depth    int    // 0 for the file, 1 for an archive in it...
}

// where names an entry of the archive for a problem: "BOOT-INF/lib/x.jar!/META-INF/MANIFEST.MF".
func (a archive) where(entry string) string {
	name := printable(cleanEntryName(entry))
	if a.inner == "" {
		return name
	}
	return a.inner + "!/" + name
}

// fileName is the archive's own name, which may say its artifact and version: "x.jar".
func (a archive) fileName() string { return path.Base(a.evidence) }

// pomFile is a pom.properties entry with the group and artifact of its path.
type pomFile struct {
	f                       *zip.File
	pathGroup, pathArtifact string
}

// walkArchive catalogs one archive and those nested in it. It fails only when the archive cannot be opened;
// problems with its entries are recorded and the walk goes on.
func (w *walk) walkArchive(a archive) error {
	zr, err := openZip(&meteredReaderAt{r: a.raw, budget: w.budget}, a.size, w.lim)
	if err != nil {
		return err
	}
	// One pass over the directory picks the few entries worth reading; nothing else is decompressed.
	var manifestFile *zip.File
	var poms []pomFile
	var nested []*zip.File
	for _, f := range zr.File {
		switch {
		case strings.HasSuffix(f.Name, "/"): // a directory
		case manifestFile == nil && strings.EqualFold(f.Name, "META-INF/MANIFEST.MF"):
			manifestFile = f
		case isArchiveName(f.Name):
			if f.UncompressedSize64 > 0 {
				nested = append(nested, f)
			}
		default:
			if g, art, ok := pomPropertiesPath(f.Name); ok {
				poms = append(poms, pomFile{f, g, art})
			}
		}
	}
	m := w.readManifest(a, manifestFile)
	if !w.halted {
		w.packages = append(w.packages, w.identify(a, poms, m)...)
	}
	for _, f := range nested {
		if w.halted {
			break
		}
		if err := w.ctx.Err(); err != nil {
			w.halt(err)
			break
		}
		w.walkNested(a, f)
	}
	return nil
}

// readManifest reads the main section of the archive's manifest, if it has one; a problem reading it is
// recorded and leaves the fields it could not read empty.
func (w *walk) readManifest(a archive, f *zip.File) manifest {
	if f == nil {
		return manifest{}
	}
	rc, err := f.Open()
	if err != nil {
		w.problems.add(fmt.Errorf("%s: %w", a.where(f.Name), err))
		return manifest{}
	}
	defer rc.Close()
	m, err := readManifest(io.LimitReader(meteredReader{rc, w.budget}, w.lim.maxManifestRead), w.lim.maxManifestLine)
	if err != nil {
		w.problems.add(fmt.Errorf("%s: %w", a.where(f.Name), err))
		w.haltIfBudgetExhausted()
	}
	return m
}

// identify makes the archive's packages: one per readable pom.properties (a shaded jar has several), or, when
// there is none, one guessed from the manifest and the file name (see guessIdentity). The manifest's
// Bundle-License goes to the package the manifest describes: the only one, or those whose artifactId the
// manifest or the file name names.
func (w *walk) identify(a archive, poms []pomFile, m manifest) []sbom.Package {
	var found []coordinates
	for _, p := range poms {
		if w.halted {
			break
		}
		content, err := readEntry(p.f, w.lim.maxPropertiesSize, w.budget)
		if err == nil {
			var c coordinates
			if c, err = parsePomProperties(content, p.pathGroup, p.pathArtifact); err == nil {
				if !slices.Contains(found, c) {
					found = append(found, c)
				}
				continue
			}
		}
		w.problems.add(fmt.Errorf("%s: %w", a.where(p.f.Name), err))
		w.haltIfBudgetExhausted()
	}
	licenses := parseBundleLicense(m.bundleLicense)
	var pkgs []sbom.Package
	for _, c := range found {
		var lic []string
		if len(found) == 1 || manifestDescribes(m, a.fileName(), c.artifactID) {
			lic = licenses
		}
		pkgs = append(pkgs, w.newPackage(c.groupID+":"+c.artifactID, c.version, lic, a.evidence))
	}
	if len(pkgs) > 0 || w.halted {
		return pkgs
	}
	if name, version, ok := guessIdentity(a.fileName(), m); ok {
		return []sbom.Package{w.newPackage(name, version, licenses, a.evidence)}
	}
	return nil
}

// manifestDescribes tells whether the manifest (or the file name) is about the given artifact, among the several
// that a shaded jar holds.
func manifestDescribes(m manifest, fileName, artifactID string) bool {
	bsn := symbolicName(m.bundleSymbolicName)
	return bsn == artifactID || strings.HasSuffix(bsn, "."+artifactID) || m.implementationTitle == artifactID ||
		strings.TrimSuffix(fileName, path.Ext(fileName)) == artifactID || strings.HasPrefix(fileName, artifactID+"-")
}

func (w *walk) newPackage(name, version string, licenses []string, evidence string) sbom.Package {
	return sbom.Package{
		Type:     sbom.TypeMaven,
		Name:     name,
		Version:  version,
		Licenses: slices.Clone(licenses),
		Paths:    []string{evidence},
		FoundBy:  w.foundBy,
	}
}

// walkNested catalogs an archive nested in a, recording any problem with it under its path.
func (w *walk) walkNested(a archive, f *zip.File) {
	name := cleanEntryName(f.Name)
	child := archive{evidence: a.evidence + "!/" + name, inner: a.where(name), depth: a.depth + 1}
	if child.depth > w.lim.maxDepth {
		w.problems.add(fmt.Errorf("%s: %w (limit %d levels)", child.inner, errTooDeep, w.lim.maxDepth))
		return
	}
	if w.archives == w.lim.maxArchives {
		w.halt(fmt.Errorf("%s: %w (limit %d)", child.inner, errTooManyArchives, w.lim.maxArchives))
		return
	}
	w.archives++
	raw, size, release, err := w.nestedContent(a, f)
	if err == nil {
		child.raw, child.size = raw, size
		err = w.walkArchive(child)
		release()
	}
	if err != nil {
		w.problems.add(fmt.Errorf("%s: %w", child.inner, err))
		w.haltIfBudgetExhausted()
	}
}

// halt stops the walk for a reason that concerns the whole file, and records it.
func (w *walk) halt(err error) {
	if !w.halted {
		w.halted = true
		w.problems.add(err)
	}
}

// haltIfBudgetExhausted stops the walk once the read budget is spent: every further read would fail the same
// way, and the problem has just been recorded.
func (w *walk) haltIfBudgetExhausted() {
	if w.budget.exhausted() {
		w.halted = true
	}
}

// printable quotes an entry name that holds control characters or bytes that are not UTF-8, so that a problem
// stays one readable line.
func printable(name string) string {
	for _, r := range name {
		if r == utf8.RuneError || unicode.IsControl(r) {
			return strconv.Quote(name)
		}
	}
	return name
}

// cleanEntryName makes an entry name fit for an evidence path: relative, without "." or ".." or doubled slashes
// (a hostile "../../x.jar" stays inside its archive: "x.jar").
func cleanEntryName(name string) string {
	return path.Clean("/" + name)[1:]
}
