#include "cli/skew_setup.hpp"

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/strings.hpp"
#include "eval/skew/sources.hpp"
#include "providers/hash_embed/feature_hashing.hpp"

namespace genops::cli {

eval::skew::EmbedFn skew_embedder(Context& ctx, const std::string& provider) {
  if (provider.empty())
    return [](std::span<const std::string> texts) {
      std::vector<std::vector<float>> out;
      out.reserve(texts.size());
      for (const auto& t : texts) out.push_back(providers::hash_embed::embed_text(t));
      return out;
    };
  auto* client = &ctx.model_client(provider, Context::Cache::no);
  return [client](std::span<const std::string> texts) { return client->embed(texts); };
}

void check_gate_skew_source(const eval::Suite& suite) {
  if (!suite.gate.skew) return;
  const std::string where = core::display_path(suite.path) + ": gate.skew.current: ";
  eval::skew::SourceSpec spec;
  try {
    spec = eval::skew::parse_source(suite.gate.skew->current);
  } catch (const core::Error& e) {
    throw core::Error(core::ErrorKind::invalid_input, where + e.what(), e.hints());
  }
  if (spec.kind == eval::skew::SourceSpec::Kind::runs) return;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(spec.target, ec))
    core::fail_input(where + core::quote(spec.text) + ": file not found",
                     {"looked for " + core::display_path(std::filesystem::absolute(spec.target, ec)) +
                          " (relative to the current folder)",
                      "give an existing JSONL or CSV file, or runs:CHAIN for the inputs the store recorded"});
}

std::optional<eval::skew::SkewReport> gate_skew(Context& ctx, const eval::Suite& suite) {
  eval::skew::SkewOptions options;
  options.reference = "eval:" + suite.path.string();
  options.current = suite.gate.skew->current;
  options.since = suite.gate.skew->since;
  if (auto binning = eval::skew::parse_binning(suite.gate.skew->binning)) options.binning = *binning;
  eval::skew::SkewContext context;
  context.store = &ctx.store();
  context.embed = skew_embedder(ctx, "");
  if (!eval::skew::has_current_rows(options, context)) return std::nullopt;
  return eval::skew::compute_skew(options, context);
}

}  // namespace genops::cli
