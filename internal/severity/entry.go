package severity

import (
	"fmt"
	"strings"
)

// Entry is one element of an OSV record's `severity[]` (or `affected[].severity[]`) array; it unmarshals
// straight from the record's JSON.
type Entry struct {
	Type  string `json:"type"`
	Score string `json:"score"`
}

// FromEntry scores or maps one OSV severity entry, whatever its type: CVSS vectors through FromVector, Ubuntu
// priorities through FromLabel. Any other type is an error wrapping ErrUnknownType.
func FromEntry(e Entry) (Score, error) {
	switch strings.ToUpper(strings.TrimSpace(e.Type)) {
	case TypeCVSSV2, TypeCVSSV3, TypeCVSSV4:
		return FromVector(e.Type, e.Score)
	case strings.ToUpper(TypeUbuntu):
		return FromLabel(TypeUbuntu, e.Score)
	}
	return Score{}, fmt.Errorf("severity: %w %s in an OSV severity entry (known: CVSS_V2, CVSS_V3, CVSS_V4, Ubuntu)", ErrUnknownType, quoteShort(e.Type))
}
