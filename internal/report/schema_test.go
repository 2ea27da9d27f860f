package report

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	// go-sarif v3 ships the official SARIF 2.1.0 JSON schema (OASIS, errata01) in its source, as the Go string
	// constant `schema` of this package. Imported here only so that the module is part of the build and its
	// source is in the module cache; the encoder itself uses go-sarif v2 (see sarif.go).
	_ "github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// The schemas come from Go modules the build already has in the module cache; nothing is fetched:
//
//   - CycloneDX 1.6 from cyclonedx-go, which ships them as files (schema/), as internal/sbom's tests use them.
//     jsf-0.82 is shipped as "jsf-0.82.schemax.json" but keeps its $id, so it is registered under the URL
//     bom-1.6 refers to.
//   - SARIF 2.1.0 from go-sarif v3, which ships it as a Go string constant: it is read out of the source with
//     go/parser rather than copied into testdata, so that it stays the module's own.

const (
	cyclonedxModule   = "github.com/CycloneDX/cyclonedx-go"
	sarifSchemaModule = "github.com/owenrumney/go-sarif/v3"
	sarifSchemaFile   = "pkg/report/v210/sarif/schema.go"
	sarifSchemaConst  = "schema"
)

// cyclonedxSchema compiles the CycloneDX 1.6 JSON schema, or skips the test when the module's files are missing.
func cyclonedxSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	dir := filepath.Join(moduleDir(t, cyclonedxModule), "schema")
	c := jsonschema.NewCompiler()
	for url, file := range map[string]string{
		"http://cyclonedx.org/schema/bom-1.6.schema.json":  "bom-1.6.schema.json",
		"http://cyclonedx.org/schema/spdx.schema.json":     "spdx.schema.json",
		"http://cyclonedx.org/schema/jsf-0.82.schema.json": "jsf-0.82.schemax.json",
	} {
		data, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil {
			t.Fatalf("reading schema: %v", err)
		}
		addSchema(t, c, url, data)
	}
	return compile(t, c, "http://cyclonedx.org/schema/bom-1.6.schema.json")
}

// sarifSchema compiles the SARIF 2.1.0 JSON schema that go-sarif v3 ships, under its own id.
func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	text := goStringConst(t, filepath.Join(moduleDir(t, sarifSchemaModule), sarifSchemaFile), sarifSchemaConst)
	if !strings.Contains(text, `"title": "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"`) {
		t.Fatalf("%s in %s is no longer the SARIF 2.1.0 schema", sarifSchemaConst, sarifSchemaFile)
	}
	c := jsonschema.NewCompiler()
	addSchema(t, c, sarifSchemaURI, []byte(text))
	return compile(t, c, sarifSchemaURI)
}

// goStringConst reads the value of the string constant name declared in the Go file at path.
func goStringConst(t *testing.T, path, name string) string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
	if err != nil {
		t.Fatalf("parsing %s: %v", path, err)
	}
	for _, decl := range f.Decls {
		gen, ok := decl.(*ast.GenDecl)
		if !ok || gen.Tok != token.CONST {
			continue
		}
		for _, spec := range gen.Specs {
			vs := spec.(*ast.ValueSpec)
			for i, id := range vs.Names {
				if id.Name != name || i >= len(vs.Values) {
					continue
				}
				lit, ok := vs.Values[i].(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					t.Fatalf("%s: constant %s is not a string literal", path, name)
				}
				s, err := strconv.Unquote(lit.Value)
				if err != nil {
					t.Fatalf("%s: constant %s: %v", path, name, err)
				}
				return s
			}
		}
	}
	t.Fatalf("%s declares no constant %s", path, name)
	return ""
}

func addSchema(t *testing.T, c *jsonschema.Compiler, url string, data []byte) {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("reading schema %s: %v", url, err)
	}
	if err := c.AddResource(url, doc); err != nil {
		t.Fatalf("adding schema %s: %v", url, err)
	}
}

func compile(t *testing.T, c *jsonschema.Compiler, root string) *jsonschema.Schema {
	t.Helper()
	sch, err := c.Compile(root)
	if err != nil {
		t.Fatalf("compiling schema %s: %v", root, err)
	}
	return sch
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

// validateJSON checks doc against sch and reports every violation.
func validateJSON(t *testing.T, sch *jsonschema.Schema, doc []byte) {
	t.Helper()
	if err := validateDoc(sch, doc); err != nil {
		t.Errorf("document does not validate against its schema:\n%v", err)
	}
}

func validateDoc(sch *jsonschema.Schema, doc []byte) error {
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		return err
	}
	return sch.Validate(inst)
}

// TestSchemasRejectBrokenDocuments makes sure the schema checks can fail, on the parts this package writes: a
// validator that accepts anything would make them worthless.
func TestSchemasRejectBrokenDocuments(t *testing.T) {
	t.Run("CycloneDX", func(t *testing.T) {
		sch := cyclonedxSchema(t)
		doc := encodeFixtureCycloneDX(t)
		for name, broken := range map[string][]byte{
			"unknown rating method": bytes.Replace(doc, []byte(`"method": "CVSSv31"`), []byte(`"method": "CVSSv3.1"`), 1),
			"unknown severity":      bytes.Replace(doc, []byte(`"severity": "critical"`), []byte(`"severity": "CRITICAL"`), 1),
			"unknown affect status": bytes.Replace(doc, []byte(`"status": "affected"`), []byte(`"status": "vulnerable"`), 1),
		} {
			if bytes.Equal(broken, doc) {
				t.Fatalf("%s: the fixture no longer has the text this test breaks", name)
			}
			if err := validateDoc(sch, broken); err == nil {
				t.Errorf("%s: the schema accepted the broken document", name)
			}
		}
	})
	t.Run("SARIF", func(t *testing.T) {
		sch := sarifSchema(t)
		doc := encodeFixtureSARIF(t)
		for name, broken := range map[string][]byte{
			"unknown level":      bytes.Replace(doc, []byte(`"level": "error"`), []byte(`"level": "critical"`), 1),
			"line 0":             bytes.Replace(doc, []byte(`"startLine": 1`), []byte(`"startLine": 0`), 1),
			"unknown run member": bytes.Replace(doc, []byte(`"results": [`), []byte(`"findings": [`), 1),
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
