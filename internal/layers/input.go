package layers

import "github.com/patchbay/patchbay/internal/catalog"

// LayerInput is one layer as Analyze needs it: its identity, its history line and its tar entries.
// Analyze stacks the inputs in slice order (the first is the bottom layer); Index is only a label, copied
// into the report and used to name layers in hints.
type LayerInput struct {
	Index          int
	DiffID         string
	Digest         string
	CreatedBy      string
	CompressedSize int64
	Files          []catalog.FileRecord // as catalog.LayerResult.Files: one record per tar entry, in tar order
}
