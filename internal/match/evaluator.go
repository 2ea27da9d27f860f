package match

import "github.com/patchbay/patchbay/internal/vulndb"

// Hit is one record that affects a target, with the versions that would fix it.
type Hit struct {
	Record string
	Fixed  []string
}

// Evaluator tests many targets against a set of records, each record's versions parsed once: the fleet's
// re-matching tests each distinct (package, version) of thousands of images this way.
type Evaluator struct {
	idx      *index
	Warnings []string
}

// NewEvaluator compiles the affected[] entries read from the store.
func NewEvaluator(rows []vulndb.AffectedRow) *Evaluator {
	idx := newIndex()
	return &Evaluator{idx: idx, Warnings: idx.add(rows)}
}

// Hits lists the records that affect the target.
func (e *Evaluator) Hits(t Target) []Hit {
	hs, _ := e.idx.match(t)
	out := make([]Hit, len(hs))
	for i, h := range hs {
		out[i] = Hit{Record: h.vulnID, Fixed: h.fixed}
	}
	return out
}
