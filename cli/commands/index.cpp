// genops index add | list | query — local retrieval indexes for `retrieve` steps.
#include <iomanip>
#include <iostream>

#include "cli/commands/commands.hpp"
#include "cli/output.hpp"
#include "cli/retrieval_setup.hpp"
#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/regex.hpp"
#include "core/strings.hpp"

namespace genops::cli {

namespace {

using chains::IndexSettings;

struct AddOptions {
  std::string name;
  std::vector<std::string> files;
  int chunk_size = -1;  // -1: the index's own, or 800 for a new one
  int overlap = -1;     // -1: the index's own, or 100
  std::string embed;
};

// The index's settings: an existing index keeps its own; options given again must agree.
IndexSettings settings_for(chains::IndexStore& store, const AddOptions& o) {
  auto existing = store.find_index(o.name);
  IndexSettings s = existing ? *existing : IndexSettings{o.name, 800, 100, o.embed, 0};
  auto differs = [](int given, std::int64_t kept) { return given >= 0 && given != kept; };
  if (existing && (differs(o.chunk_size, s.chunk_size) || differs(o.overlap, s.overlap) || (!o.embed.empty() && o.embed != s.embed_provider)))
    core::fail_input("index " + core::quote(o.name) + " was built with --chunk-size " + std::to_string(s.chunk_size) + " --overlap " +
                         std::to_string(s.overlap) + (s.embed_provider.empty() ? "" : " --embed " + s.embed_provider) + "; its settings cannot change",
                     {"build a new index under another name for other settings"});
  if (o.chunk_size >= 0) s.chunk_size = o.chunk_size;
  if (o.overlap >= 0) s.overlap = o.overlap;
  if (s.chunk_size < 100 || s.chunk_size > 100000) core::fail_usage("--chunk-size must be 100-100000, got " + std::to_string(s.chunk_size));
  if (s.overlap < 0 || s.overlap > s.chunk_size / 2) core::fail_usage("--overlap must be 0 to half the chunk size, got " + std::to_string(s.overlap));
  return s;
}

void run_add(Context& ctx, const AddOptions& o) {
  static const core::Regex k_name = core::Regex::builtin("[A-Za-z0-9_-]{1,64}");
  if (!k_name.full_match(o.name)) core::fail_input("invalid index name " + core::quote(o.name), {"use letters, digits, _ and -"});
  auto files = index_input_files(o.files);
  auto& store = ctx.indexes(core::lineage::Access::write);
  auto settings = settings_for(store, o);
  const auto& provider = settings.embed_provider;
  core::llm::ModelClient* embedder = provider.empty() ? nullptr : &ctx.model_client(provider, Context::Cache::no);
  if (!store.find_index(o.name)) store.create_index(settings);
  for (const auto& file : files) {
    auto source = file.generic_string();
    auto [outcome, chunks] = chains::add_document(store, settings, source, core::read_file(file), embedder);
    std::cout << chains::to_string(outcome) << ": " << source;
    if (outcome != chains::DocumentChange::unchanged) std::cout << " (" << chunks << (chunks == 1 ? " chunk)" : " chunks)");
    std::cout << '\n';
  }
}

void run_list(Context& ctx, bool json) {
  auto& store = ctx.indexes(core::lineage::Access::read);
  auto out = nlohmann::json::array();
  std::vector<std::vector<std::string>> rows = {{"NAME", "DOCUMENTS", "CHUNKS", "CHUNK SIZE", "OVERLAP", "EMBED"}};
  for (const auto& i : store.list_indexes()) {
    const auto& s = i.settings;
    out.push_back({{"name", s.name}, {"documents", i.documents}, {"chunks", i.chunks}, {"chunk_size", s.chunk_size},
                   {"overlap", s.overlap}, {"embed", s.embed_provider}, {"dims", s.dims}, {"created_at", i.created_at}});
    rows.push_back({s.name, std::to_string(i.documents), std::to_string(i.chunks), std::to_string(s.chunk_size),
                    std::to_string(s.overlap), s.embed_provider.empty() ? "-" : s.embed_provider + " (" + std::to_string(s.dims) + " dims)"});
  }
  if (json) return print_json(out);
  if (rows.size() == 1) return print_note("no indexes yet; build one with: genops index add NAME FILES...");
  print_table(rows);
}

struct QueryOptions {
  std::string name, text, mode = "bm25";
  int top_k = 4;
  bool json = false;
};

void run_query(Context& ctx, const QueryOptions& o) {
  using core::retrieval::Mode;
  auto mode = o.mode == "vector" ? Mode::vector : o.mode == "hybrid" ? Mode::hybrid : Mode::bm25;
  auto embedders = index_embedders(ctx);
  auto& store = ctx.indexes(core::lineage::Access::read);
  auto hits = chains::query_index(store, o.name, o.text, o.top_k, mode, embedders);
  if (o.json) {
    auto out = nlohmann::json::array();
    for (const auto& h : hits) out.push_back({{"source", h.source}, {"score", h.score}, {"text", h.text}});
    return print_json(out);
  }
  if (hits.empty()) return print_note("no matching chunks in index " + o.name);
  for (std::size_t i = 0; i < hits.size(); ++i) {
    std::cout << i + 1 << ". " << hits[i].source << "  score " << std::fixed << std::setprecision(4) << hits[i].score << '\n';
    for (const auto& line : core::split_lines(hits[i].text)) std::cout << "   " << line << '\n';
  }
}

}  // namespace

void add_index_commands(CLI::App& app, Context& ctx) {
  auto* index = app.add_subcommand("index", "Local retrieval indexes (SQLite FTS5 + optional embeddings): add, list, query");
  index->require_subcommand(1);
  index->footer(example({"genops index add kb docs/*.md", "genops index query kb \"how long do refunds take\""}));
  auto add = std::make_shared<AddOptions>();
  auto* add_cmd = index->add_subcommand("add", "Chunk text/Markdown files into an index (unchanged files are skipped)");
  add_cmd->add_option("name", add->name, "Index name")->required();
  add_cmd->add_option("files", add->files, "Files or directories (.md, .markdown, .txt)")->required();
  add_cmd->add_option("--chunk-size", add->chunk_size, "Characters per chunk (default 800)");
  add_cmd->add_option("--overlap", add->overlap, "Characters repeated between chunks (default 100)");
  add_cmd->add_option("--embed", add->embed, "Embedding provider from genops.yaml (e.g. a hash-embed one)");
  add_cmd->footer(example({"genops index add kb docs/*.md", "genops index add kb-vec docs/ --embed embed"}));
  add_cmd->callback([&ctx, add] { run_add(ctx, *add); });

  auto json = std::make_shared<bool>(false);
  auto* list = index->add_subcommand("list", "Indexes with their documents, chunks and settings");
  list->add_flag("--json", *json, "Print JSON");
  list->footer(example({"genops index list", "genops index list --json"}));
  list->callback([&ctx, json] { run_list(ctx, *json); });

  auto query = std::make_shared<QueryOptions>();
  auto* query_cmd = index->add_subcommand("query", "The best chunks of an index for a text: source, score, text");
  query_cmd->add_option("name", query->name, "Index name")->required();
  query_cmd->add_option("text", query->text, "Query text")->required();
  query_cmd->add_option("--top-k", query->top_k, "Chunks to return (default 4)")->check(CLI::Range(1, 100));
  query_cmd->add_option("--mode", query->mode, "bm25 (default), vector or hybrid")->check(CLI::IsMember({"bm25", "vector", "hybrid"}));
  query_cmd->add_flag("--json", query->json, "Print JSON");
  query_cmd->footer(example({"genops index query kb \"how long do refunds take\" --top-k 3"}));
  query_cmd->callback([&ctx, query] { run_query(ctx, *query); });
}

}  // namespace genops::cli
