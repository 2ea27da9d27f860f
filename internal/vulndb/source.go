package vulndb

import (
	"archive/zip"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// rawRecord is one record's bytes and where it came from ("dir/GO-2020-0001.json", "all.zip!GHSA-x.json").
type rawRecord struct {
	where string
	data  []byte
	err   error // reading failed: where names what
}

// maxZipEntries bounds the entries of an archive: OSV's largest all.zip (Debian) has some 60,000.
const maxZipEntries = 2_000_000

// readPaths sends every record under the given paths: JSON files, directories of them (recursively, in
// lexical order) and zip archives of them (OSV's all.zip).
func readPaths(ctx context.Context, paths []string, out chan<- rawRecord) error {
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return err
		}
		switch {
		case st.IsDir():
			err = readDir(ctx, p, out)
		case strings.HasSuffix(strings.ToLower(p), ".zip"):
			err = readZipFile(ctx, p, out)
		default:
			err = send(ctx, out, readFile(p))
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func send(ctx context.Context, out chan<- rawRecord, r rawRecord) error {
	select {
	case out <- r:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func readFile(p string) rawRecord {
	f, err := os.Open(p)
	if err != nil {
		return rawRecord{where: p, err: err}
	}
	defer f.Close()
	data, err := readBounded(f)
	return rawRecord{where: p, data: data, err: err}
}

func readBounded(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxRecord+1))
	if err == nil && len(data) > MaxRecord {
		err = fmt.Errorf("over the %d-byte limit of a record", MaxRecord)
	}
	return data, err
}

func readDir(ctx context.Context, root string, out chan<- rawRecord) error {
	var files []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && (strings.HasSuffix(p, ".json") || strings.HasSuffix(strings.ToLower(p), ".zip")) {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return err
	}
	sort.Strings(files)
	for _, p := range files {
		if strings.HasSuffix(strings.ToLower(p), ".zip") {
			if err := readZipFile(ctx, p, out); err != nil {
				return err
			}
			continue
		}
		if err := send(ctx, out, readFile(p)); err != nil {
			return err
		}
	}
	return nil
}

func readZipFile(ctx context.Context, p string, out chan<- rawRecord) error {
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	return readZip(ctx, f, st.Size(), p, out)
}

// readZip sends each JSON entry of an archive. An entry is read within MaxRecord whatever its header claims
// (headers lie in zip bombs); a broken entry is reported and the others still come.
func readZip(ctx context.Context, r io.ReaderAt, size int64, where string, out chan<- rawRecord) error {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return fmt.Errorf("%s: %w", where, err)
	}
	if len(zr.File) > maxZipEntries {
		return fmt.Errorf("%s: %d entries, over the limit of %d", where, len(zr.File), maxZipEntries)
	}
	for _, zf := range zr.File {
		if zf.FileInfo().IsDir() || !strings.HasSuffix(zf.Name, ".json") {
			continue
		}
		rec := rawRecord{where: where + "!" + zf.Name}
		if zf.UncompressedSize64 > MaxRecord {
			rec.err = fmt.Errorf("declares %d bytes, over the %d-byte limit of a record", zf.UncompressedSize64, MaxRecord)
		} else if rc, err := zf.Open(); err != nil {
			rec.err = err
		} else {
			rec.data, rec.err = readBounded(rc)
			rc.Close()
		}
		if err := send(ctx, out, rec); err != nil {
			return err
		}
	}
	return nil
}
