package image

import (
	"fmt"
	"sort"
	"strings"

	v1 "github.com/google/go-containerregistry/pkg/v1"
)

// ParsePlatform reads "os/arch[/variant]", as docker's --platform does.
func ParsePlatform(s string) (*v1.Platform, error) {
	parts := strings.Split(s, "/")
	if len(parts) < 2 || len(parts) > 3 || parts[0] == "" || parts[1] == "" {
		return nil, fmt.Errorf("platform %q: want os/arch[/variant], e.g. linux/arm64/v8", s)
	}
	p := &v1.Platform{OS: parts[0], Architecture: parts[1]}
	if len(parts) == 3 {
		p.Variant = parts[2]
	}
	return p, nil
}

// FormatPlatform writes a platform as "os/arch[/variant]".
func FormatPlatform(p *v1.Platform) string {
	if p == nil {
		return ""
	}
	s := p.OS + "/" + p.Architecture
	if p.Variant != "" {
		s += "/" + p.Variant
	}
	return s
}

// platformMatches says whether an index entry's platform satisfies the wanted one. A wanted variant must match;
// arm64's only variant v8 is its default, so "linux/arm64" and "linux/arm64/v8" are the same platform.
func platformMatches(have *v1.Platform, want v1.Platform) bool {
	if have == nil || have.OS != want.OS || have.Architecture != want.Architecture {
		return false
	}
	hv, wv := have.Variant, want.Variant
	if want.Architecture == "arm64" {
		hv, wv = strings.TrimPrefix(hv, "v8"), strings.TrimPrefix(wv, "v8")
	}
	return wv == "" || hv == wv
}

// selectPlatform picks the manifest for the wanted platform from an index, or says which platforms there are.
func selectPlatform(idx *v1.IndexManifest, want v1.Platform) (v1.Descriptor, error) {
	var have []string
	for _, d := range idx.Manifests {
		if !d.MediaType.IsImage() {
			continue
		}
		if platformMatches(d.Platform, want) {
			return d, nil
		}
		if d.Platform != nil && d.Platform.OS != "unknown" { // attestation manifests say unknown/unknown
			have = append(have, FormatPlatform(d.Platform))
		}
	}
	sort.Strings(have)
	return v1.Descriptor{}, fmt.Errorf("no image for platform %s in the index; it has: %s (choose one with --platform)",
		FormatPlatform(&want), strings.Join(have, ", "))
}
