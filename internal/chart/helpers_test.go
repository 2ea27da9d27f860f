package chart

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// assertImages fails with a line-by-line listing when got differs from
// want, which is far easier to read than a one-line struct dump.
func assertImages(t *testing.T, got, want []Image) {
	t.Helper()
	if slices.Equal(got, want) {
		return
	}
	t.Errorf("images differ\n got:\n%s\nwant:\n%s", formatImages(got), formatImages(want))
}

func formatImages(imgs []Image) string {
	var b strings.Builder
	for _, i := range imgs {
		fmt.Fprintf(&b, "  %q %q ns=%q %s/%s container=%q init=%v image=%q\n",
			i.Source, i.Release, i.Namespace, i.Kind, i.Name, i.Container, i.Init, i.Image)
	}
	return b.String()
}

// wantErr fails unless err is non-nil and mentions every part.
func wantErr(t *testing.T, err error, parts ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("want an error mentioning %q, got nil", parts)
	}
	for _, p := range parts {
		if !strings.Contains(err.Error(), p) {
			t.Errorf("error %q does not mention %q", err, p)
		}
	}
}
