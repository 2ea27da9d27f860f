package kube

import (
	"fmt"
	"path"
	"strings"
)

// ParseEnvRules parses the CLI syntax 'NAMESPACE-GLOB=ENV,...' ("prod-*=prod,qa=qa"). Blanks around items and
// around '=' are ignored; an empty string is no rules. ENV may be empty ("kube-*=,*=prod": first match wins, so
// kube-* namespaces get no environment); a glob may not, and must be a valid path.Match pattern.
func ParseEnvRules(s string) ([]EnvRule, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	var rules []EnvRule
	for i, item := range strings.Split(s, ",") {
		glob, env, ok := strings.Cut(item, "=")
		if !ok {
			return nil, fmt.Errorf("environment rule %d %q: want NAMESPACE-GLOB=ENV", i+1, strings.TrimSpace(item))
		}
		r := EnvRule{NamespaceGlob: strings.TrimSpace(glob), Environment: strings.TrimSpace(env)}
		if err := r.validate(); err != nil {
			return nil, fmt.Errorf("environment rule %d %q: %w", i+1, strings.TrimSpace(item), err)
		}
		rules = append(rules, r)
	}
	return rules, nil
}

func (r EnvRule) validate() error {
	if r.NamespaceGlob == "" {
		return fmt.Errorf("empty namespace glob")
	}
	// path.Match checks the whole pattern whatever the name, so any name finds a malformed one.
	if _, err := path.Match(r.NamespaceGlob, ""); err != nil {
		return fmt.Errorf("namespace glob %q: %w", r.NamespaceGlob, err)
	}
	return nil
}

// environment is the Environment of the first rule whose glob matches namespace, or "". Rules are validated
// before use (Config.validate), so Match cannot fail here.
func environment(rules []EnvRule, namespace string) string {
	for _, r := range rules {
		if ok, _ := path.Match(r.NamespaceGlob, namespace); ok {
			return r.Environment
		}
	}
	return ""
}
