package version

import (
	"fmt"
	"os"
	"testing"
)

func TestDumpScratch(t *testing.T) {
	dump := func(name string, cs []cmpCase) {
		f, _ := os.Create("/tmp/oracle/cases-" + name)
		for _, c := range cs {
			fmt.Fprintf(f, "%q\t%q\t%d\n", c.a, c.b, c.want)
		}
		f.Close()
	}
	dump("maven", mavenCases); dump("pypi", pypiCases)
}
