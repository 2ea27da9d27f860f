package kube

import (
	"sort"
	"strings"
	"time"
)

// validDigest accepts the digests registries use: sha256 (64 hex digits) and sha512 (128), lower case as the
// OCI spec writes them.
func validDigest(d string) bool {
	alg, hex, ok := strings.Cut(d, ":")
	if !ok {
		return false
	}
	switch {
	case alg == "sha256" && len(hex) == 64, alg == "sha512" && len(hex) == 128:
	default:
		return false
	}
	for _, c := range hex {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// digestFromImageID reads the digest out of a container status' imageID, as runtimes write it:
// "docker-pullable://repo@sha256:..." (dockershim, cri-dockerd), "repo@sha256:..." (containerd, CRI-O),
// "sha256:..." or "docker://sha256:...". The bare forms are the image's local ID, which for an image that
// was never pulled from a registry (built or loaded on the node) is its config digest, not a manifest digest:
// still the kubelet's word for what runs, so it is kept. "" when there is none (kwok, a pod not started yet).
func digestFromImageID(id string) string {
	if _, rest, ok := strings.Cut(id, "://"); ok {
		id = rest
	}
	if i := strings.LastIndexByte(id, '@'); i >= 0 {
		id = id[i+1:]
	}
	if !validDigest(id) {
		return ""
	}
	return id
}

// pinnedDigest is the digest an image reference pins ("repo@sha256:...", "repo:tag@sha256:..."), or "".
func pinnedDigest(image string) string {
	i := strings.LastIndexByte(image, '@')
	if i < 0 || !validDigest(image[i+1:]) {
		return ""
	}
	return image[i+1:]
}

// observation is what one pod says about one container.
type observation struct {
	image    string    // the image in that pod's spec
	digest   string    // from its status' imageID; "" not reported
	created  time.Time // the pod's creation time
	finished bool      // the pod has run to its end (a Job's): it tells what ran, but runs nothing now
}

// pickDigest decides which digest a row reports for a container whose spec names image, from what the pods say.
//
// The pods running this spec's image count (a pod still running an older spec runs another image); if none
// runs it as written (an admission webhook may rewrite images, e.g. to pin them), all pods count. Among those
// still running and reporting a digest the majority wins, a tie going to the newest pod (the direction of the
// rollout), then to the smaller digest so that the answer does not depend on listing order. When none is
// running (a CronJob between two runs) the newest finished pod says what ran last.
//
// others are the other digests reported by pods still running, whatever their spec, sorted.
func pickDigest(image string, obs []observation) (digest string, others []string) {
	current := make([]observation, 0, len(obs))
	for _, o := range obs {
		if o.image == image {
			current = append(current, o)
		}
	}
	if len(current) == 0 {
		current = obs
	}
	digest = majority(current, false)
	if digest == "" {
		digest = majority(current, true)
	}
	seen := map[string]bool{digest: true, "": true}
	for _, o := range obs {
		if !o.finished && !seen[o.digest] {
			seen[o.digest] = true
			others = append(others, o.digest)
		}
	}
	sort.Strings(others)
	return digest, others
}

// majority is, among the running pods (finished=false), the digest most of them report, a tie going to the one
// the newest pod reports, then to the smaller digest; among finished pods (finished=true) it is the newest pod's
// alone, since only the last run says what would run next. "" if none reports one.
func majority(obs []observation, finished bool) string {
	type tally struct {
		n      int
		newest time.Time
	}
	votes := map[string]*tally{}
	for _, o := range obs {
		if o.digest == "" || o.finished != finished {
			continue
		}
		t := votes[o.digest]
		if t == nil {
			t = &tally{}
			votes[o.digest] = t
		}
		if !finished {
			t.n++
		}
		if o.created.After(t.newest) {
			t.newest = o.created
		}
	}
	best := ""
	for d, t := range votes {
		b := votes[best]
		if best == "" || t.n > b.n || t.n == b.n && (t.newest.After(b.newest) || t.newest.Equal(b.newest) && d < best) {
			best = d
		}
	}
	return best
}
