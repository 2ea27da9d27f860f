package vulndb

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// MaxRecord bounds one OSV record. The largest real ones (Linux kernel, Chromium) are a few MiB.
const MaxRecord = 32 << 20

// Parse reads one OSV record and checks what matching relies on: an id, a modified time, and for every affected
// package an ecosystem and a name, and ranges whose events each say one thing.
func Parse(data []byte) (*Vulnerability, error) {
	if len(data) > MaxRecord {
		return nil, fmt.Errorf("record of %d bytes is over the %d-byte limit", len(data), MaxRecord)
	}
	var v Vulnerability
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("not an OSV record: %w", err)
	}
	if v.ID == "" {
		return nil, fmt.Errorf("OSV record without an id")
	}
	if strings.ContainsAny(v.ID, " \t\n/\\") || len(v.ID) > 256 {
		return nil, fmt.Errorf("OSV record id %.60q is malformed", v.ID)
	}
	for i, a := range v.Affected {
		if a.Package.Ecosystem == "" || a.Package.Name == "" {
			return nil, fmt.Errorf("%s: affected[%d]: no package ecosystem or name", v.ID, i)
		}
		for j, r := range a.Ranges {
			switch r.Type {
			case "SEMVER", "ECOSYSTEM", "GIT":
			default:
				return nil, fmt.Errorf("%s: affected[%d].ranges[%d]: unknown range type %q", v.ID, i, j, r.Type)
			}
			for k, e := range r.Events {
				if n := e.count(); n != 1 {
					return nil, fmt.Errorf("%s: affected[%d].ranges[%d].events[%d]: %d kinds of event in one", v.ID, i, j, k, n)
				}
			}
		}
	}
	return &v, nil
}

func (e Event) count() int {
	n := 0
	for _, s := range []string{e.Introduced, e.Fixed, e.LastAffected, e.Limit} {
		if s != "" {
			n++
		}
	}
	return n
}
