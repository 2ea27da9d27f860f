package kube

import (
	"path"
	"reflect"
	"strings"
	"testing"
)

func TestParseEnvRules(t *testing.T) {
	for _, tc := range []struct {
		in      string
		want    []EnvRule
		wantErr string
	}{
		{in: "", want: nil},
		{in: "   ", want: nil},
		{in: "prod-*=prod,qa=qa", want: []EnvRule{{"prod-*", "prod"}, {"qa", "qa"}}},
		{in: " prod-* = prod , *-qa=qa ", want: []EnvRule{{"prod-*", "prod"}, {"*-qa", "qa"}}},
		{in: "kube-*=,*=prod", want: []EnvRule{{"kube-*", ""}, {"*", "prod"}}},
		{in: "team-[ab]=dev", want: []EnvRule{{"team-[ab]", "dev"}}},
		{in: "a=b=c", want: []EnvRule{{"a", "b=c"}}}, // only the first '=' separates
		{in: "prod", wantErr: `rule 1 "prod": want NAMESPACE-GLOB=ENV`},
		{in: "qa=qa,,prod=prod", wantErr: `rule 2 "": want NAMESPACE-GLOB=ENV`},
		{in: "qa=qa,", wantErr: `rule 2 "": want NAMESPACE-GLOB=ENV`},
		{in: "=prod", wantErr: "empty namespace glob"},
		{in: "prod-[=prod", wantErr: "syntax error in pattern"},
		{in: `prod\=prod`, wantErr: "syntax error in pattern"},
	} {
		got, err := ParseEnvRules(tc.in)
		if tc.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("ParseEnvRules(%q) = %v, %v; want an error containing %q", tc.in, got, err, tc.wantErr)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("ParseEnvRules(%q) = %#v, %v; want %#v", tc.in, got, err, tc.want)
		}
	}
}

func TestEnvironment(t *testing.T) {
	rules, err := ParseEnvRules("qa=qa,staging=staging,prod*=prod,*-qa=qa,*=other")
	if err != nil {
		t.Fatal(err)
	}
	for ns, want := range map[string]string{
		"qa": "qa", "qa2": "other", "staging": "staging", "prod": "prod", "prod-payments": "prod",
		"payments-qa": "qa", "kube-system": "other",
	} {
		if got := environment(rules, ns); got != want {
			t.Errorf("environment(%q) = %q, want %q", ns, got, want)
		}
	}
	if got := environment(rules[:2], "prod"); got != "" {
		t.Errorf("no rule matches: environment = %q, want \"\"", got)
	}
}

func TestConfigRefusesBadGlob(t *testing.T) {
	cfg := Config{EnvRules: []EnvRule{{"qa", "qa"}, {"prod-[", "prod"}}}
	if err := cfg.validate(); err == nil || !strings.Contains(err.Error(), "rule 2") {
		t.Fatalf("validate() = %v, want an error about rule 2", err)
	}
}

// FuzzParseEnvRules: whatever the input, ParseEnvRules does not panic; what it accepts is usable (every glob
// non-empty and valid, without blanks around it) and prints back to a string that parses to the same rules.
func FuzzParseEnvRules(f *testing.F) {
	for _, s := range []string{"", "prod-*=prod,qa=qa", " a = b ,c=", "x=y=z", "[=a", "a=b,,", `\\=a`, "*=*"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		rules, err := ParseEnvRules(s)
		if err != nil {
			return
		}
		var parts []string
		for _, r := range rules {
			if r.NamespaceGlob == "" || strings.TrimSpace(r.NamespaceGlob) != r.NamespaceGlob ||
				strings.TrimSpace(r.Environment) != r.Environment {
				t.Fatalf("ParseEnvRules(%q) gave %#v", s, r)
			}
			if _, err := path.Match(r.NamespaceGlob, "some-namespace"); err != nil {
				t.Fatalf("ParseEnvRules(%q) accepted the bad glob %q: %v", s, r.NamespaceGlob, err)
			}
			parts = append(parts, r.NamespaceGlob+"="+r.Environment)
		}
		again, err := ParseEnvRules(strings.Join(parts, ","))
		if err != nil || !reflect.DeepEqual(again, rules) {
			t.Fatalf("ParseEnvRules(%q) = %#v, printed back and parsed again: %#v, %v", s, rules, again, err)
		}
	})
}
