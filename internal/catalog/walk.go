package catalog

import (
	"archive/tar"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"

	"github.com/patchbay/patchbay/internal/sbom"
)

// Limits bound what one pass over a layer may cost.
type Limits struct {
	MaxEntries int   // tar entries per layer
	MaxFile    int64 // size of a single file a cataloger reads
	TempDir    string
}

// DefaultLimits fit any real image (Debian's largest layers have some 50,000 entries; no metadata file, jar or
// Go binary comes near 1 GiB) and keep a hostile one from costing more than a stream read.
var DefaultLimits = Limits{MaxEntries: 2_000_000, MaxFile: 1 << 30}

const (
	whiteoutPrefix = ".wh."
	opaqueMarker   = ".wh..wh..opq"
)

// Walk reads one layer's tar stream once: it records every entry for stacking and hygiene, and hands each
// regular file that a cataloger wants to that cataloger while the stream goes by. A problem with one file's content
// becomes a warning; a problem with the stream itself (truncated, corrupt) is an error, naming the last good entry.
func Walk(ctx context.Context, tarStream io.Reader, cats []Cataloger, lim Limits) (*LayerResult, error) {
	res := &LayerResult{}
	tr := tar.NewReader(tarStream)
	last := "(start of layer)"
	// packages found at a path of this layer, for hard links to the same file later in the stream
	foundAt := map[string][]sbom.Package{}
	var wanting []Cataloger
	for n := 0; ; n++ {
		if n&255 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		hdr, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("reading tar after %q: %w", last, err)
		}
		if n >= lim.MaxEntries {
			return nil, fmt.Errorf("more than %d entries: refusing the layer", lim.MaxEntries)
		}
		p, escaped := cleanEntryPath(hdr.Name)
		if escaped {
			res.Warnings = append(res.Warnings, fmt.Sprintf("%s: entry name leaves the root; read as %s", hdr.Name, p))
		}
		last = p
		rec, isFile := record(hdr, p)
		res.Files = append(res.Files, rec)
		switch rec.Kind {
		case KindHardlink:
			for _, pkg := range foundAt[rec.Link] {
				pkg.Paths = []string{strings.Replace(pkg.Paths[0], rec.Link, p, 1)}
				res.Packages = append(res.Packages, pkg)
			}
			continue
		}
		if !isFile || p == "/" {
			continue
		}
		e := Entry{Path: p, Mode: fs.FileMode(hdr.Mode).Perm(), Size: hdr.Size}
		wanting = wanting[:0]
		for _, c := range cats {
			if c.Wants(e) {
				wanting = append(wanting, c)
			}
		}
		if len(wanting) == 0 {
			continue
		}
		if hdr.Size > lim.MaxFile {
			res.Warnings = append(res.Warnings, fmt.Sprintf("%s: %d bytes, over the %d-byte limit: not read", p, hdr.Size, lim.MaxFile))
			continue
		}
		found, err := catalogFile(ctx, tr, e, wanting, lim, res)
		if err != nil {
			return nil, err // only stream errors come back here
		}
		if len(found) > 0 {
			foundAt[p] = found
		}
	}
	return res, nil
}

// catalogFile hands one file to the catalogers that want it: the stream itself when one wants it, a copy (in
// memory or spooled, as File.ReaderAt keeps it) when several do. Cataloger errors become warnings; the stream's
// own errors are returned.
func catalogFile(ctx context.Context, tr *tar.Reader, e Entry, wanting []Cataloger, lim Limits, res *LayerResult) ([]sbom.Package, error) {
	stream := &errorRecordingReader{r: tr}
	open := func() io.Reader { return stream }
	if len(wanting) > 1 {
		shared := NewFile(e, stream, lim.TempDir)
		defer shared.Close()
		data, size, err := shared.ReaderAt()
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", e.Path, err)
		}
		open = func() io.Reader { return io.NewSectionReader(data, 0, size) }
	}
	var found []sbom.Package
	for _, c := range wanting {
		f := NewFile(e, open(), lim.TempDir)
		r, err := safeCatalog(ctx, c, f)
		f.Close()
		if stream.err != nil && !errors.Is(stream.err, io.EOF) {
			return nil, fmt.Errorf("reading %s: %w", e.Path, stream.err)
		}
		if err != nil {
			res.Warnings = append(res.Warnings, fmt.Sprintf("%s: %s: %v", e.Path, c.Name(), err))
		}
		for j := range r.Packages {
			if r.Packages[j].FoundBy == "" {
				r.Packages[j].FoundBy = c.Name()
			}
			if len(r.Packages[j].Paths) == 0 {
				r.Packages[j].Paths = []string{e.Path}
			}
		}
		found = append(found, r.Packages...)
		res.addFacts(e.Path, r)
	}
	res.Packages = append(res.Packages, found...)
	return found, nil
}

