package main

import (
	"github.com/spf13/cobra"
)

func newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "patchbay",
		Short: "Keep container images patched: know what is inside, what is vulnerable, who must act",
		Long: `Patchbay reads container images without a Docker daemon, lists every package with the layer that
brought it in, and (in later commands) matches them against OSV vulnerability data across your fleet.

` + imageSourcesHelp,
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       version,
	}
	root.AddCommand(newSBOMCmd(), newLayersCmd(), newDBCmd(), newScanCmd(), newFleetCmd(), newLineageCmd(), newImpactCmd())
	return root
}

// imageSourcesHelp is how every command that reads an image says how to name one.
const imageSourcesHelp = `Images can be named as:
  registry.example.com/team/app:1.2    an image in a registry (docker credentials are used as docker does)
  oci:DIR[:NAME|@sha256:…]             an OCI image layout directory
  docker-archive:FILE.tar[:TAG]        a 'docker save' archive
  dir:ROOTFS                           a root filesystem directory`
