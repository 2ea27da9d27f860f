package chart

import "testing"

func TestSplitDocuments(t *testing.T) {
	in := "a: 1\n---\n--- # comment\nb: 2\n---   \r\n---x: not a separator\nc: 3"
	got := splitDocuments([]byte(in))
	want := []document{
		{data: []byte("a: 1\n"), line: 1},
		{data: []byte(""), line: 3},
		{data: []byte("b: 2\n"), line: 4},
		{data: []byte("---x: not a separator\nc: 3"), line: 6},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d documents, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if string(got[i].data) != string(want[i].data) || got[i].line != want[i].line {
			t.Errorf("document %d = {%q, line %d}, want {%q, line %d}", i, got[i].data, got[i].line, want[i].data, want[i].line)
		}
	}
}
