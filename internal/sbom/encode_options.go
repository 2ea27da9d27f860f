package sbom

import "time"

// EncodeOption changes how an SBOM is encoded.
type EncodeOption func(*encodeConfig)

// encodeConfig is what the options set; the zero value means the defaults.
type encodeConfig struct {
	now time.Time
}

// WithTime sets the document's creation time. Without it the encoders use the current time. Tests and
// reproducible builds pass a fixed time (a CLI could take it from SOURCE_DATE_EPOCH): with it, the same SBOM
// always encodes to the same bytes, because everything else in the documents is derived from the SBOM.
//
// An option rather than a package variable, so that concurrent encodings cannot disturb one another.
func WithTime(t time.Time) EncodeOption {
	return func(c *encodeConfig) { c.now = t }
}

func newEncodeConfig(opts []EncodeOption) encodeConfig {
	var c encodeConfig
	for _, opt := range opts {
		opt(&c)
	}
	if c.now.IsZero() {
		c.now = time.Now()
	}
	// Both formats want UTC at second precision ("2024-05-01T12:00:00Z"); SPDX requires exactly that shape.
	c.now = c.now.UTC().Truncate(time.Second)
	return c
}

// timestamp is the creation time as both formats write it.
func (c encodeConfig) timestamp() string {
	return c.now.Format(time.RFC3339)
}
