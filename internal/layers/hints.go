package layers

import (
	"cmp"
	"slices"
)

// HintsPerKind is how many hints of each kind a report keeps; the rest are only counted.
const HintsPerKind = 10

// hintCandidate is a hint whose message may not be written yet: a chown -R in a late layer yields one
// overwrite candidate per file, and only HintsPerKind of them ever need a message.
type hintCandidate struct {
	hint Hint
	by   int // the Index of the later layer that overwrote or deleted, for the message
}

// betterHint orders hints for keeping and showing: more bytes first, then by layer, kind and path so
// that the output does not depend on map order.
func betterHint(a, b *Hint) int {
	if c := cmp.Compare(b.Bytes, a.Bytes); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Layer, b.Layer); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Kind, b.Kind); c != 0 {
		return c
	}
	return comparePaths(a.Path, b.Path)
}

// topHints keeps the best HintsPerKind candidates of one kind and counts the others.
type topHints struct {
	kept         []hintCandidate
	worst        int // index in kept of the candidate to evict next
	omitted      int
	omittedBytes int64
}

func (t *topHints) offer(c hintCandidate) {
	if len(t.kept) < HintsPerKind {
		t.kept = append(t.kept, c)
		t.findWorst()
		return
	}
	if betterHint(&c.hint, &t.kept[t.worst].hint) >= 0 {
		t.omit(c)
		return
	}
	t.omit(t.kept[t.worst])
	t.kept[t.worst] = c
	t.findWorst()
}

func (t *topHints) omit(c hintCandidate) {
	t.omitted++
	t.omittedBytes += c.hint.Bytes
}

func (t *topHints) findWorst() {
	t.worst = 0
	for i := range t.kept {
		if betterHint(&t.kept[i].hint, &t.kept[t.worst].hint) > 0 {
			t.worst = i
		}
	}
}

// hintCollector gathers candidates of every kind.
type hintCollector struct {
	kinds map[string]*topHints
}

func newHintCollector() *hintCollector {
	return &hintCollector{kinds: make(map[string]*topHints)}
}

func (h *hintCollector) offer(c hintCandidate) {
	t := h.kinds[c.hint.Kind]
	if t == nil {
		t = &topHints{}
		h.kinds[c.hint.Kind] = t
	}
	t.offer(c)
}

// result returns the kept hints, best first, with their messages written, and what was left out per kind.
func (h *hintCollector) result() ([]Hint, []OmittedHints) {
	hints := []Hint{}
	var omitted []OmittedHints
	for kind, t := range h.kinds {
		for _, c := range t.kept {
			if c.hint.Message == "" {
				c.hint.Message = laterLayerMessage(c.hint.Kind, c.by)
			}
			hints = append(hints, c.hint)
		}
		if t.omitted > 0 {
			omitted = append(omitted, OmittedHints{Kind: kind, Count: t.omitted, Bytes: t.omittedBytes})
		}
	}
	slices.SortFunc(hints, func(a, b Hint) int { return betterHint(&a, &b) })
	slices.SortFunc(omitted, func(a, b OmittedHints) int { return cmp.Compare(a.Kind, b.Kind) })
	return hints, omitted
}
