-- Vulnerability records (OSV), their aliases and what they affect. Times are RFC 3339 UTC text, which sorts.
CREATE TABLE vulns (
  id              TEXT PRIMARY KEY,
  modified        TEXT NOT NULL,
  published       TEXT,
  withdrawn       TEXT,
  summary         TEXT NOT NULL DEFAULT '',
  severity_type   TEXT NOT NULL DEFAULT '',
  severity_vector TEXT NOT NULL DEFAULT '',
  severity_score  REAL NOT NULL DEFAULT 0,
  severity_rating TEXT NOT NULL DEFAULT 'UNKNOWN',
  source          TEXT NOT NULL DEFAULT '',
  raw             BLOB NOT NULL
);
CREATE TABLE vuln_aliases (
  vuln_id TEXT NOT NULL REFERENCES vulns(id) ON DELETE CASCADE,
  alias   TEXT NOT NULL,
  PRIMARY KEY (vuln_id, alias)
);
CREATE INDEX vuln_aliases_alias ON vuln_aliases(alias);
CREATE TABLE vuln_affected (
  vuln_id   TEXT NOT NULL REFERENCES vulns(id) ON DELETE CASCADE,
  seq       INTEGER NOT NULL,
  ecosystem TEXT NOT NULL,
  release   TEXT NOT NULL DEFAULT '',
  name      TEXT NOT NULL,
  ranges    TEXT NOT NULL DEFAULT '[]',
  versions  TEXT NOT NULL DEFAULT '[]',
  extra     TEXT NOT NULL DEFAULT '{}',
  PRIMARY KEY (vuln_id, seq)
);
CREATE INDEX vuln_affected_package ON vuln_affected(ecosystem, name);
CREATE TABLE vulndb_sources (
  ecosystem    TEXT PRIMARY KEY,
  url          TEXT NOT NULL DEFAULT '',
  etag         TEXT NOT NULL DEFAULT '',
  last_update  TEXT NOT NULL,
  max_modified TEXT NOT NULL DEFAULT ''
);
