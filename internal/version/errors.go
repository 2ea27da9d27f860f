package version

import (
	"errors"
	"fmt"
)

// ErrUnknownEcosystem is wrapped by For when it has no rules for a name.
var ErrUnknownEcosystem = errors.New("unknown ecosystem")

// ErrInvalidVersion is wrapped by every ParseError, so callers can test
// errors.Is(err, ErrInvalidVersion) without caring about the ecosystem.
var ErrInvalidVersion = errors.New("invalid version")

// ParseError explains why a version string was rejected.
type ParseError struct {
	Ecosystem string // OSV ecosystem name, e.g. "Debian"
	Version   string // the input, verbatim
	Reason    string // what rule it broke, in the ecosystem's own terms
}

func (e *ParseError) Error() string {
	return fmt.Sprintf("invalid %s version %q: %s", e.Ecosystem, e.Version, e.Reason)
}

// Unwrap lets errors.Is(err, ErrInvalidVersion) succeed.
func (e *ParseError) Unwrap() error { return ErrInvalidVersion }

// invalid builds a ParseError; the ecosystem name is filled in by the
// Comparer, because one parser serves several OSV names (Debian, Ubuntu).
func invalid(s, reason string) *ParseError {
	return &ParseError{Version: s, Reason: reason}
}
