// The tables whose rows point at each other by integer ids that differ from
// store to store: prompts, their versions, labels and label history, and
// retrieval documents with their chunks. Rows are matched by what they are
// (a prompt's name, a version's content hash) and ids are mapped.
#include <map>

#include "core/lineage/store_merge_detail.hpp"

namespace genops::core::lineage::merge_detail {

namespace {

using IdMap = std::map<std::int64_t, std::int64_t>;  // source id -> target id

// Source prompt id -> target prompt id (a prompt missing in the target is added); id -> name.
IdMap merge_prompt_names(Database& source, Database& target, Tally& tally, std::map<std::int64_t, std::string>& names) {
  IdMap ids;
  auto read = source.prepare("SELECT id, name, created_at FROM prompts");
  auto find = target.prepare("SELECT id FROM prompts WHERE name = ?1");
  auto insert = target.prepare("INSERT INTO prompts (name, created_at) VALUES (?1, ?2) RETURNING id");
  while (read.step()) {
    names[read.integer(0)] = read.text(1);
    find.bind(1, read.text(1));
    if (find.step()) {
      ids[read.integer(0)] = find.integer(0);
      tally.same();
    } else {
      insert.bind(1, read.text(1)).bind(2, read.text(2));
      insert.step();
      ids[read.integer(0)] = insert.integer(0);
      insert.reset();
      tally.added("prompts");
    }
    find.reset();
  }
  return ids;
}

struct SourceVersion {
  std::int64_t id = 0, prompt_id = 0, number = 0;
  std::string hash;
  std::vector<Value> rest;  // content_blob, source_blob, source_path, message, author, created_at
  std::optional<std::int64_t> parent_id;
};

// Source version id -> target version id, for versions now in the target with the same number.
IdMap merge_versions(Database& source, Database& target, Tally& tally, const IdMap& prompts,
                     const std::map<std::int64_t, std::string>& names) {
  IdMap ids;
  auto read = source.prepare(
      "SELECT id, prompt_id, number, hash, content_blob, source_blob, source_path, message, author, created_at, "
      "parent_id FROM prompt_versions ORDER BY prompt_id, number");
  auto by_hash = target.prepare("SELECT id, number FROM prompt_versions WHERE prompt_id = ?1 AND hash = ?2");
  auto by_number = target.prepare("SELECT hash FROM prompt_versions WHERE prompt_id = ?1 AND number = ?2");
  auto insert = target.prepare(
      "INSERT INTO prompt_versions (prompt_id, number, hash, content_blob, source_blob, source_path, message, author, "
      "created_at, parent_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id");
  while (read.step()) {
    const auto id = read.integer(0), number = read.integer(2);
    const auto prompt = prompts.at(read.integer(1));
    const auto hash = read.text(3);
    const std::string name = names.at(read.integer(1));
    by_hash.bind(1, prompt).bind(2, hash);
    if (by_hash.step()) {
      if (by_hash.integer(1) == number) {
        ids[id] = by_hash.integer(0);
        tally.same();
      } else {
        tally.conflict("prompt_versions", "prompt=" + name + ", hash=" + hash.substr(0, 12),
                       {"number (" + std::to_string(by_hash.integer(1)) + " in the target, " + std::to_string(number) +
                        " in the source)"});
      }
      by_hash.reset();
      continue;
    }
    by_hash.reset();
    by_number.bind(1, prompt).bind(2, number);
    if (by_number.step()) {
      tally.conflict("prompt_versions", "prompt=" + name + ", number=" + std::to_string(number),
                     {"hash (" + by_number.text(0).substr(0, 12) + " in the target, " + hash.substr(0, 12) +
                      " in the source)"});
      by_number.reset();
      continue;
    }
    by_number.reset();
    insert.bind(1, prompt).bind(2, number).bind(3, hash).bind(4, read.text(4));
    bind_value(insert, 5, read_value(read, 5, Type::text), Type::text);
    bind_value(insert, 6, read_value(read, 6, Type::text), Type::text);
    insert.bind(7, read.text(7)).bind(8, read.text(8)).bind(9, read.text(9));
    auto parent = read.is_null(10) ? ids.end() : ids.find(read.integer(10));
    if (parent == ids.end()) insert.bind_null(10);
    else insert.bind(10, parent->second);
    insert.step();
    ids[id] = insert.integer(0);
    insert.reset();
    tally.added("prompt_versions");
  }
  return ids;
}

void merge_labels(Database& source, Database& target, Tally& tally, const IdMap& prompts, const IdMap& versions,
                  const std::map<std::int64_t, std::string>& names) {
  auto read = source.prepare("SELECT prompt_id, label, version_id, moved_at FROM labels");
  auto find = target.prepare("SELECT version_id FROM labels WHERE prompt_id = ?1 AND label = ?2");
  auto insert = target.prepare("INSERT INTO labels (prompt_id, label, version_id, moved_at) VALUES (?1, ?2, ?3, ?4)");
  while (read.step()) {
    const auto prompt = prompts.at(read.integer(0));
    const std::string key = "prompt=" + names.at(read.integer(0)) + ", label=" + read.text(1);
    auto version = versions.find(read.integer(2));
    find.bind(1, prompt).bind(2, read.text(1));
    if (find.step()) {
      if (version != versions.end() && find.integer(0) == version->second) tally.same();
      else tally.conflict("labels", key, {"version_id"});
    } else if (version == versions.end()) {
      tally.conflict("labels", key, {"version_id (its version is a conflict)"});
    } else {
      insert.bind(1, prompt).bind(2, read.text(1)).bind(3, version->second).bind(4, read.text(3)).run();
      insert.reset();
      tally.added("labels");
    }
    find.reset();
  }
}

// A move is the same move when prompt, label, versions, author and time agree.
void merge_label_history(Database& source, Database& target, Tally& tally, const IdMap& prompts, const IdMap& versions) {
  auto read = source.prepare("SELECT prompt_id, label, version_id, previous_version_id, author, moved_at FROM label_history");
  const std::string same = "SELECT 1 FROM label_history WHERE prompt_id = ?1 AND label = ?2 AND version_id = ?3 AND "
                           "author = ?4 AND moved_at = ?5 AND ";
  auto find_first = target.prepare(same + "previous_version_id IS NULL");
  auto find_move = target.prepare(same + "previous_version_id = ?6");
  auto insert = target.prepare(
      "INSERT INTO label_history (prompt_id, label, version_id, previous_version_id, author, moved_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  while (read.step()) {
    auto version = versions.find(read.integer(2));
    auto previous = read.is_null(3) ? versions.end() : versions.find(read.integer(3));
    if (version == versions.end() || (!read.is_null(3) && previous == versions.end())) continue;  // a version conflict
    auto& find = read.is_null(3) ? find_first : find_move;
    find.bind(1, prompts.at(read.integer(0))).bind(2, read.text(1)).bind(3, version->second).bind(4, read.text(4))
        .bind(5, read.text(5));
    if (!read.is_null(3)) find.bind(6, previous->second);
    if (find.step()) tally.same();
    else {
      insert.bind(1, prompts.at(read.integer(0))).bind(2, read.text(1)).bind(3, version->second);
      if (read.is_null(3)) insert.bind_null(4);
      else insert.bind(4, previous->second);
      insert.bind(5, read.text(4)).bind(6, read.text(5)).run();
      insert.reset();
      tally.added("label_history");
    }
    find.reset();
  }
}

}  // namespace

void merge_prompts(Database& source, Database& target, Tally& tally) {
  std::map<std::int64_t, std::string> names;
  const auto prompts = merge_prompt_names(source, target, tally, names);
  const auto versions = merge_versions(source, target, tally, prompts, names);
  merge_labels(source, target, tally, prompts, versions, names);
  merge_label_history(source, target, tally, prompts, versions);
}

void merge_retrieval_documents(Database& source, Database& target, Tally& tally) {
  auto read = source.prepare("SELECT index_name, source, content_hash, added_at FROM retrieval_documents");
  auto find = target.prepare("SELECT content_hash FROM retrieval_documents WHERE index_name = ?1 AND source = ?2");
  auto insert = target.prepare(
      "INSERT INTO retrieval_documents (index_name, source, content_hash, added_at) VALUES (?1, ?2, ?3, ?4)");
  auto chunks = source.prepare(
      "SELECT ordinal, text, embedding FROM retrieval_chunks WHERE index_name = ?1 AND source = ?2 ORDER BY ordinal");
  auto add_chunk = target.prepare(
      "INSERT INTO retrieval_chunks (index_name, source, ordinal, text, embedding) VALUES (?1, ?2, ?3, ?4, ?5)");
  while (read.step()) {
    const auto index = read.text(0), doc = read.text(1);
    find.bind(1, index).bind(2, doc);
    if (find.step()) {
      if (find.text(0) == read.text(2)) tally.same();
      else tally.conflict("retrieval_documents", "index_name=" + index + ", source=" + doc, {"content_hash"});
    } else {
      insert.bind(1, index).bind(2, doc).bind(3, read.text(2)).bind(4, read.text(3)).run();
      insert.reset();
      tally.added("retrieval_documents");
      chunks.bind(1, index).bind(2, doc);
      while (chunks.step()) {
        add_chunk.bind(1, index).bind(2, doc).bind(3, chunks.integer(0)).bind(4, chunks.text(1));
        bind_value(add_chunk, 5, read_value(chunks, 2, Type::blob), Type::blob);
        add_chunk.run();
        add_chunk.reset();
        tally.added("retrieval_chunks");
      }
      chunks.reset();
    }
    find.reset();
  }
}

}  // namespace genops::core::lineage::merge_detail
