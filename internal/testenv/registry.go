package testenv

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// Registry is a real OCI registry (Debian's docker-registry, the CNCF distribution) on loopback, started by the
// shared harness.
type Registry struct {
	Host  string // "127.0.0.1:PORT"
	state string
}

var (
	registryMu   sync.Mutex
	registries   = map[string]*Registry{}
	registryErrs = map[string]error{}
)

// StartRegistry starts (once per test binary and name) a registry; htpasswd, when not empty, is an htpasswd file
// content that turns on basic auth. Call StopAll from TestMain.
func StartRegistry(t testing.TB, name, htpasswd string) *Registry {
	t.Helper()
	registryMu.Lock()
	defer registryMu.Unlock()
	if r := registries[name]; r != nil {
		return r
	}
	if err := registryErrs[name]; err != nil {
		Unavailable(t, "a registry: %v", err)
	}
	r, err := startRegistry(htpasswd)
	if err != nil {
		registryErrs[name] = err
		Unavailable(t, "a registry: %v", err)
	}
	registries[name] = r
	return r
}

func startRegistry(htpasswd string) (*Registry, error) {
	up := filepath.Join(SharedDir(), "registry", "up.sh")
	if _, err := os.Stat(up); err != nil {
		return nil, fmt.Errorf("%s not found (set PATCHBAY_SHARED to the shared folder)", up)
	}
	state, err := os.MkdirTemp("", "patchbay-registry-")
	if err != nil {
		return nil, err
	}
	cmd := exec.Command("bash", up, filepath.Join(state, "reg"))
	cmd.Env = append(os.Environ(), "REGISTRY_NOTIFY=0")
	if htpasswd != "" {
		f := filepath.Join(state, "htpasswd")
		if err := os.WriteFile(f, []byte(htpasswd), 0o600); err != nil {
			return nil, err
		}
		cmd.Env = append(cmd.Env, "REGISTRY_HTPASSWD="+f)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("%s: %v: %s", up, err, stderr.String())
	}
	r := &Registry{state: filepath.Join(state, "reg")}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "REGISTRY="); ok {
			r.Host = v
		}
	}
	if r.Host == "" {
		return nil, fmt.Errorf("%s printed no REGISTRY= line: %s", up, out)
	}
	return r, nil
}

// StopAll stops every harness this test binary started.
func StopAll() {
	registryMu.Lock()
	defer registryMu.Unlock()
	for name, r := range registries {
		exec.Command("bash", filepath.Join(SharedDir(), "registry", "down.sh"), r.state).Run()
		os.RemoveAll(filepath.Dir(r.state))
		delete(registries, name)
	}
}
