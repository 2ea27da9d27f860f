package testenv

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// Kubernetes is a real control plane (etcd, kube-apiserver, controller-manager, scheduler) with kwok playing the
// kubelets of fake nodes, on loopback, started by the shared harness (shared/k8s/up.sh).
type Kubernetes struct {
	Kubeconfig string        // admin kubeconfig (client certificate in system:masters)
	API        string        // https://127.0.0.1:PORT
	StartedIn  time.Duration // how long up.sh took, for the test log
	state      string
}

// k8sVersion is the API server the harness must run: the one the client-go in go.mod was released with.
const k8sVersion = "v1.36.3"

var (
	k8sMu  sync.Mutex
	k8s    *Kubernetes
	k8sErr error
)

// StartKubernetes starts (once per test binary) a control plane. It never builds one: building takes minutes,
// longer than a test should, so the binaries must come from `bash shared/k8s/build.sh` beforehand; without them
// the test is Unavailable. Call StopKubernetes from TestMain.
func StartKubernetes(t testing.TB) *Kubernetes {
	t.Helper()
	k8sMu.Lock()
	defer k8sMu.Unlock()
	if k8s != nil {
		return k8s
	}
	if k8sErr == nil {
		k8s, k8sErr = startKubernetes()
	}
	if k8sErr != nil {
		Unavailable(t, "a Kubernetes control plane: %v", k8sErr)
	}
	return k8s
}

func startKubernetes() (*Kubernetes, error) {
	up := filepath.Join(SharedDir(), "k8s", "up.sh")
	if _, err := os.Stat(up); err != nil {
		return nil, fmt.Errorf("%s not found (set PATCHBAY_SHARED to the shared folder)", up)
	}
	bin, err := kubernetesBin()
	if err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp("", "patchbay-k8s-")
	if err != nil {
		return nil, fmt.Errorf("state directory: %w", err)
	}
	state := filepath.Join(tmp, "k8s")
	cmd := exec.Command("bash", up, state)
	// K8S_BIN keeps up.sh from running build.sh: a missing binary must fail fast, not build for minutes.
	cmd.Env = append(os.Environ(), "K8S_BIN="+bin)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	out, err := cmd.Output()
	if err != nil {
		// up.sh may have started some processes before failing: stop those, keep nothing behind.
		exec.Command("bash", filepath.Join(SharedDir(), "k8s", "down.sh"), state).Run()
		os.RemoveAll(tmp)
		return nil, fmt.Errorf("%s: %v: %s", up, err, lastBytes(stderr.String(), 2000))
	}
	k := &Kubernetes{StartedIn: time.Since(start), state: state}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "KUBECONFIG="); ok {
			k.Kubeconfig = v
		}
		if v, ok := strings.CutPrefix(sc.Text(), "K8S_API="); ok {
			k.API = v
		}
	}
	if k.Kubeconfig == "" {
		stopKubernetes(k)
		return nil, fmt.Errorf("%s printed no KUBECONFIG= line: %s", up, out)
	}
	return k, nil
}

// kubernetesBin finds the binaries build.sh made: $K8S_BIN, else the newest complete build of k8sVersion in
// build.sh's cache ($K8S_HARNESS_CACHE, default ~/.cache/k8s-harness).
func kubernetesBin() (string, error) {
	need := []string{"etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler", "kwok", "kwok-stages.yaml"}
	complete := func(dir string) bool {
		for _, f := range need {
			if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
				return false
			}
		}
		return true
	}
	if dir := os.Getenv("K8S_BIN"); dir != "" {
		if !complete(dir) {
			return "", fmt.Errorf("K8S_BIN=%s lacks one of %v", dir, need)
		}
		return dir, nil
	}
	cache := os.Getenv("K8S_HARNESS_CACHE")
	if cache == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("finding the k8s harness cache: %w", err)
		}
		cache = filepath.Join(home, ".cache", "k8s-harness")
	}
	dirs, _ := filepath.Glob(filepath.Join(cache, "bin", "k8s-"+k8sVersion+"-kwok-*-etcd-*"))
	sort.Sort(sort.Reverse(sort.StringSlice(dirs)))
	for _, d := range dirs {
		if complete(d) {
			return d, nil
		}
	}
	return "", fmt.Errorf("no complete build of Kubernetes %s in %s/bin (run `bash %s`; "+
		"if it is running already, wait for it)", k8sVersion, cache, filepath.Join(SharedDir(), "k8s", "build.sh"))
}

// StopKubernetes stops the control plane this test binary started, if any. Call it from TestMain beside StopAll.
func StopKubernetes() {
	k8sMu.Lock()
	defer k8sMu.Unlock()
	if k8s != nil {
		stopKubernetes(k8s)
		k8s = nil
	}
}

func stopKubernetes(k *Kubernetes) {
	exec.Command("bash", filepath.Join(SharedDir(), "k8s", "down.sh"), k.state).Run()
	os.RemoveAll(filepath.Dir(k.state))
}

func lastBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n:]
}
