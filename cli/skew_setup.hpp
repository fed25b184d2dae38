#pragma once
// What `genops skew` and the eval gate's `skew:` check share: the embedding
// function (offline hash-embed, or a configured provider) and the check itself.
#include <optional>
#include <string>

#include "cli/context.hpp"
#include "eval/skew/skew.hpp"
#include "eval/suite/suite.hpp"

namespace genops::cli {

// Embeds with `provider`, or with the built-in hash-embed when it is "".
eval::skew::EmbedFn skew_embedder(Context& ctx, const std::string& provider);

// Before any case runs: gate.skew.current names a source that can be read
// (a file: or eval: source exists). Throws Error(invalid_input).
void check_gate_skew_source(const eval::Suite& suite);

// The gate's skew check: the eval's own cases (eval:PATH) against
// `gate.skew.current` since `gate.skew.since`; nullopt when the current side
// has no rows in that window (nothing to compare: the check is skipped).
std::optional<eval::skew::SkewReport> gate_skew(Context& ctx, const eval::Suite& suite);

}  // namespace genops::cli
