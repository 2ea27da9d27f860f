// Package layers judges the hygiene of an image's layers from the file lists the catalogers produced
// (catalog.FileRecord), the way the `dive` tool (github.com/wagoodman/dive) does, plus the hints a reviewer
// would give.
//
// # Efficiency and wasted space (dive-compatible)
//
// dive's filetree/efficiency.go, restated for FileRecords:
//
//   - Each layer has its own tree: one node per tar entry (the last entry wins when a path repeats),
//     one node per whiteout (named ".wh.NAME" in dive, so it is a sibling of a NAME entry of the same layer,
//     never the same node), and implied parent directories for everything. A node is a LEAF when nothing of
//     the same layer lies below it, so a directory entry with entries under it is not a leaf, an empty one is.
//   - Every leaf of every layer is an occurrence of its path (a whiteout's path is the path it deletes).
//     Its size is the entry's recorded size (symlinks and hardlinks included, as recorded), except for a
//     whiteout: if the path, in the view stacked from the layers BELOW, is a directory in dive's eyes, the
//     size is the sum of the sizes of that directory and everything under it; otherwise (a file, or not
//     found) it is 0.
//   - Per path: cumulative = sum of the occurrence sizes, minimum = smallest occurrence size, count.
//     Efficiency = sum(minimum) / sum(cumulative) over all paths (1.0 when that sum is 0).
//     A path with count >= 2 is an inefficiency; wasted bytes = sum of their cumulative sizes.
//   - User wasted percent = wasted bytes / user bytes, where user bytes = the sizes of all entries of all
//     layers but the first. It is a FRACTION (0.25 means 25%), as dive's `highestUserWastedPercent` CI rule
//     reads it, and it can exceed 1 since the wasted bytes include the first layer's.
//
// Consequences of dive's rules worth knowing when reading a score: deleting a FILE in a later layer makes
// its bytes wasted (two occurrences, min 0); deleting a DIRECTORY does not (the whiteout is an occurrence of
// the directory path, the deleted files are occurrences of their own paths, each seen once), it only adds
// the directory's size to both sums. Rewriting a file in a later layer (chown -R, chmod, a new version)
// wastes the sum of all its versions, including the one that stays.
//
// "In dive's eyes" matters for one dive quirk we keep on purpose, so that scores match dive's:
// dive gives an implied parent directory (one with no tar entry of its own in a layer) an empty payload,
// and stacking a layer copies that payload onto the stacked node. So a directory is a directory for the
// whiteout-size rule only if the last layer that mentioned it (by an entry, or as the implied parent of an
// entry, a whiteout or an opaque marker) had an explicit directory entry for it. Docker and BuildKit write
// parent directory entries, so this rarely bites; layers built by tools that omit them (and dive's own test
// case) do see it.
//
// # Deliberate departures from dive
//
//   - Opaque directories (".wh..wh..opq" in D): dive never adds the marker to its trees, so it neither hides
//     D's old contents nor counts them. Here an opaque marker is modelled as a whiteout of each child that D
//     has in the view below (exactly what a tool without opaque markers would have written), each sized by the
//     rule above; D itself stays, as a node of the layer's tree (a leaf of size 0 when nothing was below).
//     Scores of images with opaque directories therefore differ from dive's, on purpose: the hidden bytes are
//     real waste.
//   - A whiteout of a path that is not in the view below counts 0. dive's visitor returns an error there,
//     which stops the visit of the rest of that layer's tree, a bug we do not copy.
//   - Within a layer, whiteouts apply to the layers below only (OCI image spec), whatever their tar order;
//     dive applies them in its sorted visit order, which only differs for names sorting before ".wh.".
//   - Stacking follows OCI: a non-directory entry replaces a directory together with everything under it
//     (dive keeps the old children under the new node).
//   - When user bytes are 0, the user wasted percent is 0 (dive divides by zero; JSON has no NaN or Inf).
//
// # Per-layer figures
//
// Added, changed and removed are counted against the view stacked from the layers below: added and changed
// count the layer's entries (directories included; the last entry of a repeated path once), removed counts
// every path that had an entry of its own and left the view through a whiteout, an opaque marker, or a
// non-directory replacing a directory. A layer's wasted bytes are the bytes it ships that a later layer
// overwrites or deletes (and its own repeated entries but the last); so the layers' wasted bytes add up to
// TotalBytes - ImageBytes. This is not dive's per-path waste figure; Report.WastedBytes is.
//
// # Cost
//
// Each layer is sorted once (O(n log n)); the stacked view is a path trie whose nodes share the input's path
// strings; deleted subtrees are walked once to size them and once to remove them. A whiteout's subtree is
// walked again only when another whiteout of the same layer lies inside it.
package layers
