package chart

import (
	"bytes"
)

// document is one YAML document of a stream and the line it starts on, so
// that errors can point into the file the user has open.
type document struct {
	data []byte
	line int // 1-based line of data's first line in the whole stream
}

// splitDocuments cuts a YAML stream at "---" separator lines, by the same
// rule as k8s.io/apimachinery's YAMLReader (and so kubectl): a line
// starting with "---" followed by nothing but blanks or a comment. Unlike
// YAMLReader it keeps empty documents and line numbers, so that document
// positions in errors match what the user sees.
func splitDocuments(data []byte) []document {
	var docs []document
	start, startLine := 0, 1
	line := 1
	for off := 0; off < len(data); line++ {
		next := len(data)
		if i := bytes.IndexByte(data[off:], '\n'); i >= 0 {
			next = off + i + 1
		}
		if isSeparator(data[off:next]) {
			docs = append(docs, document{data: data[start:off], line: startLine})
			start, startLine = next, line+1
		}
		off = next
	}
	return append(docs, document{data: data[start:], line: startLine})
}

func isSeparator(line []byte) bool {
	rest, ok := bytes.CutPrefix(line, []byte("---"))
	if !ok {
		return false
	}
	rest = bytes.TrimSpace(rest)
	return len(rest) == 0 || rest[0] == '#'
}
