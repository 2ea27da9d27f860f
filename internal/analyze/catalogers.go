package analyze

import (
	"github.com/patchbay/patchbay/internal/catalog"
	"github.com/patchbay/patchbay/internal/catalog/apk"
	"github.com/patchbay/patchbay/internal/catalog/dpkg"
	"github.com/patchbay/patchbay/internal/catalog/gobinary"
	"github.com/patchbay/patchbay/internal/catalog/java"
	"github.com/patchbay/patchbay/internal/catalog/npm"
	"github.com/patchbay/patchbay/internal/catalog/osrelease"
	"github.com/patchbay/patchbay/internal/catalog/python"
	"github.com/patchbay/patchbay/internal/catalog/rpm"
)

// DefaultCatalogers is every cataloger Patchbay has. The OS catalogers keep, from their file lists, the paths the
// language catalogers could take as evidence, to tell a language package that the OS installed.
func DefaultCatalogers() []catalog.Cataloger {
	language := []catalog.Cataloger{java.New(), npm.New(), python.New(), gobinary.New()}
	keep := catalog.EvidenceFilter(language)
	cats := []catalog.Cataloger{osrelease.New(), dpkg.New(keep), apk.New(keep), rpm.New().KeepOwned(keep)}
	return append(cats, language...)
}
