package sbom

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// The CycloneDX schemas come from the cyclonedx-go module, which ships them (schema/) and which the build
// already has in the module cache; nothing is fetched. jsf-0.82 is shipped as "jsf-0.82.schemax.json" but keeps
// its $id, so it is registered under the URL bom-1.6 refers to.
//
// No Go module ships the SPDX 2.3 JSON schema (spdx/tools-golang does not), so SPDX output is checked by
// decoding it back with tools-golang and by structural assertions (spdx_test.go), not by the schema.

const cyclonedxModule = "github.com/CycloneDX/cyclonedx-go"

// cyclonedxSchema compiles the CycloneDX 1.6 JSON schema, or skips the test when the module's files are missing.
func cyclonedxSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	dir := moduleDir(t, cyclonedxModule)
	resources := map[string]string{
		"http://cyclonedx.org/schema/bom-1.6.schema.json":  "bom-1.6.schema.json",
		"http://cyclonedx.org/schema/spdx.schema.json":     "spdx.schema.json",
		"http://cyclonedx.org/schema/jsf-0.82.schema.json": "jsf-0.82.schemax.json",
	}
	return compileSchema(t, filepath.Join(dir, "schema"), resources, "http://cyclonedx.org/schema/bom-1.6.schema.json")
}

// compileSchema registers each file of dir under its URL, so that no $ref is ever resolved over the network,
// and compiles the schema at root.
func compileSchema(t *testing.T, dir string, resources map[string]string, root string) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	for url, file := range resources {
		f, err := os.Open(filepath.Join(dir, file))
		if err != nil {
			t.Fatalf("opening schema: %v", err)
		}
		doc, err := jsonschema.UnmarshalJSON(f)
		f.Close()
		if err != nil {
			t.Fatalf("reading schema %s: %v", file, err)
		}
		if err := c.AddResource(url, doc); err != nil {
			t.Fatalf("adding schema %s: %v", file, err)
		}
	}
	sch, err := c.Compile(root)
	if err != nil {
		t.Fatalf("compiling schema %s: %v", root, err)
	}
	return sch
}

// validateJSON checks doc against sch and reports every violation.
func validateJSON(t *testing.T, sch *jsonschema.Schema, doc []byte) {
	t.Helper()
	if err := validateDoc(sch, doc); err != nil {
		t.Errorf("document does not validate against its schema:\n%v", err)
	}
}

// moduleDir is where the module cache holds module, at the version this build uses.
func moduleDir(t *testing.T, module string) string {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", module).Output()
	dir := strings.TrimSpace(string(out))
	if err != nil || dir == "" {
		t.Fatalf("cannot locate module %s in the module cache (go list: %v)", module, err)
	}
	return dir
}

// TestSchemasRejectBrokenDocuments makes sure the schema checks above can fail: a validator that accepts
// anything would make them worthless.
func TestSchemasRejectBrokenDocuments(t *testing.T) {
	t.Run("CycloneDX", func(t *testing.T) {
		sch := cyclonedxSchema(t)
		doc := encodeFixtureCycloneDX(t, fixtureSBOM())
		for name, broken := range map[string][]byte{
			"unknown component type": bytes.Replace(doc, []byte(`"type": "library"`), []byte(`"type": "gadget"`), 1),
			"license id not SPDX":    bytes.Replace(doc, []byte(`"id": "LGPL-2.1"`), []byte(`"id": "GPL-2"`), 1),
		} {
			if bytes.Equal(broken, doc) {
				t.Fatalf("%s: the fixture no longer has the text this test breaks", name)
			}
			if err := validateDoc(sch, broken); err == nil {
				t.Errorf("%s: the schema accepted the broken document", name)
			}
		}
	})
}

func validateDoc(sch *jsonschema.Schema, doc []byte) error {
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		return err
	}
	return sch.Validate(inst)
}
