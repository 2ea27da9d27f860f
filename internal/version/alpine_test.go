package version

import "testing"

// apkData rows are apk-tools' own expectations from its test/version.data;
// apkRule rows follow from the rules in apk-tools src/version.c (token kinds,
// suffix order, token_cmp), as described in the Alpine wiki's APKBUILD
// reference (pkgver suffixes).
const (
	apkData = "apk-tools test/version.data"
	apkRule = "apk-tools src/version.c"
)

var alpineCases = []cmpCase{
	{"0.1.0_alpha", "0.1.3_alpha", -1, apkData},
	{"0.1.0_alpha2", "0.1.0_alpha", 1, apkData},
	{"0.1.0_alpha_pre2", "0.1.0_alpha", -1, apkData},
	{"1.1", "1.1_alpha1", 1, apkData},
	{"1.3_alpha2", "1.3_alpha3", -1, apkData},
	{"0.8_beta1", "0.8_beta2", -1, apkData},
	{"0.13_beta5", "0.9.12", 1, apkData},
	{"2.3.0b-r1", "2.3.0b-r2", -1, apkData},
	{"2.3.0b-r4", "0.12.1", 1, apkData},
	{"1.2.2-r1", "1.2.2", 1, apkData},
	{"3.1_p16", "3.1_p17", -1, apkData},
	{"0.2.0-r1", "0.2.0-r1", 0, apkData},
	{"1.0.4-r3", "1.0.4-r4", -1, apkData},
	{"1.06-r6", "006", -1, apkData},
	{"1.0_rc1", "1.0", -1, apkRule + ": pre-release suffix sorts before the release"},
	{"1.0_pre1", "1.0_rc1", -1, apkRule + ": alpha < beta < pre < rc"},
	{"1.0_beta9", "1.0_pre1", -1, apkRule + ": alpha < beta < pre < rc"},
	{"1.0_alpha9", "1.0_beta1", -1, apkRule + ": alpha < beta < pre < rc"},
	{"1.0_alpha", "1.0.1", -1, apkRule + ": pre-release loses to any further token"},
	{"1.0", "1.0_p1", -1, apkRule + ": _p is a post-release"},
	{"1.0_p1", "1.0.1", -1, apkRule + ": a further number beats a suffix"},
	{"1.0_git20210101", "1.0_git20210102", -1, apkRule + ": suffix numbers"},
	{"1.2.3_git20210101-r1", "1.2.3-r1", 1, apkRule + ": _git is a post-release"},
	{"1.2.3_git20210101-r1", "1.2.4-r0", -1, apkRule},
	{"1.2.3a", "1.2.3", 1, apkRule + ": letter suffix after the release"},
	{"1.2.3a", "1.2.3b", -1, apkRule + ": letters compare as characters"},
	{"1.2.3a", "1.2.3.1", -1, apkRule + ": a further number beats a letter"},
	{"1.2.3z", "1.2.4", -1, apkRule},
	{"1.5", "1.10", -1, apkRule + ": numbers compare by value"},
	{"1.05", "1.1", -1, apkRule + ": leading zero switches to string compare"},
	{"1.01", "1.010", -1, apkRule + ": leading zero switches to string compare"},
	{"1.0-r1", "1.0.1", -1, apkRule + ": revision is the last token kind"},
	{"1.0-r2", "1.0-r10", -1, apkRule + ": revisions compare by value"},
	{"1-r1", "1-r01", 0, apkRule + ": revisions compare by value"},
	{"1.0~abc123", "1.0", 1, apkRule + ": a commit hash follows the version"},
	{"1.0~abc123-r1", "1.0-r1", 1, apkRule + ": a commit hash follows the version"},
	{"1.0~aaa", "1.0~bbb", -1, apkRule + ": hashes compare as strings"},
	{"1.0~abc", "1.0_p1", -1, apkRule + ": hash kind comes after suffix kinds"},
	{"2.4.58-r0", "2.4.58-r1", -1, "Alpine apache2 security update"},
	{"3.1.4-r5", "3.1.4-r6", -1, "Alpine openssl security update"},
	// apk-tools 2.x accepted digits right after the letter; Alpine's
	// secdb lists such versions (sudo 1.8.28p1-r1, openssh 6.6.2p1).
	{"1.8.28p1-r1", "1.8.28-r1", 1, "apk-tools 2.x version.c: letter then number"},
	{"1.8.28p1-r1", "1.8.29-r1", -1, "apk-tools 2.x version.c: letter then number"},
	{"6.6.2p1", "6.6.2p2", -1, "apk-tools 2.x version.c: letter then number"},
	{"6.6.2p1", "6.6.2_p1", 1, "apk-tools 2.x version.c: letter kind sorts before suffix kind"},
}

func TestAlpineOrder(t *testing.T) {
	for _, eco := range []string{"Alpine", "Wolfi", "Chainguard"} {
		checkCases(t, eco, alpineCases)
	}
	checkSorted(t, "Alpine", []string{
		"1.0_alpha", "1.0_alpha1", "1.0_beta", "1.0_pre1", "1.0_rc1", "1.0", "1.0-r1",
		"1.0_cvs1", "1.0_svn1", "1.0_git1", "1.0_hg1", "1.0_p1", "1.0a", "1.0.1",
	}, apkRule+": suffix order alpha < beta < pre < rc < (none) < cvs < svn < git < hg < p")
}

func TestAlpineInvalid(t *testing.T) {
	// Each breaks the grammar of apk-tools src/version.c
	// (digit{.digit}...{letter}{_suf{#}}...{~hash}{-r#}).
	checkInvalid(t, "Alpine", []string{
		"", "v1.0", "1.0-rc1", "1.0_foo", "1.0A", "1.0.", "1.0-r", "1.0-r1-r2",
		"1.0-r1_p1", "1.0ab", ".1", "1..2", "1.0 ", "1.0~", "1.0~XYZ", "1.0_", "1.0.a",
	})
}
