package java

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"github.com/patchbay/patchbay/internal/catalog"
)

// BenchmarkCatalogSpringBoot reads a Spring Boot jar of 40 stored libraries, the common case of a Java image.
func BenchmarkCatalogSpringBoot(b *testing.B) {
	entries := []zipEntry{pomEntry("com.example", "app", "1.0")}
	for i := range 10 {
		for _, f := range []string{"slf4j-nop.jar", "jul-to-slf4j.jar", "jackson-annotations.jar", "jcip-annotations-1.0.jar"} {
			entries = append(entries, stored(fmt.Sprintf("BOOT-INF/lib/%d-%s", i, f), fixture(b, f)))
		}
	}
	jar := buildZip(b, entries...)
	c := New()
	b.SetBytes(int64(len(jar)))
	b.ReportAllocs()
	for b.Loop() {
		f := catalog.NewFile(catalog.Entry{Path: "/app/app.jar", Mode: 0o644, Size: int64(len(jar))},
			bytes.NewReader(jar), "")
		res, err := c.Catalog(context.Background(), f)
		f.Close()
		if err != nil || len(res.Packages) != 41 {
			b.Fatalf("%d packages, error %v", len(res.Packages), err)
		}
	}
}
