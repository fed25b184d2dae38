// Reading a mock file into a MockScript: strict keys, located errors.
#include <string>

#include "core/error.hpp"
#include "core/llm/model_client.hpp"
#include "core/fs.hpp"
#include "core/hash.hpp"
#include "core/regex.hpp"
#include "core/strings.hpp"
#include "core/yaml/document.hpp"
#include "core/yaml/to_json.hpp"
#include "providers/common/json.hpp"
#include "providers/http/classify.hpp"
#include "providers/mock/mock_script.hpp"

namespace genops::providers::mock {

using core::yaml::Node;

namespace {

core::llm::FailureKind parse_failure_kind(const Node& node) {
  using core::llm::FailureKind;
  static constexpr FailureKind k_kinds[] = {FailureKind::auth,        FailureKind::rate_limited, FailureKind::timeout,
                                            FailureKind::server,      FailureKind::malformed,    FailureKind::bad_request,
                                            FailureKind::too_large,   FailureKind::network,      FailureKind::config};
  const std::string& text = node.as_string();
  std::vector<std::string> names;
  for (auto kind : k_kinds) {
    if (core::llm::to_string(kind) == text) return kind;
    names.push_back(core::llm::to_string(kind));
  }
  node.fail("unknown failure kind " + core::quote(text), {core::suggest(text, names)});
}

core::llm::Failure parse_error(const Node& node, const std::string& file) {
  node.check_keys({"status", "kind", "message"});
  http::HttpResponse response;
  response.status = 500;
  if (const Node* status = node.find("status")) {
    auto value = status->as_int();
    if (value < 100 || value > 599) status->fail("expected an HTTP status from 100 to 599");
    response.status = static_cast<int>(value);
  }
  std::string message = node.find("message") ? node.at("message").as_string() : "simulated failure";
  // Classified exactly as a real reply with that status would be.
  auto failure = http::classify(response, message, "mock:" + file);
  if (const Node* kind = node.find("kind")) {
    failure.kind = parse_failure_kind(*kind);
    if (!node.find("status")) failure.http_status = 0;
  }
  return failure;
}

std::vector<core::llm::ToolCall> parse_tool_calls(const Node& node) {
  std::vector<core::llm::ToolCall> calls;
  for (const auto& item : node.items()) {
    item.check_keys({"id", "name", "arguments"});
    core::llm::ToolCall call;
    call.id = item.find("id") ? item.at("id").as_string() : "call_" + std::to_string(calls.size() + 1);
    call.name = item.at("name").as_string();
    nlohmann::json args = item.find("arguments") ? core::yaml::to_json(item.at("arguments")) : nlohmann::json::object();
    if (!args.is_object()) item.at("arguments").fail("expected a map of arguments");
    call.arguments_json = common::dump_json(args);
    calls.push_back(std::move(call));
  }
  return calls;
}

core::llm::Usage parse_usage(const Node& node) {
  node.check_keys({"input_tokens", "output_tokens"});
  core::llm::Usage usage;
  if (const Node* in = node.find("input_tokens")) usage.input_tokens = in->as_int();
  if (const Node* out = node.find("output_tokens")) usage.output_tokens = out->as_int();
  if (usage.input_tokens < 0 || usage.output_tokens < 0) node.fail("token counts cannot be negative");
  return usage;
}

// The settings an item may take; a rule with `replies` gives defaults for its items.
void parse_settings(const Node& node, MockReply& reply) {
  if (const Node* reason = node.find("finish_reason")) reply.finish_reason = reason->as_string();
  if (const Node* usage = node.find("usage")) reply.usage = parse_usage(*usage);
  if (const Node* latency = node.find("latency")) reply.latency = latency->as_duration();
}

// Whether parse_item checks keys: a rule's own keys were checked with the rule's wider set.
enum class ItemKeys { check, already_checked };

MockReply parse_item(const Node& node, const MockReply& defaults, const std::string& file, ItemKeys keys) {
  MockReply reply = defaults;
  if (node.is_scalar()) {
    reply.text = node.as_string();
    return reply;
  }
  if (keys == ItemKeys::check) node.check_keys({"reply", "json", "tool_calls", "finish_reason", "usage", "latency", "error"});
  const Node* text = node.find("reply");
  const Node* json = node.find("json");
  if (text && json) node.fail_key("json", "give either reply or json, not both");
  if (!text && !json && !node.find("tool_calls") && !node.find("error"))
    node.fail("expected reply, json, tool_calls or error");
  if (text) reply.text = text->as_string();
  if (json) reply.text = common::dump_json(core::yaml::to_json(*json));
  if (const Node* calls = node.find("tool_calls")) reply.tool_calls = parse_tool_calls(*calls);
  if (const Node* error = node.find("error")) reply.error = parse_error(*error, file);
  parse_settings(node, reply);
  return reply;
}

void parse_match(const Node& node, MockRule& rule) {
  node.check_keys({"regex", "vars"});
  if (!node.find("regex") && !node.find("vars")) node.fail("expected regex or vars");
  if (const Node* regex = node.find("regex")) {
    rule.pattern = regex->as_string();
    auto compiled = core::Regex::compile(rule.pattern);
    if (!compiled) regex->fail("invalid regular expression: " + compiled.error(), {core::k_regex_syntax_hint});
    rule.regex = std::move(*compiled);
  }
  if (const Node* vars = node.find("vars")) {
    for (const auto& [key, value] : vars->entries()) rule.vars.emplace_back(key, core::yaml::to_json(value));
  }
}

MockRule parse_rule(const Node& node, const std::string& file) {
  node.check_keys({"match", "default", "reply", "replies", "json", "tool_calls", "finish_reason", "usage", "latency",
                   "error"});
  MockRule rule;
  rule.line = node.mark().line;
  rule.next = std::make_unique<std::atomic<std::size_t>>(0);
  const Node* match = node.find("match");
  const Node* fallback = node.find("default");
  if (match && fallback) node.fail_key("default", "give either match or default, not both");
  if (!match && !fallback) node.fail("expected match or default: true");
  if (fallback && !fallback->as_bool()) fallback->fail("default must be true (delete the rule to disable it)");
  rule.is_default = fallback != nullptr;
  if (match) parse_match(*match, rule);
  if (const Node* replies = node.find("replies")) {
    for (auto key : {"reply", "json", "tool_calls", "error"}) {
      if (node.find(key)) node.fail_key(key, std::string("give either replies or ") + key + ", not both");
    }
    MockReply defaults;
    parse_settings(node, defaults);
    for (const auto& item : replies->items()) rule.replies.push_back(parse_item(item, defaults, file, ItemKeys::check));
    if (rule.replies.empty()) replies->fail("expected at least one reply");
  } else {
    rule.replies.push_back(parse_item(node, MockReply{}, file, ItemKeys::already_checked));
  }
  return rule;
}

}  // namespace

struct MockLoader {
  static std::unique_ptr<MockScript> parse(std::string text, const std::string& name) {
    auto script = std::make_unique<MockScript>();
    script->m_name = name;
    script->m_digest = core::sha256_hex(text);
    auto doc = core::yaml::Document::load_string(std::move(text), name);
    const Node& root = doc->root();
    core::yaml::require_version(root);
    root.check_keys({"version", "responses"});
    for (const auto& item : root.at("responses").items()) {
      MockRule rule = parse_rule(item, name);
      if (rule.is_default && script->m_default_index >= 0) {
        int first = script->m_rules[static_cast<std::size_t>(script->m_default_index)].line;
        item.fail("a second default rule (the first is at line " + std::to_string(first) + ")");
      }
      if (rule.is_default) script->m_default_index = static_cast<std::ptrdiff_t>(script->m_rules.size());
      script->m_rules.push_back(std::move(rule));
    }
    return script;
  }
};

std::unique_ptr<MockScript> MockScript::parse(std::string text, const std::string& name) {
  return MockLoader::parse(std::move(text), name);
}

std::unique_ptr<MockScript> MockScript::load(const std::filesystem::path& path) {
  return parse(core::read_file(path), core::display_path(path));
}

}  // namespace genops::providers::mock
