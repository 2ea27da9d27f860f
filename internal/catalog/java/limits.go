package java

// limits bound the work and the memory spent on one archive file of an image, nested archives included. An image
// is untrusted input: a jar may be a zip bomb, nest archives without end, or lie in its headers. When a limit is
// hit the cataloger reports it and returns what it found so far; it never fails the whole file for a nested
// problem.
type limits struct {
	// maxDepth is how deep archives are opened inside the file: 0 is the file itself, 1 an archive inside it
	// (BOOT-INF/lib/x.jar), 2 one inside that (a.ear!/b.war!/WEB-INF/lib/c.jar). Real layouts stop at 3.
	maxDepth int
	// maxNestedSize bounds a compressed nested archive, which is decompressed into memory: its declared size is
	// checked before reading, and the bytes really read are checked against the declared size.
	maxNestedSize int64
	// maxHeldInMemory bounds the nested archives held in memory at once, which are those along the current chain
	// of nesting (an outer archive stays open while its inner ones are read).
	maxHeldInMemory int64
	// maxBytesRead is the zip bomb guard: every byte read from an archive (central directories, headers,
	// compressed data) and every byte decompressed counts against it, for the whole file.
	maxBytesRead int64
	// maxArchives bounds how many nested archives are opened in one file; overlapping zip entries could
	// otherwise make a small file hold an exponential number of them.
	maxArchives int
	// maxEntries bounds the entries of one archive, whether declared (zip64 lets a header announce billions,
	// which archive/zip would allocate room for) or found.
	maxEntries int
	// maxCentralDirectory bounds the bytes read while opening one archive; archive/zip keeps a few hundred bytes
	// per entry in memory, so this is what bounds the memory of a central directory.
	maxCentralDirectory int64
	// maxPropertiesSize bounds a pom.properties file.
	maxPropertiesSize int64
	// maxManifestRead bounds the bytes of MANIFEST.MF scanned for its main section; maxManifestLine bounds one
	// header kept in memory.
	maxManifestRead int64
	maxManifestLine int
	// maxProblems bounds the problems reported for one file; the rest are counted.
	maxProblems int
}

// defaultLimits are generous for real images: the largest shaded jars (cloud SDK bundles) have about 150,000
// entries in 20 MiB of central directory, and Spring Boot and WAR files nest one level, rarely two.
var defaultLimits = limits{
	maxDepth:            8,
	maxNestedSize:       64 << 20,
	maxHeldInMemory:     128 << 20,
	maxBytesRead:        512 << 20,
	maxArchives:         10_000,
	maxEntries:          250_000,
	maxCentralDirectory: 32 << 20,
	maxPropertiesSize:   64 << 10,
	maxManifestRead:     1 << 20,
	maxManifestLine:     64 << 10,
	maxProblems:         32,
}
