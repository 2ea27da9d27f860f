-- The fleet: images (with their SBOMs, so that re-matching reads no image), their layers and chain IDs (for
-- lineage), the tags that pointed at them over time, the workloads that run them, and their findings over time.
CREATE TABLE registries (
  url          TEXT PRIMARY KEY,
  repo_pattern TEXT NOT NULL DEFAULT '*',
  insecure     INTEGER NOT NULL DEFAULT 0,
  added_at     TEXT NOT NULL,
  last_sync    TEXT
);
CREATE TABLE images (
  digest         TEXT PRIMARY KEY,
  repository     TEXT NOT NULL DEFAULT '',
  platform       TEXT NOT NULL DEFAULT '',
  created        TEXT NOT NULL DEFAULT '',
  distro         TEXT NOT NULL DEFAULT '',
  labels         TEXT NOT NULL DEFAULT '{}',
  annotations    TEXT NOT NULL DEFAULT '{}',
  layer_count    INTEGER NOT NULL,
  top_chain_id   TEXT NOT NULL,
  base_digest    TEXT NOT NULL DEFAULT '',
  base_layers    INTEGER NOT NULL DEFAULT 0,
  base_source    TEXT NOT NULL DEFAULT '',
  kind           TEXT NOT NULL DEFAULT '',
  hosting_model  INTEGER NOT NULL DEFAULT 0,
  owner          TEXT NOT NULL DEFAULT '',
  owner_source   TEXT NOT NULL DEFAULT '',
  analysed_at    TEXT NOT NULL,
  sbom           BLOB NOT NULL
);
CREATE INDEX images_top_chain ON images(top_chain_id);
CREATE INDEX images_base ON images(base_digest);
CREATE TABLE image_layers (
  image_digest TEXT NOT NULL REFERENCES images(digest) ON DELETE CASCADE,
  idx          INTEGER NOT NULL,
  diff_id      TEXT NOT NULL,
  chain_id     TEXT NOT NULL,
  PRIMARY KEY (image_digest, idx)
);
CREATE INDEX image_layers_chain ON image_layers(chain_id);
CREATE TABLE image_tags (
  repository TEXT NOT NULL,
  tag        TEXT NOT NULL,
  digest     TEXT NOT NULL,
  first_seen TEXT NOT NULL,
  last_seen  TEXT NOT NULL,
  current    INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (repository, tag, digest)
);
CREATE INDEX image_tags_digest ON image_tags(digest);
CREATE TABLE image_packages (
  image_digest   TEXT NOT NULL REFERENCES images(digest) ON DELETE CASCADE,
  seq            INTEGER NOT NULL,
  type           TEXT NOT NULL,
  name           TEXT NOT NULL,
  version        TEXT NOT NULL,
  purl           TEXT NOT NULL DEFAULT '',
  path           TEXT NOT NULL DEFAULT '',
  layer_index    INTEGER NOT NULL,
  -- what matching compares (empty when the package cannot be matched): for a deb its source package and
  -- version in the image's release
  ecosystem      TEXT NOT NULL DEFAULT '',
  release        TEXT NOT NULL DEFAULT '',
  match_name     TEXT NOT NULL DEFAULT '',
  match_version  TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (image_digest, seq)
);
CREATE INDEX image_packages_match ON image_packages(ecosystem, match_name);
CREATE TABLE clusters (
  name       TEXT PRIMARY KEY,
  kubeconfig TEXT NOT NULL DEFAULT '',
  context    TEXT NOT NULL DEFAULT '',
  env_rules  TEXT NOT NULL DEFAULT '',
  owner_keys TEXT NOT NULL DEFAULT '',
  added_at   TEXT NOT NULL,
  last_sync  TEXT
);
CREATE TABLE charts (
  path        TEXT PRIMARY KEY,
  values_files TEXT NOT NULL DEFAULT '[]',
  environment TEXT NOT NULL DEFAULT '',
  release     TEXT NOT NULL DEFAULT '',
  namespace   TEXT NOT NULL DEFAULT '',
  added_at    TEXT NOT NULL,
  last_sync   TEXT
);
CREATE TABLE workloads (
  source        TEXT NOT NULL,
  namespace     TEXT NOT NULL,
  kind          TEXT NOT NULL,
  name          TEXT NOT NULL,
  container     TEXT NOT NULL,
  init          INTEGER NOT NULL DEFAULT 0,
  image         TEXT NOT NULL,
  digest        TEXT NOT NULL DEFAULT '',
  digest_source TEXT NOT NULL DEFAULT '',
  environment   TEXT NOT NULL DEFAULT '',
  owner         TEXT NOT NULL DEFAULT '',
  seen_at       TEXT NOT NULL,
  -- a container runs several digests during a rollout: one row each, all of them need patching
  PRIMARY KEY (source, namespace, kind, name, container, digest)
);
CREATE INDEX workloads_digest ON workloads(digest);
CREATE TABLE findings (
  image_digest TEXT NOT NULL REFERENCES images(digest) ON DELETE CASCADE,
  record_id    TEXT NOT NULL,
  pkg_seq      INTEGER NOT NULL,
  display_id   TEXT NOT NULL,
  rating       TEXT NOT NULL DEFAULT 'UNKNOWN',
  fixed        TEXT NOT NULL DEFAULT '[]',
  origin       TEXT NOT NULL DEFAULT '',
  first_seen   TEXT NOT NULL,
  resolved_at  TEXT,
  PRIMARY KEY (image_digest, record_id, pkg_seq)
);
CREATE INDEX findings_record ON findings(record_id);
CREATE TABLE settings (
  name  TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
