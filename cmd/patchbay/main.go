// Command patchbay keeps a company's container images patched. This file only wires the CLI to the packages
// under internal/; it holds no logic of its own.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

// Exit codes CI can rely on.
const (
	exitOK    = 0
	exitGate  = 1 // a policy gate (--fail-on) was met
	exitError = 2 // the command could not do its job
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := newRootCmd().ExecuteContext(ctx)
	var gate *gateError
	switch {
	case err == nil:
		os.Exit(exitOK)
	case errors.As(err, &gate):
		fmt.Fprintln(os.Stderr, "patchbay:", err)
		os.Exit(exitGate)
	default:
		fmt.Fprintln(os.Stderr, "patchbay:", err)
		os.Exit(exitError)
	}
}

// gateError is a policy gate that was met: exit 1, not an error of the tool.
type gateError struct{ msg string }

func (g *gateError) Error() string { return g.msg }
