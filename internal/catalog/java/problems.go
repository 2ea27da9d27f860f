package java

import (
	"fmt"
	"strings"
)

// problems collects what went wrong inside one file without stopping the walk, up to a count: a hostile archive
// with thousands of broken entries should give a readable warning, not thousands.
type problems struct {
	max     int
	errs    []error
	dropped int
}

// add records err, which names the path inside the archive that it is about.
func (p *problems) add(err error) {
	if len(p.errs) < p.max {
		p.errs = append(p.errs, err)
		return
	}
	p.dropped++
}

// err returns the problems as one error, nil when there were none.
func (p *problems) err() error {
	if len(p.errs) == 0 {
		return nil
	}
	errs := p.errs
	if p.dropped > 0 {
		errs = append(errs, fmt.Errorf("and %d more problems", p.dropped))
	}
	return problemList(errs)
}

// problemList is several problems as one error. Unlike errors.Join it prints on one line ("a; b"), because the
// framework turns it into one warning line; errors.Is and errors.As still see each problem.
type problemList []error

func (l problemList) Error() string {
	msgs := make([]string, len(l))
	for i, err := range l {
		msgs[i] = err.Error()
	}
	return strings.Join(msgs, "; ")
}

func (l problemList) Unwrap() []error { return l }
