package layers

import "fmt"

// laterLayerMessage explains a hint about bytes a later layer hid. The advice is the same everywhere:
// a later RUN cannot take bytes out of an earlier layer, only the RUN that wrote them can avoid writing them.
func laterLayerMessage(kind string, by int) string {
	switch kind {
	case HintDeletedLater:
		return fmt.Sprintf("deleted by layer %d, yet still shipped in this one: remove it in the same step that creates it, or copy only what you need from a build stage", by)
	case HintOverwritten:
		return fmt.Sprintf("replaced by layer %d, yet this older version still ships: write the file once in its final form (chown/chmod flags on COPY, not a later RUN chown -R)", by)
	}
	return fmt.Sprintf("hidden by layer %d, yet still shipped in this one", by)
}

// duplicateMessage explains a duplicate-file hint: the evidence is size and name only.
func duplicateMessage(copies int, first string) string {
	if copies == 2 {
		return fmt.Sprintf("same size and name as %s: likely a duplicate (contents not compared); keep one copy, or link it", first)
	}
	return fmt.Sprintf("%d files share this size and name (e.g. %s): likely duplicates (contents not compared); keep one copy, or link them", copies, first)
}

// cacheMessage explains a package-cache or temp-files hint.
func cacheMessage(r *cacheRule, files int) string {
	noun := "files"
	if files == 1 {
		noun = "file"
	}
	return fmt.Sprintf("%s left in the layer (%d %s): %s", r.what, files, noun, r.advice)
}
