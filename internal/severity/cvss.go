package severity

import (
	"strings"

	gocvss20 "github.com/pandatix/go-cvss/20"
	gocvss30 "github.com/pandatix/go-cvss/30"
	gocvss31 "github.com/pandatix/go-cvss/31"
	gocvss40 "github.com/pandatix/go-cvss/40"
)

// The version prefixes of CVSS v3 and v4 vectors (CVSS v3.1 specification §6, CVSS v4.0 specification §7).
const (
	prefixV30 = "CVSS:3.0/"
	prefixV31 = "CVSS:3.1/"
	prefixV40 = "CVSS:4.0/"
)

// scoreV2 scores a CVSS v2.0 vector. CVSS v2 vectors carry no version prefix; the parentheses some feeds
// (NVD's XML era, and data copied from it) put around them are not part of the vector.
func scoreV2(vector string) (Score, error) {
	inner := vector
	if len(inner) >= 2 && inner[0] == '(' && inner[len(inner)-1] == ')' {
		inner = inner[1 : len(inner)-1]
	}
	if strings.HasPrefix(inner, "CVSS:") {
		return Score{}, malformed(TypeCVSSV2, vector, "a CVSS v2 vector has no \"CVSS:\" prefix; this one names another version", nil)
	}
	c, err := gocvss20.ParseVector(inner)
	if err != nil {
		return Score{}, malformed(TypeCVSSV2, vector, "not a CVSS v2.0 vector", err)
	}
	return scored(TypeCVSSV2, vector, Version20, c.BaseScore())
}

// scoreV3 scores a CVSS v3.0 or v3.1 vector with the implementation of the version its prefix names: the two
// share the base formula, but v3.1 redefined Roundup and the environmental formulas, and each library package
// checks that the vector's own prefix is its version.
func scoreV3(vector string) (Score, error) {
	switch {
	case strings.HasPrefix(vector, prefixV31):
		c, err := gocvss31.ParseVector(vector)
		if err != nil {
			return Score{}, malformed(TypeCVSSV3, vector, "not a CVSS v3.1 vector", err)
		}
		return scored(TypeCVSSV3, vector, Version31, c.BaseScore())
	case strings.HasPrefix(vector, prefixV30):
		c, err := gocvss30.ParseVector(vector)
		if err != nil {
			return Score{}, malformed(TypeCVSSV3, vector, "not a CVSS v3.0 vector", err)
		}
		return scored(TypeCVSSV3, vector, Version30, c.BaseScore())
	}
	return Score{}, malformed(TypeCVSSV3, vector, "want a \"CVSS:3.0/\" or \"CVSS:3.1/\" prefix", nil)
}

// scoreV4 scores the base metrics (CVSS-B) of a CVSS v4.0 vector.
func scoreV4(vector string) (Score, error) {
	if !strings.HasPrefix(vector, prefixV40) {
		return Score{}, malformed(TypeCVSSV4, vector, "want a \"CVSS:4.0/\" prefix", nil)
	}
	c, err := gocvss40.ParseVector(vector)
	if err != nil {
		return Score{}, malformed(TypeCVSSV4, vector, "not a CVSS v4.0 vector", err)
	}
	base, err := baseMetricsOnly(c)
	if err != nil {
		return Score{}, malformed(TypeCVSSV4, vector, "cannot isolate its base metrics", err)
	}
	return scored(TypeCVSSV4, vector, Version40, base.Score())
}

// v4NonBaseMetrics are the CVSS v4.0 threat and environmental metrics, the ones that change the score (the
// supplemental metrics never do). Setting them to X ("Not Defined") leaves the base metrics alone, which is
// how the specification defines CVSS-B.
var v4NonBaseMetrics = []string{
	"E",
	"CR", "IR", "AR",
	"MAV", "MAC", "MAT", "MPR", "MUI", "MVC", "MVI", "MVA", "MSC", "MSI", "MSA",
}

// baseMetricsOnly returns a copy of c with the threat and environmental metrics set to Not Defined.
func baseMetricsOnly(c *gocvss40.CVSS40) (*gocvss40.CVSS40, error) {
	base := *c
	for _, metric := range v4NonBaseMetrics {
		if err := base.Set(metric, "X"); err != nil {
			return nil, err
		}
	}
	return &base, nil
}
