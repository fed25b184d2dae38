#pragma once
// The scripted replies of the `mock` kind, loaded from a YAML file (format in
// docs/providers.md): rules tried in file order, the first whose `match`
// holds answers; a `default: true` rule answers when none does.
#include <atomic>
#include <cstddef>
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/llm/types.hpp"
#include "core/regex.hpp"

namespace genops::providers::mock {

// One scripted answer: a reply (text and/or tool calls) or a simulated failure.
struct MockReply {
  std::string text;
  std::vector<core::llm::ToolCall> tool_calls;
  std::string finish_reason;            // "" : stop, or tool_calls when there are calls
  std::optional<core::llm::Usage> usage;  // nullopt: estimated later
  std::chrono::milliseconds latency{0};
  std::optional<core::llm::Failure> error;
};

struct MockRule {
  std::string pattern;                  // the `match.regex` source, "" when none
  std::optional<core::Regex> regex;    // compiled `pattern` (RE2 syntax, `(?i)` ignores case)
  std::vector<std::pair<std::string, nlohmann::json>> vars;  // dotted path -> expected value
  bool is_default = false;
  std::vector<MockReply> replies;       // one, or a sequence that cycles
  int line = 0;                         // where the rule starts, for messages
  std::unique_ptr<std::atomic<std::size_t>> next;  // position in the sequence
};

class MockScript {
 public:
  // Loads and validates `path` (version: 1, strict keys, valid regexes,
  // durations and statuses). Throws a located Error(invalid_input).
  static std::unique_ptr<MockScript> load(const std::filesystem::path& path);
  // As load(), for text in memory; `name` is used in messages.
  static std::unique_ptr<MockScript> parse(std::string text, const std::string& name);

  // The reply for a call with rendered prompt `prompt` (every message's
  // content joined by newlines) and template variables `vars`; nullptr when
  // no rule matches and there is no default. Thread-safe; advances sequences.
  const MockReply* choose(std::string_view prompt, const nlohmann::json& vars) const;

  const std::string& name() const { return m_name; }
  // SHA-256 of the file's text: part of the response-cache key.
  const std::string& digest() const { return m_digest; }

 private:
  std::string m_name;
  std::string m_digest;
  std::vector<MockRule> m_rules;
  std::ptrdiff_t m_default_index = -1;  // the default rule in m_rules, or -1
  friend struct MockLoader;
};

// Every message's content joined by "\n": what `match.regex` searches.
std::string prompt_text(const core::llm::Request& request);

}  // namespace genops::providers::mock
