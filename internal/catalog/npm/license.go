package npm

import (
	"encoding/json"
	"strings"
)

// licenses collects the license names a manifest declares, in the shapes found in published packages:
//
//	"license": "MIT"                                  the current form, often an SPDX expression
//	"license": {"type": "MIT", "url": "..."}          deprecated object form
//	"licenses": [{"type": "MIT", "url": "..."}, ...]  deprecated array form
//	"license": ["MIT", "Apache2"]                     not valid, but published (pause-stream 0.0.11)
//
// A shape that fits none of these is ignored rather than an error: the license is secondary information and must
// not cost the package. Names are kept as written, in order, without duplicates.
func licenses(fields ...json.RawMessage) []string {
	var out []string
	add := func(s string) {
		s = strings.TrimSpace(s)
		if s == "" {
			return
		}
		for _, seen := range out {
			if seen == s {
				return
			}
		}
		out = append(out, s)
	}
	for _, raw := range fields {
		if len(raw) == 0 {
			continue
		}
		var list []json.RawMessage
		if json.Unmarshal(raw, &list) == nil {
			for _, item := range list {
				add(licenseName(item))
			}
			continue
		}
		add(licenseName(raw))
	}
	return out
}

// licenseName reads one license: a string, or an object whose "type" is one.
func licenseName(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var obj struct {
		Type json.RawMessage `json:"type"`
	}
	if json.Unmarshal(raw, &obj) == nil && obj.Type != nil {
		if json.Unmarshal(obj.Type, &s) == nil {
			return s
		}
	}
	return ""
}
