package analyze

import (
	"github.com/patchbay/patchbay/internal/catalog"
	"github.com/patchbay/patchbay/internal/catalog/apk"
	"github.com/patchbay/patchbay/internal/catalog/dpkg"
	"github.com/patchbay/patchbay/internal/catalog/osrelease"
)

// DefaultCatalogers is every cataloger Patchbay has. The OS catalogers keep, from their file lists, the paths the
// language catalogers could take as evidence, to tell a language package that the OS installed.
func DefaultCatalogers() []catalog.Cataloger {
	language := []catalog.Cataloger{}
	keep := catalog.EvidenceFilter(language)
	cats := []catalog.Cataloger{osrelease.New(), dpkg.New(keep), apk.New(keep)}
	return append(cats, language...)
}
