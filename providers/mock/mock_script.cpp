#include "providers/mock/mock_script.hpp"

#include "providers/common/json.hpp"

namespace genops::providers::mock {

namespace {

// The value at dotted `path` in `vars` ("customer.tier"), or nullptr.
const nlohmann::json* lookup(const nlohmann::json& vars, std::string_view path) {
  const nlohmann::json* node = &vars;
  while (true) {
    if (!node->is_object()) return nullptr;
    auto dot = path.find('.');
    auto it = node->find(path.substr(0, dot));
    if (it == node->end()) {
      // A key may itself contain a dot; try the whole rest before giving up.
      auto whole = node->find(path);
      return whole == node->end() ? nullptr : &*whole;
    }
    node = &*it;
    if (dot == std::string_view::npos) return node;
    path.remove_prefix(dot + 1);
  }
}

// Values compare as text, so `intent: 1` in YAML matches the string "1" in vars.
std::string as_text(const nlohmann::json& value) {
  return value.is_string() ? value.get<std::string>() : common::dump_json(value);
}

bool matches(const MockRule& rule, std::string_view prompt, const nlohmann::json& vars) {
  for (const auto& [path, expected] : rule.vars) {
    const nlohmann::json* actual = lookup(vars, path);
    if (!actual || as_text(*actual) != as_text(expected)) return false;
  }
  if (rule.regex && !rule.regex->search(prompt)) return false;
  return true;
}

const MockReply& next_reply(const MockRule& rule) {
  if (rule.replies.size() == 1) return rule.replies.front();
  std::size_t position = rule.next->fetch_add(1, std::memory_order_relaxed);
  return rule.replies[position % rule.replies.size()];
}

}  // namespace

const MockReply* MockScript::choose(std::string_view prompt, const nlohmann::json& vars) const {
  for (const auto& rule : m_rules) {
    if (!rule.is_default && matches(rule, prompt, vars)) return &next_reply(rule);
  }
  if (m_default_index >= 0) return &next_reply(m_rules[static_cast<std::size_t>(m_default_index)]);
  return nullptr;
}

std::string prompt_text(const core::llm::Request& request) {
  std::string text;
  for (const auto& message : request.messages) {
    if (!text.empty()) text += '\n';
    text += message.content;
  }
  return text;
}

}  // namespace genops::providers::mock
