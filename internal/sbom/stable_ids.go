package sbom

import (
	"crypto/sha1" //nolint:gosec // UUID version 5 is defined with SHA-1; nothing here relies on its strength.
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
)

// The identifiers in the documents are derived from the SBOM, never drawn at random, so that the same image
// analysed by the same Patchbay yields byte-identical documents (diffable, cacheable, testable with goldens).

// uuidNamespaceURL is RFC 9562's namespace for names that are URLs.
var uuidNamespaceURL = [16]byte{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}

// uuidV5 is the name-based UUID (RFC 9562, version 5) of name in namespace, written in the usual 8-4-4-4-12 form.
func uuidV5(namespace [16]byte, name string) string {
	h := sha1.New() //nolint:gosec // see the import
	h.Write(namespace[:])
	h.Write([]byte(name))
	var u [16]byte
	copy(u[:], h.Sum(nil))
	u[6] = u[6]&0x0f | 0x50 // version 5
	u[8] = u[8]&0x3f | 0x80 // RFC 9562 variant
	return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}

// documentName is the key the document identifiers derive from: the image (its manifest digest, else its
// reference) and the tool that analysed it, since another Patchbay version makes another document of the same
// image.
func documentName(s *SBOM) string {
	image := s.Source.ManifestDigest
	if image == "" {
		image = s.Source.Reference
	}
	return "https://patchbay.dev/sbom/" + toolName(s.Tool) + "/" + s.Tool.Version + "/" + image
}

// shortHash is a 16-hex-digit digest of s: short enough for an identifier, long enough not to collide within
// an image.
func shortHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:8])
}

// cyclonedxPackageRefs returns the bom-ref of each package, in order. A bom-ref is the package's purl, which
// readers recognise; packages that share a purl (the same jar at two paths) all get a "package-id" qualifier
// with a hash of their Key (as syft does), so that which one keeps the bare purl does not depend on their
// order. Packages without a purl are named by type and hash.
func cyclonedxPackageRefs(pkgs []Package, purls []string) []string {
	count := make(map[string]int, len(purls))
	for _, purl := range purls {
		count[purl]++
	}
	refs := make([]string, len(pkgs))
	used := make(map[string]bool, len(pkgs))
	for i, p := range pkgs {
		ref := purls[i]
		switch {
		case ref == "":
			ref = "patchbay:" + p.Type + ":" + shortHash(p.Key())
		case count[ref] > 1:
			sep := "?"
			if strings.Contains(ref, "?") {
				sep = "&"
			}
			ref += sep + "package-id=" + shortHash(p.Key())
		}
		refs[i] = uniqueRef(ref, used)
	}
	return refs
}

// uniqueRef returns ref, or ref with a counter when it is already used: Keys are unique in a folded SBOM, but an
// encoder must not write a broken document when they are not.
func uniqueRef(ref string, used map[string]bool) string {
	candidate := ref
	for n := 2; used[candidate]; n++ {
		candidate = ref + "-" + strconv.Itoa(n)
	}
	used[candidate] = true
	return candidate
}

// spdxPackageIDs returns the SPDX identifier of each package, without the "SPDXRef-" prefix the SPDX library
// adds. An SPDX id may hold only letters, digits, '.' and '-'; type and name make it readable, the hash of the
// Key makes it unique.
func spdxPackageIDs(pkgs []Package) []string {
	ids := make([]string, len(pkgs))
	used := make(map[string]bool, len(pkgs))
	for i, p := range pkgs {
		ids[i] = uniqueRef(spdxIDPart("Package-"+p.Type+"-"+p.Name)+"-"+shortHash(p.Key()), used)
	}
	return ids
}

// spdxIDPart replaces every character an SPDX id may not hold with '-'.
func spdxIDPart(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-' {
			return r
		}
		return '-'
	}, s)
}

// toolName is the SBOM's tool name, "patchbay" when the SBOM does not say.
func toolName(t Tool) string {
	if t.Name == "" {
		return "patchbay"
	}
	return t.Name
}
