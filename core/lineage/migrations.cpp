#include "core/lineage/migrations.hpp"

#include <array>

#include "core/lineage/pg_sql.hpp"

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

// 4: retrieval indexes (issue 5, `genops index`): settings per index, one row
// per source document (its content hash decides re-chunking), chunks with an
// optional embedding (little-endian float32 BLOB) and an FTS5 table over
// chunk text (Porter stemming: "refunds" finds "refund") whose rowid is the chunk's id.
constexpr std::string_view k_v4 = R"sql(
CREATE TABLE retrieval_indexes (
  name TEXT PRIMARY KEY,
  chunk_size INTEGER NOT NULL,
  overlap INTEGER NOT NULL,
  embed_provider TEXT NOT NULL DEFAULT '',
  dims INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE retrieval_documents (
  index_name TEXT NOT NULL REFERENCES retrieval_indexes(name),
  source TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  added_at TEXT NOT NULL,
  PRIMARY KEY (index_name, source)
) WITHOUT ROWID;
CREATE TABLE retrieval_chunks (
  id INTEGER PRIMARY KEY,
  index_name TEXT NOT NULL,
  source TEXT NOT NULL,
  ordinal INTEGER NOT NULL,
  text TEXT NOT NULL,
  embedding BLOB,
  FOREIGN KEY (index_name, source) REFERENCES retrieval_documents(index_name, source)
);
CREATE INDEX retrieval_chunks_source ON retrieval_chunks(index_name, source);
CREATE VIRTUAL TABLE retrieval_fts USING fts5(text, content='retrieval_chunks', content_rowid='id', tokenize='porter unicode61');
CREATE TRIGGER retrieval_chunks_ai AFTER INSERT ON retrieval_chunks BEGIN
  INSERT INTO retrieval_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER retrieval_chunks_ad AFTER DELETE ON retrieval_chunks BEGIN
  INSERT INTO retrieval_fts(retrieval_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
)sql";

// 5: small texts of steps and runs inline (issue 5). As blobs, every step
// inserted rows at random hash keys, dirtying random pages: 4,000 steps/s.
constexpr std::string_view k_v5 = R"sql(
ALTER TABLE steps ADD COLUMN request TEXT;
ALTER TABLE steps ADD COLUMN output TEXT;
ALTER TABLE runs ADD COLUMN inputs TEXT;
ALTER TABLE runs ADD COLUMN outputs TEXT;
)sql";

// 6: eval runs, one row per (case, provider, repeat) result, run labels
// (`genops eval --label main`) and the prompt versions each run used.
constexpr std::string_view k_v6 = R"sql(
CREATE TABLE eval_runs (
  id TEXT PRIMARY KEY,
  suite TEXT NOT NULL,
  suite_path TEXT NOT NULL DEFAULT '',
  suite_hash TEXT NOT NULL DEFAULT '',
  target TEXT NOT NULL,
  target_version TEXT NOT NULL DEFAULT '',
  providers TEXT NOT NULL DEFAULT '[]',
  repeat INTEGER NOT NULL DEFAULT 1,
  status TEXT NOT NULL,
  started_at TEXT NOT NULL,
  ended_at TEXT,
  planned INTEGER NOT NULL DEFAULT 0,
  summary TEXT,
  gate_passed INTEGER,
  git_commit TEXT NOT NULL DEFAULT '',
  host TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE INDEX eval_runs_suite_started ON eval_runs(suite, started_at);
CREATE TABLE eval_results (
  eval_run_id TEXT NOT NULL REFERENCES eval_runs(id),
  case_key TEXT NOT NULL,
  provider TEXT NOT NULL DEFAULT '',
  repeat INTEGER NOT NULL,
  case_index INTEGER NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  vars TEXT NOT NULL DEFAULT '{}',
  expected TEXT,
  output TEXT NOT NULL DEFAULT '',
  run_id TEXT NOT NULL DEFAULT '',
  pass INTEGER NOT NULL,
  score REAL NOT NULL DEFAULT 0,
  error TEXT NOT NULL DEFAULT '',
  latency_ms INTEGER NOT NULL DEFAULT 0,
  input_tokens INTEGER NOT NULL DEFAULT 0,
  output_tokens INTEGER NOT NULL DEFAULT 0,
  cost_usd REAL NOT NULL DEFAULT 0,
  cached INTEGER NOT NULL DEFAULT 0,
  assertions TEXT NOT NULL DEFAULT '[]',
  PRIMARY KEY (eval_run_id, case_key, provider, repeat)
) WITHOUT ROWID;
CREATE TABLE eval_labels (
  label TEXT NOT NULL,
  suite TEXT NOT NULL,
  eval_run_id TEXT NOT NULL REFERENCES eval_runs(id),
  created_at TEXT NOT NULL
);
CREATE INDEX eval_labels_lookup ON eval_labels(suite, label, created_at);
CREATE TABLE eval_prompt_versions (
  eval_run_id TEXT NOT NULL REFERENCES eval_runs(id),
  prompt TEXT NOT NULL,
  version INTEGER NOT NULL,
  PRIMARY KEY (eval_run_id, prompt, version)
) WITHOUT ROWID;
CREATE INDEX eval_prompt_versions_prompt ON eval_prompt_versions(prompt, version);
)sql";

