package version

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"testing"
)

// Temporary: dumps our results for pairs in $PAIRS for ecosystem $ECO.
func TestOracleScratch(t *testing.T) {
	eco, path := os.Getenv("ECO"), os.Getenv("PAIRS")
	if path == "" {
		t.Skip()
	}
	c, err := For(eco)
	if err != nil {
		t.Fatal(err)
	}
	f, _ := os.Open(path)
	out, _ := os.Create(path + ".ours")
	w := bufio.NewWriter(out)
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		a, b, _ := strings.Cut(sc.Text(), "\t")
		r, err := c.Compare(a, b)
		if err != nil {
			fmt.Fprintf(w, "%s\t%s\tERR\n", a, b)
		} else {
			fmt.Fprintf(w, "%s\t%s\t%d\n", a, b, r)
		}
	}
	w.Flush()
	out.Close()
}
