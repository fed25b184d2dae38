#include "eval/skew/otlp_ingest.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>

#include "core/error.hpp"
#include "core/json.hpp"
#include "eval/skew/store/input_log.hpp"
#include "core/line_reader.hpp"
#include "core/strings.hpp"
#include "core/time.hpp"

namespace genops::eval::skew {

namespace {

using json = nlohmann::json;
constexpr std::size_t k_batch_rows = 10000;
constexpr std::size_t k_max_problems = 5;

bool hex_of(const json& v, std::size_t n) {
  if (!v.is_string() || v.get_ref<const std::string&>().size() != n) return false;
  const auto& s = v.get_ref<const std::string&>();
  return std::all_of(s.begin(), s.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; });
}

// An AnyValue as plain JSON (kvlists as objects, arrays as arrays).
json plain(const json& any) {
  if (!any.is_object()) return nullptr;
  if (auto it = any.find("stringValue"); it != any.end()) return *it;
  if (auto it = any.find("boolValue"); it != any.end()) return *it;
  if (auto it = any.find("doubleValue"); it != any.end()) return *it;
  if (auto it = any.find("intValue"); it != any.end()) {
    if (it->is_string()) {
      try {
        return std::stoll(it->get<std::string>());
      } catch (const std::logic_error&) {
        return nullptr;
      }
    }
    return *it;
  }
  if (auto it = any.find("arrayValue"); it != any.end() && it->is_object()) {
    auto out = json::array();
    for (const auto& v : it->value("values", json::array())) out.push_back(plain(v));
    return out;
  }
  if (auto it = any.find("kvlistValue"); it != any.end() && it->is_object()) {
    auto out = json::object();
    for (const auto& kv : it->value("values", json::array()))
      if (kv.is_object() && kv.contains("key") && kv["key"].is_string()) out[kv["key"].get<std::string>()] = plain(kv.value("value", json()));
    return out;
  }
  return nullptr;
}

std::map<std::string, json> attributes(const json& owner) {
  std::map<std::string, json> out;
  auto it = owner.find("attributes");
  if (it == owner.end() || !it->is_array()) return out;
  for (const auto& kv : *it)
    if (kv.is_object() && kv.contains("key") && kv["key"].is_string()) out[kv["key"].get<std::string>()] = plain(kv.value("value", json()));
  return out;
}

std::string text_of(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return "";
  return core::dump_json(v);
}

// The last user message of gen_ai.input.messages: [{role, parts: [{type: text, content}]}]
// (or the older {role, content}).
std::optional<std::string> last_user_message(json messages) {
  if (messages.is_string()) {
    auto parsed = core::parse_json(messages.get<std::string>());
    if (!parsed) return std::nullopt;
    messages = std::move(*parsed);
  }
  if (!messages.is_array()) return std::nullopt;
  std::optional<std::string> found;
  for (const auto& m : messages) {
    if (!m.is_object() || m.value("role", "") != "user") continue;
    std::string text;
    if (m.contains("parts") && m["parts"].is_array()) {
      for (const auto& p : m["parts"])
        if (p.is_object() && p.value("type", "text") == "text" && p.contains("content"))
          text += (text.empty() ? "" : "\n") + text_of(p["content"]);
    } else if (m.contains("content")) {
      text = text_of(m["content"]);
    }
    found = std::move(text);
  }
  return found;
}

// Legacy forms: gen_ai.prompt.N.role/content attributes, a gen_ai.prompt string,
// gen_ai.user.message events.
std::optional<std::string> legacy_user_message(const json& span, const std::map<std::string, json>& attrs) {
  std::optional<std::string> found;
  for (int i = 0; attrs.count("gen_ai.prompt." + std::to_string(i) + ".content"); ++i) {
    auto role = attrs.find("gen_ai.prompt." + std::to_string(i) + ".role");
    if (role == attrs.end() || text_of(role->second) == "user")
      found = text_of(attrs.at("gen_ai.prompt." + std::to_string(i) + ".content"));
  }
  if (found) return found;
  if (auto it = attrs.find("gen_ai.prompt"); it != attrs.end() && it->second.is_string()) return it->second.get<std::string>();
  if (auto ev = span.find("events"); ev != span.end() && ev->is_array())
    for (const auto& e : *ev)
      if (e.is_object() && e.value("name", "") == "gen_ai.user.message") {
        auto a = attributes(e);
        if (auto c = a.find("content"); c != a.end()) found = text_of(c->second);
      }
  return found;
}

std::optional<std::string> start_timestamp(const json& span) {
  auto it = span.find("startTimeUnixNano");
  if (it == span.end()) return std::nullopt;
  long long nanos = 0;
  try {
    if (it->is_string()) nanos = std::stoll(it->get<std::string>());
    else if (it->is_number_integer()) nanos = it->get<long long>();
    else return std::nullopt;
  } catch (const std::logic_error&) {
    return std::nullopt;
  }
  if (nanos <= 0) return std::nullopt;
  return core::format_timestamp(std::chrono::system_clock::time_point(
      std::chrono::duration_cast<std::chrono::system_clock::duration>(std::chrono::nanoseconds(nanos))));
}

}  // namespace

