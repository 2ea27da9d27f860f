package fleet

import (
	"bufio"
	"fmt"
	"path"
	"strconv"
	"strings"
)

// Rule says something of the images whose repository matches Pattern: their kind, hosting model or owner. A
// rules file has one rule a line, as CODEOWNERS has: a pattern and settings; the last matching rule that sets a
// field wins; '#' starts a comment.
//
//	# pattern                      settings
//	registry.example.com/ops/*      kind=base model=1 owner=platform-ops
//	docker.io/library/*             kind=still model=3
//	registry.example.com/team-a/*   owner=team-a
//	label:org.opencontainers.image.vendor=Acme   kind=still model=3
//
// A pattern is a path.Match glob over "host/repository" ("**" at the end matches every depth), or
// "label:KEY=VALUE" to match an image label.
type Rule struct {
	Pattern string
	Kind    string // still, base, application
	Model   int    // 1, 2, 3
	Owner   string
	line    int
}

// ParseRules reads a rules file.
func ParseRules(text string) ([]Rule, error) {
	var out []Rule
	sc := bufio.NewScanner(strings.NewReader(text))
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		r := Rule{Pattern: f[0], line: n}
		if !strings.HasPrefix(r.Pattern, "label:") {
			if _, err := path.Match(strings.TrimSuffix(r.Pattern, "**"), ""); err != nil {
				return nil, fmt.Errorf("rules line %d: pattern %q: %w", n, r.Pattern, err)
			}
		} else if !strings.Contains(r.Pattern, "=") {
			return nil, fmt.Errorf("rules line %d: %q: want label:KEY=VALUE", n, r.Pattern)
		}
		if len(f) == 1 {
			return nil, fmt.Errorf("rules line %d: %q sets nothing (kind=, model=, owner=)", n, r.Pattern)
		}
		for _, kv := range f[1:] {
			k, v, ok := strings.Cut(kv, "=")
			if !ok || v == "" {
				return nil, fmt.Errorf("rules line %d: %q: want KEY=VALUE", n, kv)
			}
			switch k {
			case "kind":
				if v != KindStill && v != KindBase && v != KindApplication {
					return nil, fmt.Errorf("rules line %d: kind %q: want still, base or application", n, v)
				}
				r.Kind = v
			case "model":
				m, err := strconv.Atoi(v)
				if err != nil || m < 1 || m > 3 {
					return nil, fmt.Errorf("rules line %d: model %q: want 1, 2 or 3", n, v)
				}
				r.Model = m
			case "owner":
				r.Owner = v
			default:
				return nil, fmt.Errorf("rules line %d: unknown setting %q (kind, model, owner)", n, k)
			}
		}
		out = append(out, r)
	}
	return out, sc.Err()
}

func (r Rule) matches(repository string, labels map[string]string) bool {
	if kv, ok := strings.CutPrefix(r.Pattern, "label:"); ok {
		k, v, _ := strings.Cut(kv, "=")
		return labels[k] == v
	}
	if p, ok := strings.CutSuffix(r.Pattern, "**"); ok {
		return strings.HasPrefix(repository, p)
	}
	ok, _ := path.Match(r.Pattern, repository)
	return ok
}
