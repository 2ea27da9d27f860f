package npm

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// manifest is what a package.json says about the package it describes.
type manifest struct {
	Name     string
	Version  string
	Licenses []string
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// parseManifest reads the fields that identify a package. The document is decoded into a map rather than a
// struct because encoding/json matches struct fields case-insensitively, and Node does not: {"Name": "x"} has no
// name. Duplicate keys resolve to the last one, as in Node's JSON.parse.
func parseManifest(data []byte) (manifest, error) {
	// Node strips a byte order mark before parsing; some editors on Windows write one.
	data = bytes.TrimPrefix(data, utf8BOM)
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(data, &doc); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) {
			return manifest{}, fmt.Errorf("package.json holds a JSON %s, not an object", typeErr.Value)
		}
		return manifest{}, fmt.Errorf("package.json is not valid JSON: %w", err)
	}
	name, err := stringField(doc, "name")
	if err != nil {
		return manifest{}, err
	}
	version, err := stringField(doc, "version")
	if err != nil {
		return manifest{}, err
	}
	return manifest{Name: name, Version: version, Licenses: licenses(doc["license"], doc["licenses"])}, nil
}

// stringField returns a string field, trimmed; absent and null give "". Any other type is an error: npm itself
// refuses such a manifest, so it names no package that npm could have installed.
func stringField(doc map[string]json.RawMessage, key string) (string, error) {
	raw, ok := doc[key]
	if !ok || isNull(raw) {
		return "", nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", fmt.Errorf("package.json field %q is %s, not a string", key, jsonKind(raw))
	}
	return strings.TrimSpace(s), nil
}

func isNull(raw json.RawMessage) bool { return string(bytes.TrimSpace(raw)) == "null" }

// jsonKind names the type of a JSON value for an error message, from its first byte.
func jsonKind(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return "empty"
	}
	switch raw[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}
