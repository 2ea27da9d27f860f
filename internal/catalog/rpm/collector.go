package rpm

import (
	"errors"
	"fmt"

	"github.com/patchbay/patchbay/internal/catalog"
)

const (
	// maxDamageExamples is how many damaged headers an error describes; the rest are only counted.
	maxDamageExamples = 3
	// The largest real installations have some ten thousand packages and a few thousand files worth remembering;
	// these bounds keep a crafted database from turning its size into many times as much memory.
	maxPackages   = 1 << 17
	maxOwnedPaths = 1 << 20
)

// collector turns the header blobs of one database into the cataloger's result.
type collector struct {
	keep   func(string) bool
	dbPath string
	result catalog.Result
	// bounds on the result: maxPackages and maxOwnedPaths, but tests set their own
	maxPackages, maxOwned int

	seen     int // headers handed over so far
	damaged  int
	examples []error
}

// add decodes one header blob. A damaged one is counted and skipped, so that one bad package does not hide the
// others.
func (c *collector) add(blob []byte) error {
	c.seen++
	ip, ok, err := readInstalledPackage(blob, c.keep)
	if err != nil {
		c.damaged++
		if len(c.examples) < maxDamageExamples {
			c.examples = append(c.examples, fmt.Errorf("header %d: %w", c.seen, err))
		}
		return nil
	}
	if !ok {
		return nil
	}
	if len(c.result.Packages) >= c.maxPackages {
		return fmt.Errorf("more than %d packages: the rest are not read", c.maxPackages)
	}
	ip.pkg.FoundBy = catalogerName
	ip.pkg.Paths = []string{c.dbPath}
	c.result.Packages = append(c.result.Packages, ip.pkg)
	if len(ip.evidence) == 0 {
		return nil
	}
	if c.result.Owned == nil {
		c.result.Owned = map[string]string{}
	}
	owner := "rpm:" + ip.pkg.Name
	for _, p := range ip.evidence {
		// Packages may share files (multilib pairs); the first owner in database order is kept.
		if _, taken := c.result.Owned[p]; taken {
			continue
		}
		if len(c.result.Owned) >= c.maxOwned {
			return fmt.Errorf("more than %d owned paths: the rest are not read", c.maxOwned)
		}
		c.result.Owned[p] = owner
	}
	return nil
}

// damage describes the headers that were skipped, or is nil when none were.
func (c *collector) damage() error {
	if c.damaged == 0 {
		return nil
	}
	return fmt.Errorf("skipped %d damaged package header(s) of %d: %w", c.damaged, c.seen, errors.Join(c.examples...))
}
