package sbom

import (
	"testing"
	"time"
)

func TestEncodeConfigTime(t *testing.T) {
	paris := time.FixedZone("CEST", 2*60*60)
	cfg := newEncodeConfig([]EncodeOption{WithTime(time.Date(2024, 5, 1, 14, 0, 0, 999, paris))})
	if got := cfg.timestamp(); got != "2024-05-01T12:00:00Z" {
		t.Errorf("timestamp = %q, want UTC at second precision", got)
	}

	before := time.Now().UTC().Truncate(time.Second)
	cfg = newEncodeConfig(nil)
	if cfg.now.Before(before) || cfg.now.After(time.Now()) || cfg.now.Location() != time.UTC {
		t.Errorf("default time %v is not the current UTC time", cfg.now)
	}
}
