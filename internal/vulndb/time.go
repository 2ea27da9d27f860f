package vulndb

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// Time is an OSV timestamp, read tolerantly: real records carry "0001-01-01T00:00:00Z" (golang/vulndb's files
// before publication) and "1-01-01T00:00:00Z" (a YAML conversion that dropped the year's padding). Both mean
// "unknown"; anything else that is not RFC 3339 is an error.
type Time struct{ time.Time }

func (t *Time) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("timestamp: %w", err)
	}
	if s == "" {
		t.Time = time.Time{}
		return nil
	}
	if y, rest, ok := strings.Cut(s, "-"); ok && len(y) < 4 && len(y) > 0 {
		s = strings.Repeat("0", 4-len(y)) + y + "-" + rest
	}
	v, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return fmt.Errorf("timestamp %q: not RFC 3339", s)
	}
	t.Time = v.UTC()
	return nil
}

func (t Time) MarshalJSON() ([]byte, error) {
	if t.IsZero() {
		return []byte(`""`), nil
	}
	return json.Marshal(t.Time.Format(time.RFC3339Nano))
}

// known says whether the time says anything: year 1 is a placeholder.
func (t Time) known() bool { return !t.IsZero() && t.Year() > 1 }