// 7: the owner of a run (issue 11): the pid and its start time on `host`, so a
// `running` run whose process is gone is shown as `abandoned`. 0 for runs
// recorded before (their owner is unknown and they are never called abandoned).
constexpr std::string_view k_v7 = R"sql(
ALTER TABLE runs ADD COLUMN owner_pid INTEGER NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN owner_start INTEGER NOT NULL DEFAULT 0;
ALTER TABLE eval_runs ADD COLUMN owner_pid INTEGER NOT NULL DEFAULT 0;
ALTER TABLE eval_runs ADD COLUMN owner_start INTEGER NOT NULL DEFAULT 0;
)sql";

// 8: evals across machines (issue 13): the shards of one logical run share
// `run_name`; a shard row has shard_index 1..shard_count, the row `genops
// evals finish` writes for the whole run has shard_index 0 and the shards'
// shard_count (its results are the shards'). `provider_used` is what reports
// call results without a matrix provider, so finish can name it too.
constexpr std::string_view k_v8 = R"sql(
ALTER TABLE eval_runs ADD COLUMN run_name TEXT NOT NULL DEFAULT '';
ALTER TABLE eval_runs ADD COLUMN shard_index INTEGER NOT NULL DEFAULT 0;
ALTER TABLE eval_runs ADD COLUMN shard_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE eval_runs ADD COLUMN provider_used TEXT NOT NULL DEFAULT '';
CREATE INDEX eval_runs_run_name ON eval_runs(run_name, suite);
)sql";

// 9: provider batch APIs (issue 17). A batch_jobs row is one batch submitted
// to a provider (its remote id, state and counts); batch_requests maps each of
// its custom_ids to the content hash of the request (providers/cache's key) and
// records how it ended; batch_results holds each request's answer once, by
// hash, so a resumed eval on any machine is answered from it.
constexpr std::string_view k_v9 = R"sql(
CREATE TABLE batch_jobs (
  id TEXT PRIMARY KEY,
  provider TEXT NOT NULL,
  kind TEXT NOT NULL,
  remote_id TEXT NOT NULL,
  input_file_id TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,
  request_count INTEGER NOT NULL,
  succeeded INTEGER NOT NULL DEFAULT 0,
  failed INTEGER NOT NULL DEFAULT 0,
  error TEXT NOT NULL DEFAULT '',
  eval_run_id TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX batch_jobs_status ON batch_jobs(status, provider);
CREATE TABLE batch_requests (
  job_id TEXT NOT NULL REFERENCES batch_jobs(id),
  custom_id TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending',
  error TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (job_id, custom_id)
);
CREATE INDEX batch_requests_hash ON batch_requests(request_hash);
CREATE TABLE batch_results (
  request_hash TEXT PRIMARY KEY,
  provider TEXT NOT NULL,
  job_id TEXT NOT NULL,
  response TEXT NOT NULL,
  created_at TEXT NOT NULL
);
)sql";

constexpr std::array<std::string_view, 9> k_migrations{k_v1, k_v2, k_v3, k_v4, k_v5, k_v6, k_v7, k_v8, k_v9};

// PostgreSQL's version 4: the same tables; full-text search over chunk text is
// a GIN index on an English tsvector (Snowball's English stemmer: "refunds"
// finds "refund") instead of the FTS5 table and its triggers.
std::string v4_postgresql() {
  std::string_view tables = k_v4.substr(0, k_v4.find("CREATE VIRTUAL TABLE"));
  return postgres_ddl(tables) +
         "CREATE INDEX retrieval_chunks_fts ON retrieval_chunks USING GIN (to_tsvector('english', text));\n";
}

// eval_labels is read in insertion order, which SQLite keeps in its rowid.
constexpr std::string_view k_v6_postgresql_extra = R"sql(
ALTER TABLE eval_labels ADD COLUMN rowid BIGINT GENERATED BY DEFAULT AS IDENTITY;
)sql";

}  // namespace

std::vector<std::string> migrations(Dialect dialect) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < k_migrations.size(); ++i) {
    if (dialect == Dialect::sqlite) {
      out.emplace_back(k_migrations[i]);
    } else if (i == 3) {
      out.push_back(v4_postgresql());
    } else if (i == 0) {
      // Blobs hold texts (prompt files, requests, outputs), bound and read as text.
      std::string v1(k_migrations[0]);
      v1.replace(v1.find("content BLOB"), 12, "content TEXT");
      out.push_back(postgres_ddl(v1));
    } else {
      out.push_back(postgres_ddl(k_migrations[i]));
      if (i == 5) out.back() += k_v6_postgresql_extra;
    }
  }
  return out;
}

}  // namespace genops::core::lineage
