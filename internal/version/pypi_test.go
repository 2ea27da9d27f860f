package version

import "testing"

// Sources: the text of PEP 440 (section names quoted). Every row was
// checked with packaging.version.Version (packaging 21.3, the copy pip
// vendors) when written.
const pep440 = "PEP 440"

var pypiCases = []cmpCase{
	// "Normalization".
	{"1.1RC1", "1.1rc1", 0, pep440 + " Normalization: case sensitivity"},
	{"00", "0", 0, pep440 + " Normalization: integer normalization"},
	{"1.0", "1.00", 0, pep440 + " Normalization: integer normalization"},
	{"1.1.a1", "1.1a1", 0, pep440 + " Normalization: pre-release separators"},
	{"1.1-a_1", "1.1a1", 0, pep440 + " Normalization: pre-release separators"},
	{"1.1alpha1", "1.1a1", 0, pep440 + " Normalization: pre-release spelling"},
	{"1.1beta2", "1.1b2", 0, pep440 + " Normalization: pre-release spelling"},
	{"1.1c3", "1.1rc3", 0, pep440 + " Normalization: pre-release spelling"},
	{"1.1pre3", "1.1rc3", 0, pep440 + " Normalization: pre-release spelling"},
	{"1.1preview3", "1.1rc3", 0, pep440 + " Normalization: pre-release spelling"},
	{"1.2a", "1.2a0", 0, pep440 + " Normalization: implicit pre-release number"},
	{"1.2-post2", "1.2.post2", 0, pep440 + " Normalization: post release separators"},
	{"1.2post2", "1.2.post2", 0, pep440 + " Normalization: post release separators"},
	{"1.0-r4", "1.0.post4", 0, pep440 + " Normalization: post release spelling"},
	{"1.0-rev4", "1.0.post4", 0, pep440 + " Normalization: post release spelling"},
	{"1.2.post", "1.2.post0", 0, pep440 + " Normalization: implicit post release number"},
	{"1.0-1", "1.0.post1", 0, pep440 + " Normalization: implicit post releases"},
	{"1.2-dev2", "1.2.dev2", 0, pep440 + " Normalization: development release separators"},
	{"1.2.dev", "1.2.dev0", 0, pep440 + " Normalization: implicit development release number"},
	{"1.0+ubuntu-1", "1.0+ubuntu.1", 0, pep440 + " Normalization: local version segments"},
	{"1.0+UBUNTU.1", "1.0+ubuntu.1", 0, pep440 + " Normalization: case sensitivity"},
	{"v1.0", "1.0", 0, pep440 + " Normalization: preceding v character"},
	{"  1.0\n", "1.0", 0, pep440 + " Normalization: leading and trailing whitespace"},
	// "Version epochs".
	{"2013.10", "1!1.0", -1, pep440 + " Version epochs"},
	{"1!1.0", "1!1.1", -1, pep440 + " Version epochs"},
	{"1!1.0", "2.0", 1, pep440 + " Version epochs"},
	{"0!1.0", "1.0", 0, pep440 + " Version epochs: implicit epoch 0"},
	// "Final releases": fewer components are padded with zeros.
	{"1.0", "1.0.0", 0, pep440 + " Final releases"},
	{"1.0.0.1", "1.0.1", -1, pep440 + " Final releases"},
	{"1.10", "1.9", 1, pep440 + " Final releases: components are integers"},
	// "Pre-releases", "Post-releases", "Developmental releases".
	{"1.0.dev1", "1.0a1", -1, pep440 + " Summary of permitted suffixes: dev before pre"},
	{"1.0a1", "1.0b1", -1, pep440 + " Pre-releases: a < b < rc"},
	{"1.0b2", "1.0rc1", -1, pep440 + " Pre-releases: a < b < rc"},
	{"1.0rc1", "1.0", -1, pep440 + " Pre-releases"},
	{"1.0", "1.0.post1", -1, pep440 + " Post-releases"},
	{"1.0.post1.dev1", "1.0.post1", -1, pep440 + " Developmental releases of post-releases"},
	{"1.0a1.post1", "1.0a2", -1, pep440 + " Post-releases of pre-releases"},
	// "Local version identifiers".
	{"1.0", "1.0+ubuntu1", -1, pep440 + " Local version identifiers: local sorts after public"},
	{"1.0+ubuntu1", "1.0.post1", -1, pep440 + " Local version identifiers: public part first"},
	{"1.0+abc.5", "1.0+abc.7", -1, pep440 + " Local version identifiers: numeric parts by value"},
	{"1.0+abc.7", "1.0+5", -1, pep440 + " Local version identifiers: alphanumeric before numeric"},
	{"1.0+abc", "1.0+abc.1", -1, pep440 + " Local version identifiers: longer wins on equal prefix"},
	{"1.0+10", "1.0+9", 1, pep440 + " Local version identifiers: numeric parts by value"},
	{"1.0+abd", "1.0+abc", 1, pep440 + " Local version identifiers: lexicographic"},
	{"2.31.0+ubuntu0.1", "2.31.0", 1, "Ubuntu-patched Python package"},
}

func TestPyPIOrder(t *testing.T) {
	checkCases(t, "PyPI", pypiCases)
	// PEP 440 "Summary of permitted suffixes and relative ordering" lists
	// these in ascending order.
	checkSorted(t, "PyPI", []string{
		"1.dev0", "1.0.dev456", "1.0a1", "1.0a2.dev456", "1.0a12.dev456", "1.0a12",
		"1.0b1.dev456", "1.0b2", "1.0b2.post345.dev456", "1.0b2.post345", "1.0rc1.dev456",
		"1.0rc1", "1.0", "1.0+abc.5", "1.0+abc.7", "1.0+5", "1.0.post456.dev34",
		"1.0.post456", "1.0.15", "1.1.dev1",
	}, pep440+" Summary of permitted suffixes and relative ordering")
}

func TestPyPIInvalid(t *testing.T) {
	// None of these match PEP 440 Appendix B's VERSION_PATTERN.
	checkInvalid(t, "PyPI", []string{
		"", "   ", "1.0.", ".1", "abc", "1.0a1.a2", "1.0+", "1.0+ubuntu_", "1.0+a+b",
		"1.0 beta", "1.0-", "1!", "!1.0", "1.0-foo", "0.1-bulbasaur", "1.0.post1.post2",
		"1.0+ü", "1.0dev1dev2", "vv1.0", "1..0",
	})
}