SpanInput read_span(const json& span, const std::string& input_name) {
  SpanInput out;
  if (!span.is_object()) {
    out.kind = SpanInput::Kind::invalid;
    out.problem = "not an object";
    return out;
  }
  const auto attrs = attributes(span);
  auto get = [&attrs](const char* key) {
    auto it = attrs.find(key);
    return it == attrs.end() ? std::string() : text_of(it->second);
  };
  const std::string op = get("gen_ai.operation.name");
  const bool genops_run = attrs.count("genops.run.kind") && !attrs.count("genops.step.kind");
  const bool model_call = op == "chat" || op == "text_completion" || op == "generate_content" ||
                          (op.empty() && (attrs.count("gen_ai.prompt") || attrs.count("gen_ai.prompt.0.content")));
  if (attrs.count("genops.step.kind") || (!model_call && !genops_run)) return out;  // not_genai
  if (!hex_of(span.value("traceId", json()), 32) || !hex_of(span.value("spanId", json()), 16)) {
    out.kind = SpanInput::Kind::invalid;
    out.problem = "traceId must be 32 and spanId 16 hex digits";
    return out;
  }
  auto ts = start_timestamp(span);
  if (!ts) {
    out.kind = SpanInput::Kind::invalid;
    out.problem = "startTimeUnixNano is not a time";
    return out;
  }
  out.timestamp = *ts;
  out.name = genops_run ? get("genops.chain.name") : get("gen_ai.prompt.name");
  out.version = get("gen_ai.prompt.version");
  if (genops_run) {
    auto inputs = core::parse_json(get("genops.inputs"));
    if (inputs && inputs->is_object() && !inputs->empty()) out.inputs = std::move(*inputs);
  } else {
    std::optional<std::string> text;
    if (auto it = attrs.find("gen_ai.input.messages"); it != attrs.end()) text = last_user_message(it->second);
    if (!text) text = legacy_user_message(span, attrs);
    if (text && !text->empty()) out.inputs = json{{input_name, *text}};
  }
  out.kind = out.inputs.is_object() ? SpanInput::Kind::input : SpanInput::Kind::no_content;
  return out;
}

namespace {

// Accumulates one ingest: counts, and the rows per name, flushed 10,000 at a time.
class Ingest {
 public:
  Ingest(core::lineage::Store& store, const OtlpIngestOptions& options) : m_store(store), m_options(options) {}

  void request(const json& request, const std::string& where) {
    ++summary.requests;
    std::int64_t index = 0;
    for (const auto& rs : request["resourceSpans"]) {
      if (!rs.is_object() || !rs.contains("scopeSpans") || !rs["scopeSpans"].is_array()) continue;
      for (const auto& ss : rs["scopeSpans"]) {
        if (!ss.is_object() || !ss.contains("spans") || !ss["spans"].is_array()) continue;
        for (const auto& span : ss["spans"]) add(read_span(span, m_options.input_name), where, ++index);
      }
    }
  }

  void finish() {
    for (auto& [name, rows] : m_batches)
      if (!rows.empty()) flush(name);
  }

  OtlpIngestSummary summary;

 private:
  void add(SpanInput s, const std::string& where, std::int64_t index) {
    ++summary.spans;
    switch (s.kind) {
      case SpanInput::Kind::not_genai: ++summary.other; return;
      case SpanInput::Kind::no_content: ++summary.no_content; return;
      case SpanInput::Kind::invalid:
        ++summary.invalid;
        if (summary.problems.size() < k_max_problems)
          summary.problems.push_back(where + ": span " + std::to_string(index) + ": " + s.problem);
        return;
      case SpanInput::Kind::input: break;
    }
    ++summary.inputs;
    const std::string name = s.name.empty() ? m_options.chain : s.name;
    if (name.empty()) {
      ++summary.unnamed;
      return;
    }
    ++summary.names[name];
    if (!s.version.empty()) {
      auto& v = summary.versions[name];
      if (std::find(v.begin(), v.end(), s.version) == v.end()) v.push_back(s.version);
    }
    if (summary.first.empty() || s.timestamp < summary.first) summary.first = s.timestamp;
    if (s.timestamp > summary.last) summary.last = s.timestamp;
    auto& batch = m_batches[name];
    batch.push_back({core::dump_json(s.inputs), std::move(s.timestamp)});
    if (batch.size() >= k_batch_rows) flush(name);
  }

  void flush(const std::string& name) {
    auto& rows = m_batches[name];
    const auto outcome = ingest_rows(m_store, name, m_options.source, rows);
    summary.added += outcome.added;
    summary.present += outcome.present;
    rows.clear();
  }

  core::lineage::Store& m_store;
  const OtlpIngestOptions& m_options;
  std::map<std::string, std::vector<IngestRow>> m_batches;
};

}  // namespace

OtlpIngestSummary ingest_otlp(core::lineage::Store& store, std::istream& in, const OtlpIngestOptions& options) {
  Ingest ingest(store, options);
  core::LineReader reader(in);
  std::string line;
  for (core::LineReader::Status st; (st = reader.next(line)) != core::LineReader::Status::end;) {
    const std::string where = options.source + ":" + std::to_string(reader.line_number());
    if (st == core::LineReader::Status::too_long)
      core::fail_input(where + ": line longer than " + core::describe_byte_limit(reader.max_line_bytes()),
                       {"one OTLP export request per line, as the Collector's file exporter writes it"});
    if (core::trim(line).empty()) continue;
    auto request = core::parse_json(line);
    if (!request)
      core::fail_input(where + ": " + request.error(),
                       {"each line must be one complete OTLP/JSON export request ({\"resourceSpans\": [...]}); "
                        "a truncated last line means the file was still being written"});
    if (!request->is_object() || !request->contains("resourceSpans") || !(*request)["resourceSpans"].is_array())
      core::fail_input(where + ": expected an OTLP/JSON export request {\"resourceSpans\": [...]}, got " +
                           core::quote(line.substr(0, 40)),
                       {"genops reads traces; the Collector's file exporter writes them with `format: json`"});
    ingest.request(*request, where);
  }
  ingest.finish();
  return std::move(ingest.summary);
}

}  // namespace genops::eval::skew
