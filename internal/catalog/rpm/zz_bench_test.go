package rpm

import "testing"

func BenchmarkNDB(b *testing.B) {
	data := readFixture(b, "ndb/Packages.db")
	for b.Loop() {
		catalogBytes(b, New(), "/var/lib/rpm/Packages.db", data, int64(len(data)))
	}
}
