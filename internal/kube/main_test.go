package kube

import (
	"os"
	"testing"

	"github.com/patchbay/patchbay/internal/testenv"
)

// TestMain stops the harnesses this test binary started (one Kubernetes control plane, shared by its tests).
func TestMain(m *testing.M) {
	code := m.Run()
	testenv.StopKubernetes()
	testenv.StopAll()
	os.Exit(code)
}