// addFacts records what a cataloger found in the file at p besides packages.
func (res *LayerResult) addFacts(p string, r Result) {
	if r.Distro != nil {
		if res.Distros == nil {
			res.Distros = map[string]sbom.Distro{}
		}
		res.Distros[p] = *r.Distro
	}
	if len(r.Licenses) > 0 {
		if res.Licenses == nil {
			res.Licenses = map[string][]string{}
		}
		res.Licenses[p] = r.Licenses
	}
	for k, v := range r.Owned {
		if res.Owned == nil {
			res.Owned = map[string]string{}
		}
		res.Owned[k] = v
	}
}

// safeCatalog runs a cataloger and turns a panic on hostile input into an error: one bad file must not take the
// whole scan down.
func safeCatalog(ctx context.Context, c Cataloger, f *File) (r Result, err error) {
	defer func() {
		if p := recover(); p != nil {
			r, err = Result{}, fmt.Errorf("cataloger panicked: %v", p)
		}
	}()
	return c.Catalog(ctx, f)
}

// errorRecordingReader remembers the stream's own error, so that a truncated layer is told apart from a cataloger's
// complaint about a file's content.
type errorRecordingReader struct {
	r   io.Reader
	err error
}

func (c *errorRecordingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if err != nil && c.err == nil {
		c.err = err
	}
	return n, err
}

// record turns a tar header into the FileRecord that stacking needs, and tells whether it is a regular file.
func record(hdr *tar.Header, p string) (FileRecord, bool) {
	rec := FileRecord{Path: p, Size: hdr.Size, Mode: uint32(fs.FileMode(hdr.Mode).Perm())}
	base := path.Base(p)
	if strings.HasPrefix(base, whiteoutPrefix) {
		dir := path.Dir(p)
		rec.Size, rec.Mode = 0, 0
		if base == opaqueMarker {
			rec.Path, rec.Kind = dir, KindOpaque
		} else {
			rec.Path, rec.Kind = path.Join(dir, base[len(whiteoutPrefix):]), KindWhiteout
		}
		return rec, false
	}
	switch hdr.Typeflag {
	case tar.TypeReg, tar.TypeRegA, tar.TypeGNUSparse:
		rec.Kind = KindFile
		return rec, true
	case tar.TypeDir:
		rec.Kind, rec.Size = KindDir, 0
	case tar.TypeSymlink:
		rec.Kind, rec.Size, rec.Link = KindSymlink, 0, hdr.Linkname
	case tar.TypeLink:
		target, _ := cleanEntryPath(hdr.Linkname)
		rec.Kind, rec.Size, rec.Link = KindHardlink, 0, target
	default:
		rec.Kind, rec.Size = KindOther, 0
	}
	return rec, false
}

// cleanEntryPath makes a tar entry name absolute and clean, the way a container runtime resolves it inside the
// root: "./usr/bin/" → "/usr/bin", "../../etc/passwd" → "/etc/passwd". escaped reports a name that tried to leave
// the root (never honoured: nothing is written anywhere, but it is worth a warning).
func cleanEntryPath(name string) (p string, escaped bool) {
	rel := path.Clean("./" + strings.TrimLeft(name, "/"))
	escaped = rel == ".." || strings.HasPrefix(rel, "../")
	return path.Clean("/" + rel), escaped
}
