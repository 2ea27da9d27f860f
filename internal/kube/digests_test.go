package kube

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

// Digests used across the tests: recognisable, and valid sha256 digests.
var (
	digestA = "sha256:" + strings.Repeat("a", 64)
	digestB = "sha256:" + strings.Repeat("b", 64)
	digestC = "sha256:" + strings.Repeat("c", 64)
)

func TestDigestFromImageID(t *testing.T) {
	sha512 := "sha512:" + strings.Repeat("0", 128)
	for id, want := range map[string]string{
		"docker-pullable://registry.example/web@" + digestA: digestA,
		"registry.example/web@" + digestA:                   digestA,
		"registry.example:5000/team/web@" + digestA:         digestA, // a port is not a digest separator
		digestA:                           digestA,
		"docker://" + digestA:             digestA,
		"registry.example/web@" + sha512:  sha512,
		"":                                "", // kwok, or a container not started
		"registry.example/web:1.0":        "",
		"registry.example/web@sha256:abc": "", // too short
		"registry.example/web@sha256:" + strings.Repeat("A", 64): "", // digests are lower case
		"registry.example/web@md5:" + strings.Repeat("a", 32):    "",
	} {
		if got := digestFromImageID(id); got != want {
			t.Errorf("digestFromImageID(%q) = %q, want %q", id, got, want)
		}
	}
}

func TestPinnedDigest(t *testing.T) {
	for image, want := range map[string]string{
		"registry.example/api@" + digestA:      digestA,
		"registry.example/api:1.2@" + digestA:  digestA,
		"registry.example:5000/api@" + digestB: digestB,
		"registry.example/api:1.2":             "",
		"registry.example:5000/api":            "",
		"nginx":                                "",
		"registry.example/api@sha256:nothex":   "",
	} {
		if got := pinnedDigest(image); got != want {
			t.Errorf("pinnedDigest(%q) = %q, want %q", image, got, want)
		}
	}
}

func TestPickDigest(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	at := func(min int) time.Time { return t0.Add(time.Duration(min) * time.Minute) }
	const img, old = "web:2", "web:1"
	for _, tc := range []struct {
		name       string
		obs        []observation
		want       string
		wantOthers []string
	}{
		{name: "no pods", want: ""},
		{name: "no imageID yet", obs: []observation{{image: img, created: at(0)}}, want: ""},
		{name: "all agree", obs: []observation{{img, digestA, at(0), false}, {img, digestA, at(1), false}}, want: digestA},
		{name: "majority wins over newest",
			obs:  []observation{{img, digestA, at(0), false}, {img, digestA, at(1), false}, {img, digestB, at(2), false}},
			want: digestA, wantOthers: []string{digestB}},
		{name: "tie goes to the newest pod",
			obs:  []observation{{img, digestA, at(0), false}, {img, digestB, at(2), false}},
			want: digestB, wantOthers: []string{digestA}},
		{name: "same age: the smaller digest, whatever the order",
			obs:  []observation{{img, digestB, at(1), false}, {img, digestA, at(1), false}},
			want: digestA, wantOthers: []string{digestB}},
		{name: "rollout: pods of the old spec do not vote, but are still running",
			obs: []observation{{old, digestA, at(0), false}, {old, digestA, at(1), false}, {old, digestA, at(2), false},
				{img, digestB, at(3), false}, {img, "", at(4), false}},
			want: digestB, wantOthers: []string{digestA}},
		{name: "rollout not started: the spec's pods report nothing yet",
			obs:  []observation{{old, digestA, at(0), false}, {img, "", at(3), false}},
			want: "", wantOthers: []string{digestA}},
		{name: "no pod runs the image as written (rewritten by a webhook): all vote",
			obs:  []observation{{img + "@" + digestC, digestC, at(0), false}},
			want: digestC},
		{name: "finished pods only: the newest one's, even against the majority",
			obs:  []observation{{img, digestA, at(0), true}, {img, digestA, at(1), true}, {img, digestB, at(2), true}},
			want: digestB},
		{name: "running pods outvote finished ones, which are not running",
			obs:  []observation{{img, digestA, at(0), false}, {img, digestB, at(5), true}},
			want: digestA},
	} {
		got, others := pickDigest(img, tc.obs)
		if got != tc.want || !reflect.DeepEqual(others, tc.wantOthers) {
			t.Errorf("%s: pickDigest = %q, %q; want %q, %q", tc.name, got, others, tc.want, tc.wantOthers)
		}
	}
}
