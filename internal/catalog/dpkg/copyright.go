package dpkg

import (
	"bufio"
	"fmt"
	"strings"

	"github.com/patchbay/patchbay/internal/catalog"
)

const (
	docDir       = "/usr/share/doc/"
	maxCopyright = 4 << 20
)

// isCopyrightFile says whether p is /usr/share/doc/NAME/copyright, where Debian policy (§12.5) puts each
// package's copyright and licence statement.
func isCopyrightFile(p string) bool {
	rest, ok := strings.CutPrefix(p, docDir)
	if !ok {
		return false
	}
	name, file, ok := strings.Cut(rest, "/")
	return ok && name != "" && file == "copyright"
}

// copyrightLicenses reads the licences a copyright file declares. Machine-readable files (DEP-5,
// copyright-format 1.0) name them in "License:" fields, whose first line is the short name or expression
// ("GPL-2+", "LGPL-2.1+ or GPL-2+"); they come out once each, in order of appearance. A free-form file (older
// packages) declares none that a program can read reliably: it yields nothing.
func copyrightLicenses(f *catalog.File) (catalog.Result, error) {
	sc := bufio.NewScanner(&limited{r: f, n: maxCopyright})
	sc.Buffer(make([]byte, 0, 16<<10), 1<<20)
	seen := map[string]bool{}
	var out []string
	for sc.Scan() {
		v, ok := strings.CutPrefix(sc.Text(), "License:")
		if !ok {
			continue
		}
		v = strings.TrimSpace(v)
		if v != "" && !seen[v] && len(v) < 200 {
			seen[v] = true
			out = append(out, v)
		}
	}
	if err := sc.Err(); err != nil {
		return catalog.Result{Licenses: out}, fmt.Errorf("copyright file: %w", err)
	}
	return catalog.Result{Licenses: out}, nil
}
