// Package fleet is Patchbay's inventory: every image in the company's registries with its SBOM, layers and
// tag history; every workload in its clusters and charts; each image's base, kind, hosting model and owner; and
// the findings of every image over time. It reads registries and clusters through internal/image and
// internal/kube, and keeps everything in the store.
package fleet

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	"github.com/klauspost/compress/zstd"

	"github.com/patchbay/patchbay/internal/image"
	"github.com/patchbay/patchbay/internal/match"
	"github.com/patchbay/patchbay/internal/sbom"
	"github.com/patchbay/patchbay/internal/store"
)

// timeLayout is fixed-width so that stored times sort as text.
const timeLayout = "2006-01-02T15:04:05.000000Z"

func now() string { return time.Now().UTC().Format(timeLayout) }

// ChainIDs computes the OCI chain ID of each layer prefix: ChainID(L0) = DiffID(L0),
// ChainID(L0..n) = sha256(ChainID(L0..n-1) + " " + DiffID(Ln)). Two images share a chain ID exactly when they
// share all layers up to it, which is how a base image is recognised inside an application image.
func ChainIDs(diffIDs []string) []string {
	out := make([]string, len(diffIDs))
	for i, d := range diffIDs {
		if i == 0 {
			out[i] = d
			continue
		}
		sum := sha256.Sum256([]byte(out[i-1] + " " + d))
		out[i] = "sha256:" + hex.EncodeToString(sum[:])
	}
	return out
}

// Known says whether the store already has an image (so that syncing does not analyse it again).
func Known(ctx context.Context, db *store.DB, digest string) (bool, error) {
	var n int
	err := db.QueryRowContext(ctx, db.Rebind(`SELECT COUNT(*) FROM images WHERE digest = ?`), digest).Scan(&n)
	return n > 0, err
}

// RecordImage stores an analysed image: its SBOM (compressed, so that re-matching never reads the image again),
// its layers with their chain IDs, and its packages with what matching compares them as. An image already known
// is left as it is.
func RecordImage(ctx context.Context, db *store.DB, img *image.Image, s *sbom.SBOM, repository string) error {
	if known, err := Known(ctx, db, img.ManifestDigest); err != nil || known {
		return err
	}
	diffIDs := make([]string, len(s.Layers))
	for i, l := range s.Layers {
		diffIDs[i] = l.DiffID
	}
	chains := ChainIDs(diffIDs)
	top := ""
	if len(chains) > 0 {
		top = chains[len(chains)-1]
	}
	raw, err := json.Marshal(s)
	if err != nil {
		return err
	}
	enc, _ := zstd.NewWriter(nil, zstd.WithEncoderConcurrency(1))
	defer enc.Close()
	labels, _ := json.Marshal(s.Source.Labels)
	annotations, _ := json.Marshal(s.Source.Annotations)
	distro := ""
	if s.Distro != nil {
		distro = s.Distro.ID + ":" + s.Distro.VersionID
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, db.Rebind(`INSERT INTO images (digest, repository, platform, created, distro, labels,
		annotations, layer_count, top_chain_id, analysed_at, sbom) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
		img.ManifestDigest, repository, s.Source.Platform, s.Source.Created, distro, string(labels), string(annotations),
		len(s.Layers), top, now(), enc.EncodeAll(raw, nil)); err != nil {
		return fmt.Errorf("image %s: %w", img.ManifestDigest, err)
	}
	layerStmt, err := tx.PrepareContext(ctx, db.Rebind(`INSERT INTO image_layers (image_digest, idx, diff_id, chain_id) VALUES (?, ?, ?, ?)`))
	if err != nil {
		return err
	}
	defer layerStmt.Close()
	for i := range diffIDs {
		if _, err := layerStmt.ExecContext(ctx, img.ManifestDigest, i, diffIDs[i], chains[i]); err != nil {
			return fmt.Errorf("image %s: layer %d: %w", img.ManifestDigest, i, err)
		}
	}
	pkgStmt, err := tx.PrepareContext(ctx, db.Rebind(`INSERT INTO image_packages (image_digest, seq, type, name, version,
		purl, path, layer_index, ecosystem, release, match_name, match_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`))
	if err != nil {
		return err
	}
	defer pkgStmt.Close()
	for i, p := range s.Packages {
		t, _ := match.TargetOf(p, s.Distro) // the zero Target for a package that cannot be matched
		path := ""
		if len(p.Paths) > 0 {
			path = p.Paths[0]
		}
		if _, err := pkgStmt.ExecContext(ctx, img.ManifestDigest, i, p.Type, p.Name, p.Version, p.PURL, path, p.Layer.Index,
			t.Key.Ecosystem, t.Release, t.Key.Name, t.Version); err != nil {
			return fmt.Errorf("image %s: package %s: %w", img.ManifestDigest, p.Name, err)
		}
	}
	return tx.Commit()
}

// RecordTags notes that these tags of a repository point at digest now: a tag that pointed elsewhere before
// keeps its history, marked no longer current.
func RecordTags(ctx context.Context, db *store.DB, repository string, tags []string, digest string) error {
	t := now()
	for _, tag := range tags {
		if _, err := db.ExecContext(ctx, db.Rebind(`UPDATE image_tags SET current = 0 WHERE repository = ? AND tag = ? AND digest <> ?`), repository, tag, digest); err != nil {
			return err
		}
		if _, err := db.ExecContext(ctx, db.Rebind(`INSERT INTO image_tags (repository, tag, digest, first_seen, last_seen, current)
			VALUES (?, ?, ?, ?, ?, 1) ON CONFLICT (repository, tag, digest) DO UPDATE SET last_seen = excluded.last_seen, current = 1`),
			repository, tag, digest, t, t); err != nil {
			return err
		}
	}
	return nil
}

// LoadSBOM reads back the SBOM stored with an image.
func LoadSBOM(ctx context.Context, db *store.DB, digest string) (*sbom.SBOM, error) {
	var blob []byte
	if err := db.QueryRowContext(ctx, db.Rebind(`SELECT sbom FROM images WHERE digest = ?`), digest).Scan(&blob); err != nil {
		return nil, fmt.Errorf("image %s: %w", digest, err)
	}
	return decodeSBOM(blob)
}

func decodeSBOM(blob []byte) (*sbom.SBOM, error) {
	dec, err := zstd.NewReader(nil, zstd.WithDecoderConcurrency(1))
	if err != nil {
		return nil, err
	}
	defer dec.Close()
	raw, err := dec.DecodeAll(blob, nil)
	if err != nil {
		return nil, err
	}
	var s sbom.SBOM
	return &s, json.Unmarshal(raw, &s)
}
