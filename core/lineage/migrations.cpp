#include "core/lineage/migrations.hpp"

#include <array>

namespace genops::core::lineage {

namespace {

// 1: blobs, prompts, their versions and labels with history.
constexpr std::string_view k_v1 = R"sql(
CREATE TABLE blobs (
  hash TEXT PRIMARY KEY,
  size INTEGER NOT NULL,
  content BLOB NOT NULL
) WITHOUT ROWID;
CREATE TABLE prompts (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);
CREATE TABLE prompt_versions (
  id INTEGER PRIMARY KEY,
  prompt_id INTEGER NOT NULL REFERENCES prompts(id),
  number INTEGER NOT NULL,
  hash TEXT NOT NULL,
  content_blob TEXT NOT NULL REFERENCES blobs(hash),
  source_blob TEXT REFERENCES blobs(hash),
  source_path TEXT,
  message TEXT NOT NULL DEFAULT '',
  author TEXT NOT NULL,
  created_at TEXT NOT NULL,
  parent_id INTEGER REFERENCES prompt_versions(id),
  UNIQUE (prompt_id, number),
  UNIQUE (prompt_id, hash)
);
CREATE INDEX prompt_versions_hash ON prompt_versions(hash);
CREATE TABLE labels (
  prompt_id INTEGER NOT NULL REFERENCES prompts(id),
  label TEXT NOT NULL,
  version_id INTEGER NOT NULL REFERENCES prompt_versions(id),
  moved_at TEXT NOT NULL,
  PRIMARY KEY (prompt_id, label)
);
CREATE TABLE label_history (
  id INTEGER PRIMARY KEY,
  prompt_id INTEGER NOT NULL REFERENCES prompts(id),
  label TEXT NOT NULL,
  version_id INTEGER NOT NULL REFERENCES prompt_versions(id),
  previous_version_id INTEGER REFERENCES prompt_versions(id),
  author TEXT NOT NULL,
  moved_at TEXT NOT NULL
);
)sql";

// 2: the provider response cache, keyed by the SHA-256 of the canonical request.
constexpr std::string_view k_v2 = R"sql(
CREATE TABLE response_cache (
  key TEXT PRIMARY KEY,
  response TEXT NOT NULL,
  created_at TEXT NOT NULL,
  hits INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
)sql";

constexpr std::array<std::string_view, 2> k_migrations{k_v1, k_v2};

}  // namespace

std::span<const std::string_view> migrations() { return k_migrations; }

}  // namespace genops::core::lineage
