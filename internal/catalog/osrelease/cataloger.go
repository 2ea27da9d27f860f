// Package osrelease reads which distribution an image is: os-release(5), and the older alpine-release and
// debian_version files for images that lack it.
package osrelease

import (
	"context"
	"fmt"
	"strings"

	"github.com/patchbay/patchbay/internal/catalog"
	"github.com/patchbay/patchbay/internal/sbom"
)

// Paths in order of authority: the fold step prefers the first that the image has.
var Paths = []string{"/etc/os-release", "/usr/lib/os-release", "/etc/alpine-release", "/etc/debian_version"}

const maxSize = 64 << 10

// Cataloger reads distribution identity files.
type Cataloger struct{}

func New() *Cataloger { return &Cataloger{} }

func (*Cataloger) Name() string { return "os-release" }
func (*Cataloger) Version() int { return 1 }

func (*Cataloger) Wants(e catalog.Entry) bool {
	switch e.Path {
	case "/etc/os-release", "/usr/lib/os-release", "/etc/alpine-release", "/etc/debian_version":
		return true
	}
	return false
}

func (*Cataloger) Catalog(ctx context.Context, f *catalog.File) (catalog.Result, error) {
	data, err := f.ReadAll(maxSize)
	if err != nil {
		return catalog.Result{}, err
	}
	text := strings.TrimSpace(string(data))
	var d sbom.Distro
	switch f.Path {
	case "/etc/alpine-release":
		d = sbom.Distro{ID: "alpine", VersionID: firstLine(text)}
	case "/etc/debian_version":
		// "12.7" on a release, "trixie/sid" on testing: only a number names a release
		v := firstLine(text)
		if v == "" || v[0] < '0' || v[0] > '9' {
			return catalog.Result{}, fmt.Errorf("debian_version %.20q names no release", v)
		}
		if i := strings.IndexByte(v, '.'); i > 0 {
			v = v[:i]
		}
		d = sbom.Distro{ID: "debian", VersionID: v}
	default:
		d = parseOSRelease(text)
	}
	if d.ID == "" {
		return catalog.Result{}, fmt.Errorf("no ID")
	}
	return catalog.Result{Distro: &d}, nil
}

// parseOSRelease reads the shell-style KEY=value lines of os-release(5); values may be quoted.
func parseOSRelease(text string) sbom.Distro {
	var d sbom.Distro
	for _, line := range strings.Split(text, "\n") {
		k, v, ok := strings.Cut(strings.TrimSpace(line), "=")
		if !ok || strings.HasPrefix(k, "#") {
			continue
		}
		v = unquote(strings.TrimSpace(v))
		switch k {
		case "ID":
			d.ID = strings.ToLower(v)
		case "VERSION_ID":
			d.VersionID = v
		case "VERSION_CODENAME":
			d.VersionCodename = v
		case "PRETTY_NAME":
			d.PrettyName = v
		case "ID_LIKE":
			d.IDLike = strings.Fields(v)
		}
	}
	return d
}

func unquote(v string) string {
	if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
		v = v[1 : len(v)-1]
	}
	return strings.NewReplacer(`\"`, `"`, `\$`, `$`, `\\`, `\`, "\\`", "`").Replace(v)
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}
