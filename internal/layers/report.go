package layers

// Report is the hygiene of an image's layers. It is the `-o json` output, so every field is documented
// for its readers; sizes are bytes, ratios are fractions (0.25 means 25%).
type Report struct {
	// Layers, bottom first.
	Layers []LayerReport `json:"layers"`
	// Efficiency is dive's "image efficiency score" (1.0 is perfect): see the package documentation.
	Efficiency float64 `json:"efficiency"`
	// WastedBytes is dive's "potential wasted space": the cumulative size of every path found more than
	// once across the layers' leaves.
	WastedBytes int64 `json:"wasted_bytes"`
	// UserWastedRatio is WastedBytes / UserBytes: the figure dive calls "user wasted percent", which its
	// highestUserWastedPercent CI rule reads as a fraction too; 0 when UserBytes is 0. It can exceed 1.
	UserWastedRatio float64 `json:"user_wasted_ratio"`
	// TotalBytes is the sum of the recorded sizes of all entries of all layers (uncompressed content).
	TotalBytes int64 `json:"total_bytes"`
	// UserBytes is TotalBytes without the first layer, usually the base image's: the user's own layers.
	UserBytes int64 `json:"user_bytes"`
	// ImageBytes is the sum of the sizes of what a container sees: the final stacked view.
	ImageBytes int64 `json:"image_bytes"`
	// Inefficiencies are the paths found more than once, largest cumulative size first (dive's list).
	Inefficiencies []Inefficiency `json:"inefficiencies"`
	// Hints are a reviewer's remarks, largest first, at most HintsPerKind of each kind.
	Hints []Hint `json:"hints"`
	// HintsOmitted says, per kind, how many hints (and bytes) did not make the cut.
	HintsOmitted []OmittedHints `json:"hints_omitted,omitempty"`
}

// LayerReport is one layer's figures, counted against the view stacked from the layers below it.
type LayerReport struct {
	Index          int    `json:"index"`
	DiffID         string `json:"diff_id"`
	Digest         string `json:"digest"`
	CreatedBy      string `json:"created_by"`
	CompressedSize int64  `json:"compressed_size"`
	// UncompressedSize is the sum of the recorded sizes of the layer's entries (content bytes, not the
	// tar's own size with its headers and padding).
	UncompressedSize int64 `json:"uncompressed_size"`
	// Entries is the number of tar entries, whiteouts and opaque markers included.
	Entries int `json:"entries"`
	// FilesAdded counts entries whose path was not in the view below.
	FilesAdded int `json:"files_added"`
	// FilesChanged counts entries whose path was in the view below (of any kind: they overwrite it).
	FilesChanged int `json:"files_changed"`
	// FilesRemoved counts the paths (each file, link and directory) that left the view below through this
	// layer's whiteouts, opaque markers, or a non-directory replacing a directory.
	FilesRemoved int `json:"files_removed"`
	// WastedBytes is what this layer ships that later layers overwrite or delete: bytes still pulled and
	// stored, never seen.
	WastedBytes int64 `json:"wasted_bytes"`
}

// Inefficiency is a path found in more than one layer leaf (dive's EfficiencyData).
type Inefficiency struct {
	Path            string `json:"path"`
	Count           int    `json:"count"`
	CumulativeBytes int64  `json:"cumulative_bytes"`
	// Layers are the Index of the layer of each occurrence, bottom first; an index repeats when a layer has
	// both an entry and a whiteout for the path.
	Layers []int `json:"layers"`
}

// Hint kinds.
const (
	HintPackageCache = "package-cache"     // a package manager's download or index cache left in a layer
	HintTempFiles    = "temp-files"        // files left in /tmp or /var/tmp
	HintDeletedLater = "deleted-later"     // deleted by a later layer, yet shipped by this one
	HintOverwritten  = "overwritten-later" // replaced by a later layer, yet shipped by this one
	HintDuplicate    = "duplicate-file"    // same size and name at several paths of the final view
)

// Hint is one remark a reviewer would make about a layer.
type Hint struct {
	// Layer is the Index of the layer that ships the bytes.
	Layer int    `json:"layer"`
	Kind  string `json:"kind"`
	// Path is the file or directory concerned: a cache directory, the path a later layer deleted, the
	// overwritten file, or the newest copy of a duplicate.
	Path string `json:"path"`
	// Bytes is what fixing it would save.
	Bytes   int64  `json:"bytes"`
	Message string `json:"message"`
	// Others are the other copies of a duplicate.
	Others []string `json:"others,omitempty"`
}

// OmittedHints counts the hints of a kind left out of Report.Hints.
type OmittedHints struct {
	Kind  string `json:"kind"`
	Count int    `json:"count"`
	Bytes int64  `json:"bytes"`
}
