package dpkg

import (
	"bufio"
	"context"
	"fmt"
	"path"
	"strings"

	"github.com/patchbay/patchbay/internal/catalog"
)

const (
	statusPath = "/var/lib/dpkg/status"
	statusDir  = "/var/lib/dpkg/status.d/"
	infoDir    = "/var/lib/dpkg/info/"
	maxList    = 16 << 20
)

// Cataloger reads dpkg's databases.
type Cataloger struct {
	keep func(string) bool
}

// New returns a dpkg cataloger. keep selects which paths of the packages' file lists are worth remembering (see
// catalog.EvidenceFilter); nil keeps none.
func New(keep func(string) bool) *Cataloger { return &Cataloger{keep: keep} }

func (*Cataloger) Name() string { return "dpkg" }
func (*Cataloger) Version() int { return 2 }

func (c *Cataloger) Wants(e catalog.Entry) bool {
	p := e.Path
	switch {
	case p == statusPath:
		return true
	case strings.HasPrefix(p, statusDir):
		return !strings.HasSuffix(p, ".md5sums")
	case strings.HasPrefix(p, infoDir):
		return c.keep != nil && strings.HasSuffix(p, ".list")
	}
	return isCopyrightFile(p)
}

func (c *Cataloger) Catalog(ctx context.Context, f *catalog.File) (catalog.Result, error) {
	if strings.HasPrefix(f.Path, infoDir) {
		return c.fileList(f)
	}
	if isCopyrightFile(f.Path) {
		return copyrightLicenses(f)
	}
	data, err := f.ReadAll(maxStatus)
	if err != nil {
		return catalog.Result{}, err
	}
	paras, err := parseParagraphs(data)
	if err != nil {
		return catalog.Result{}, err
	}
	pkgs, err := packagesFrom(paras)
	return catalog.Result{Packages: pkgs}, err
}

// fileList reads var/lib/dpkg/info/NAME[:ARCH].list, the paths the package installed, one a line.
func (c *Cataloger) fileList(f *catalog.File) (catalog.Result, error) {
	name := strings.TrimSuffix(path.Base(f.Path), ".list")
	if i := strings.IndexByte(name, ':'); i >= 0 {
		name = name[:i]
	}
	owner := "deb:" + name
	owned := map[string]string{}
	sc := bufio.NewScanner(&limited{r: f, n: maxList})
	sc.Buffer(make([]byte, 0, 4096), 64<<10)
	for sc.Scan() {
		p := sc.Text()
		if strings.HasPrefix(p, "/") && c.keep(p) {
			owned[p] = owner
			// merged /usr: the list may say /lib/x for a file that lives at /usr/lib/x
			if strings.HasPrefix(p, "/lib/") || strings.HasPrefix(p, "/bin/") || strings.HasPrefix(p, "/sbin/") {
				owned["/usr"+p] = owner
			}
		}
	}
	if err := sc.Err(); err != nil {
		return catalog.Result{Owned: owned}, fmt.Errorf("file list: %w", err)
	}
	return catalog.Result{Owned: owned}, nil
}

// limited fails, rather than silently stops, when a file list is larger than any real one.
type limited struct {
	r interface{ Read([]byte) (int, error) }
	n int64
}

func (l *limited) Read(p []byte) (int, error) {
	if l.n <= 0 {
		return 0, fmt.Errorf("%w (%d bytes)", catalog.ErrTooLarge, maxList)
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	n, err := l.r.Read(p)
	l.n -= int64(n)
	return n, err
}
