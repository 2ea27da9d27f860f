package fleet

import "testing"

func TestMatchRepo(t *testing.T) {
	for _, tc := range []struct {
		pattern, repo string
		want          bool
	}{
		{"team/*", "team/app", true},
		{"team/*", "team/app/sub", false},
		{"team/**", "team/app/sub", true},
		{"team/**", "team", false},
		{"team-*/**", "team-a/x/y", true},
		{"team-*/**", "other/x", false},
		{"bench*/**", "bench3/app7", true},
		{"*", "app", true},
		{"*", "team/app", false},
	} {
		if got := matchRepo(tc.pattern, tc.repo); got != tc.want {
			t.Errorf("matchRepo(%q, %q) = %v, want %v", tc.pattern, tc.repo, got, tc.want)
		}
	}
}

func TestParseRules(t *testing.T) {
	rules, err := ParseRules("# comment\nreg.example.com/ops/** kind=base model=1 owner=ops\nlabel:vendor=Acme kind=still model=3 # trailing\n")
	if err != nil || len(rules) != 2 || rules[0].Kind != KindBase || rules[1].Model != 3 {
		t.Fatalf("%+v %v", rules, err)
	}
	if !rules[0].matches("reg.example.com/ops/base/debian", nil) || rules[0].matches("reg.example.com/dev/x", nil) {
		t.Error("pattern matching")
	}
	if !rules[1].matches("any", map[string]string{"vendor": "Acme"}) {
		t.Error("label matching")
	}
	for _, bad := range []string{"x", "x kind=db", "x model=4", "x color=red", "label:novalue kind=base", "[ kind=base"} {
		if _, err := ParseRules(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestNaturalLess(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{{"v1", "v2", true}, {"v2", "v10", true}, {"v10", "v2", false}, {"1.9", "1.10", true}, {"a", "b", true}, {"v1", "v1", false}} {
		if got := naturalLess(tc.a, tc.b); got != tc.want {
			t.Errorf("naturalLess(%q, %q) = %v", tc.a, tc.b, got)
		}
	}
}

func FuzzParseRules(f *testing.F) {
	f.Add("reg.example.com/ops/** kind=base model=1 owner=ops\nlabel:vendor=Acme kind=still model=3\n")
	f.Add("# only a comment\n")
	f.Fuzz(func(t *testing.T, text string) {
		rules, err := ParseRules(text)
		if err != nil {
			return
		}
		for _, r := range rules {
			if r.Kind == "" && r.Model == 0 && r.Owner == "" {
				t.Fatalf("a rule that sets nothing was accepted: %+v", r)
			}
			r.matches("reg.example.com/x/y", map[string]string{"vendor": "Acme"})
		}
	})
}
