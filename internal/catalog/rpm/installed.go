package rpm

import (
	"errors"
	"fmt"
	"path"
	"strconv"
	"strings"

	"github.com/patchbay/patchbay/internal/sbom"
)

// installedPackage is what the cataloger takes from one package's header.
type installedPackage struct {
	pkg sbom.Package
	// evidence lists the files the package installed that a language cataloger might take as evidence.
	evidence []string
}

// gpgPubkeyName is the pseudo-package under which rpm keeps each imported signing key: not software, so left out.
const gpgPubkeyName = "gpg-pubkey"

// readInstalledPackage decodes one header blob. It returns ok=false for headers that are not software packages.
// keep selects which of its files are worth remembering as possible language-package evidence.
func readInstalledPackage(blob []byte, keep func(string) bool) (installedPackage, bool, error) {
	h, err := parseHeader(blob)
	if err != nil {
		return installedPackage{}, false, err
	}
	name, err := h.string(tagName)
	if err != nil {
		return installedPackage{}, false, fmt.Errorf("package name: %w", err)
	}
	if name == "" {
		return installedPackage{}, false, errors.New("package with an empty name")
	}
	if name == gpgPubkeyName {
		return installedPackage{}, false, nil
	}
	version, err := h.string(tagVersion)
	if err != nil {
		return installedPackage{}, false, fmt.Errorf("package %s: version: %w", name, err)
	}
	p := sbom.Package{Type: sbom.TypeRPM, Name: name, Version: version}
	release, err := optionalString(h, tagRelease)
	if err != nil {
		return installedPackage{}, false, fmt.Errorf("package %s: release: %w", name, err)
	}
	if release != "" {
		p.Version += "-" + release
	}
	epochs, err := h.int32s(tagEpoch)
	if err != nil {
		return installedPackage{}, false, fmt.Errorf("package %s: epoch: %w", name, err)
	}
	if len(epochs) > 0 && epochs[0] != 0 {
		p.Epoch = strconv.FormatInt(int64(epochs[0]), 10)
	}
	if p.Arch, err = optionalString(h, tagArch); err != nil {
		return installedPackage{}, false, fmt.Errorf("package %s: arch: %w", name, err)
	}
	license, err := optionalString(h, tagLicense)
	if err != nil {
		return installedPackage{}, false, fmt.Errorf("package %s: license: %w", name, err)
	}
	if license != "" {
		p.Licenses = []string{license}
	}
	sourceRPM, err := optionalString(h, tagSourceRPM)
	if err != nil {
		return installedPackage{}, false, fmt.Errorf("package %s: source rpm: %w", name, err)
	}
	if srcName, srcVersion, ok := parseSourceRPM(sourceRPM); ok && (srcName != p.Name || srcVersion != p.Version) {
		// The model leaves the source empty where it equals the package itself.
		p.SourceName, p.SourceVersion = srcName, srcVersion
	}
	evidence, err := evidenceFiles(h, keep)
	if err != nil {
		return installedPackage{}, false, fmt.Errorf("package %s: file list: %w", name, err)
	}
	return installedPackage{pkg: p, evidence: evidence}, true, nil
}

// optionalString reads a string tag that a package may lack; rpm writes "(none)" for some absent values.
func optionalString(h *header, tag int32) (string, error) {
	s, err := h.string(tag)
	if errors.Is(err, errNotInHeader) || s == "(none)" {
		return "", nil
	}
	return s, err
}

// parseSourceRPM splits a source package's file name, "bash-5.1.8-6.el9.src.rpm", into its name and its
// version-release: "bash", "5.1.8-6.el9". Names may hold dashes; version and release may not.
func parseSourceRPM(file string) (name, version string, ok bool) {
	base, found := strings.CutSuffix(file, ".rpm")
	if !found {
		return "", "", false
	}
	dot := strings.LastIndexByte(base, '.') // the arch: "src", or "nosrc" for packages without sources
	if dot < 0 {
		return "", "", false
	}
	nvr := base[:dot]
	relDash := strings.LastIndexByte(nvr, '-')
	if relDash <= 0 {
		return "", "", false
	}
	verDash := strings.LastIndexByte(nvr[:relDash], '-')
	if verDash <= 0 || verDash+1 == relDash || relDash+1 == len(nvr) {
		return "", "", false
	}
	return nvr[:verDash], nvr[verDash+1:], true
}

// evidenceFiles lists the files of the package that keep selects, leaving out directories.
func evidenceFiles(h *header, keep func(string) bool) ([]string, error) {
	if keep == nil {
		return nil, nil
	}
	paths, err := installedPaths(h)
	if err != nil {
		return nil, err
	}
	modes, err := h.uint16s(tagFileModes)
	if err != nil {
		return nil, err
	}
	var out []string
	for i, p := range paths {
		// The modes tell directories from files; a header whose modes do not line up with its paths keeps them all.
		if len(modes) == len(paths) && modes[i]&modeTypeMask == modeDir {
			continue
		}
		if keep(p) {
			out = append(out, p)
		}
	}
	return out, nil
}

// File type bits of st_mode, as rpm stores them in FILEMODES.
const (
	modeTypeMask = 0o170000
	modeDir      = 0o040000
)

// installedPaths lists the package's file paths: from the compressed list (each basename with the directory its
// index points at) or, in old headers, the full paths.
func installedPaths(h *header) ([]string, error) {
	basenames, err := h.strings(tagBasenames)
	if err != nil {
		return nil, err
	}
	if len(basenames) == 0 {
		paths, err := h.strings(tagOldFilenames)
		for i, p := range paths {
			paths[i] = path.Join("/", p) // owned paths are absolute and clean, whatever the header says
		}
		return paths, err
	}
	dirnames, err := h.strings(tagDirnames)
	if err != nil {
		return nil, err
	}
	dirIndexes, err := h.int32s(tagDirIndexes)
	if err != nil {
		return nil, err
	}
	if len(dirIndexes) != len(basenames) {
		return nil, fmt.Errorf("%d basenames but %d directory indexes", len(basenames), len(dirIndexes))
	}
	paths := make([]string, len(basenames))
	for i, base := range basenames {
		d := dirIndexes[i]
		if d < 0 || int(d) >= len(dirnames) {
			return nil, fmt.Errorf("file %q: directory index %d out of %d", base, d, len(dirnames))
		}
		paths[i] = path.Join("/", dirnames[d], base)
	}
	return paths, nil
}
