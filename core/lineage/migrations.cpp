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

// 3: chain versions, runs and their steps (issue 5). Requests, outputs,
// inputs and outputs of runs are blobs; steps name their parent step.
constexpr std::string_view k_v3 = R"sql(
CREATE TABLE chain_versions (
  hash TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  source_path TEXT NOT NULL,
  content_blob TEXT NOT NULL REFERENCES blobs(hash),
  created_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE runs (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  version TEXT NOT NULL,
  source_path TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,
  started_at TEXT NOT NULL,
  ended_at TEXT,
  inputs_blob TEXT REFERENCES blobs(hash),
  outputs_blob TEXT REFERENCES blobs(hash),
  error TEXT NOT NULL DEFAULT '',
  steps INTEGER NOT NULL DEFAULT 0,
  input_tokens INTEGER NOT NULL DEFAULT 0,
  output_tokens INTEGER NOT NULL DEFAULT 0,
  cost_usd REAL NOT NULL DEFAULT 0,
  duration_ms INTEGER NOT NULL DEFAULT 0,
  git_commit TEXT NOT NULL DEFAULT '',
  host TEXT NOT NULL DEFAULT '',
  batch_id TEXT NOT NULL DEFAULT '',
  row_index INTEGER
) WITHOUT ROWID;
CREATE INDEX runs_started ON runs(started_at);
CREATE INDEX runs_name_started ON runs(name, started_at);
CREATE TABLE steps (
  run_id TEXT NOT NULL REFERENCES runs(id),
  seq INTEGER NOT NULL,
  parent_seq INTEGER,
  item_index INTEGER,
  step_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  status TEXT NOT NULL,
  prompt_ref TEXT NOT NULL DEFAULT '',
  prompt_hash TEXT NOT NULL DEFAULT '',
  provider TEXT NOT NULL DEFAULT '',
  model TEXT NOT NULL DEFAULT '',
  params TEXT NOT NULL DEFAULT '',
  request_blob TEXT REFERENCES blobs(hash),
  output_blob TEXT REFERENCES blobs(hash),
  input_tokens INTEGER NOT NULL DEFAULT 0,
  output_tokens INTEGER NOT NULL DEFAULT 0,
  cost_usd REAL NOT NULL DEFAULT 0,
  started_at TEXT NOT NULL,
  latency_us INTEGER NOT NULL DEFAULT 0,
  cache_hit INTEGER NOT NULL DEFAULT 0,
  retries INTEGER NOT NULL DEFAULT 0,
  error TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (run_id, seq)
) WITHOUT ROWID;
)sql";

constexpr std::array<std::string_view, 3> k_migrations{k_v1, k_v2, k_v3};

}  // namespace

std::span<const std::string_view> migrations() { return k_migrations; }

}  // namespace genops::core::lineage
