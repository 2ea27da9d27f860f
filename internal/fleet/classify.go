package fleet

import (
	"context"
	"strings"

	"github.com/patchbay/patchbay/internal/store"
)

// Image kinds, in the words of the design: a still image is used as is (a database, a vendor's image); a base
// image is one others are built on; an application image is a base plus the application's layers.
const (
	KindStill       = "still"
	KindBase        = "base"
	KindApplication = "application"
)

// ownerLabels are the image labels that name an owner, in order of preference.
var ownerLabels = []string{"patchbay.dev/owner", "owner", "team", "org.opencontainers.image.authors"}

// Classify sets each image's kind, hosting model and owner, from the rules first and then from what the fleet
// shows: an image others are built on is a base (model 1: Ops-managed); one built on a fleet base is an
// application of that base's model; one with no base in the fleet is the project's own (model 2), or, when its
// repository is in no registry of the fleet (a third party's, seen only in a cluster), a still image (model 3).
// Owners come from the rules, then the image's own labels (not those it inherited from its base).
func Classify(ctx context.Context, db *store.DB, rules []Rule) error {
	imgs, err := loadImages(ctx, db, false)
	if err != nil {
		return err
	}
	extended := map[string]bool{} // images others are built on
	for _, img := range imgs {
		if img.base != "" {
			extended[img.base] = true
		}
	}
	ours, err := Registries(ctx, db)
	if err != nil {
		return err
	}
	inOurRegistry := func(repo string) bool {
		for _, r := range ours {
			if strings.HasPrefix(repo, r.Host+"/") {
				return true
			}
		}
		return false
	}
	type class struct {
		kind, owner, ownerSource string
		model                    int
	}
	result := map[string]*class{}
	var decide func(d string) *class
	decide = func(d string) *class {
		if c := result[d]; c != nil {
			return c
		}
		img := imgs[d]
		c := &class{}
		result[d] = c // guards against a cycle in bad data
		if img == nil {
			return c // a base the store no longer has
		}
		switch {
		case extended[d]:
			c.kind, c.model = KindBase, 1
		case img.base != "":
			c.kind = KindApplication
			if b := decide(img.base); b.model != 0 {
				c.model = b.model
			}
			if c.model == 3 {
				c.model = 2 // built on a third party's image: the project owns its Dockerfile and base choice
			}
		case len(ours) > 0 && !inOurRegistry(img.repository):
			c.kind, c.model = KindStill, 3
		default:
			c.kind, c.model = KindApplication, 2
		}
		for _, key := range ownerLabels {
			v := img.labels[key]
			if v == "" {
				continue
			}
			// labels are inherited from the base image's config: a label the base carries with the same value
			// names the base's owner, not this image's
			if b := imgs[img.base]; b != nil && b.labels[key] == v {
				continue
			}
			c.owner, c.ownerSource = v, "label:"+key
			break
		}
		for _, r := range rules {
			if !r.matches(img.repository, img.labels) {
				continue
			}
			if r.Kind != "" {
				c.kind = r.Kind
			}
			if r.Model != 0 {
				c.model = r.Model
			}
			if r.Owner != "" {
				c.owner, c.ownerSource = r.Owner, "rule:"+r.Pattern
			}
		}
		return c
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, db.Rebind(`UPDATE images SET kind = ?, hosting_model = ?, owner = ?, owner_source = ? WHERE digest = ?`))
	if err != nil {
		return err
	}
	defer stmt.Close()
	for d := range imgs {
		c := decide(d)
		if _, err := stmt.ExecContext(ctx, c.kind, c.model, c.owner, c.ownerSource, d); err != nil {
			return err
		}
	}
	return tx.Commit()
}
