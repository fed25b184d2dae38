#include "migrate/promptfoo/prompts.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/strings.hpp"
#include "core/yaml/to_json.hpp"
#include "migrate/promptfoo/file_ref.hpp"
#include "migrate/promptfoo/nunjucks.hpp"

namespace genops::migrate::promptfoo {

namespace fs = std::filesystem;
using core::yaml::Node;

std::string slug(std::string_view text) {
  std::string out;
  for (char c : text) {
    char l = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    bool keep = (l >= 'a' && l <= 'z') || (l >= '0' && l <= '9') || l == '.' || l == '_';
    if (keep) out += l;
    else if (!out.empty() && out.back() != '-') out += '-';
  }
  while (!out.empty() && (out.back() == '-' || out.back() == '.')) out.pop_back();
  if (out.size() > 48) out.resize(48);
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "prompt" : out;
}

namespace {

const std::vector<std::string> k_roles = {"system", "user", "assistant"};

class Reader {
 public:
  Reader(fs::path base, Notes& notes) : m_base(std::move(base)), m_notes(notes) {}
  std::vector<ImportedPrompt> take() { return std::move(m_out); }

  void entry(const Node& node) {
    if (node.is_scalar()) return text_or_file(node, node.as_string(), "");
    if (!node.is_map()) node.fail("expected a prompt (text, file://PATH, or {id, label}), got " + node.describe());
    for (const auto& [key, value] : node.entries()) {
      if (key != "id" && key != "raw" && key != "label")
        m_notes.unsupported_item(locate(value), "prompt option `" + key + "`", "a plain prompt (text or file://)");
    }
    std::string label = node.find("label") ? node.find("label")->as_string() : "";
    if (const auto* raw = node.find("raw")) return inline_text(*raw, raw->as_string(), label);
    text_or_file(node.at("id"), node.at("id").as_string(), label);
  }

 private:
  void text_or_file(const Node& at, const std::string& text, const std::string& label) {
    auto ref = file_ref_path(text);
    if (!ref) return inline_text(at, text, label);
    auto resolved = resolve_file_ref(m_base, *ref);
    if (resolved.files.empty()) at.fail("no file matches " + core::quote(text));
    for (const auto& file : resolved.files) {
      std::string ext = extension_of(file);
      if (ext == "py" || ext == "js" || ext == "cjs" || ext == "mjs" || ext == "ts" || !resolved.function.empty()) {
        m_notes.unsupported_item(locate(at), "a prompt function (" + text + ")",
                                 "a prompt file with the text the function builds, or a chain with an exec step");
        continue;
      }
      std::error_code ec;
      if (!fs::is_regular_file(file, ec)) at.fail("prompt file " + core::display_path(file) + " does not exist");
      if (ext == "json" || ext == "yaml" || ext == "yml") chat_file(file, label);
      else text_file(at, file, label);
    }
  }

  void inline_text(const Node& at, const std::string& text, const std::string& label) {
    auto json = nlohmann::json::parse(text, nullptr, false);
    ImportedPrompt p;
    p.source = locate(at).format();
    if (json.is_array() && !json.empty() && std::all_of(json.begin(), json.end(), [](const auto& m) {
          return m.is_object() && m.contains("role") && m.contains("content") && m["content"].is_string();
        })) {
      p.chat = true;
      for (const auto& m : json) add_message(p, locate(at), m["role"].get<std::string>(), m["content"].get<std::string>(), 0);
    } else {
      add_message(p, locate(at), "user", text, at.quoted() ? 1 : 0);
    }
    finish(std::move(p), label.empty() ? "prompt-" + std::to_string(++m_inline) : label);
  }

  void text_file(const Node& at, const fs::path& file, const std::string& label) {
    (void)at;
    std::string content = core::read_file(file);
    // promptfoo splits a text file on lines that are exactly `---`
    // (src/prompts/processors/text.ts, PROMPT_DELIMITER) and trims each prompt.
    std::vector<std::pair<int, std::string>> chunks;
    std::string buffer;
    int line = 0, start = 1;
    std::size_t pos = 0;
    while (pos <= content.size()) {
      auto nl = content.find('\n', pos);
      std::string text = content.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
      if (!text.empty() && text.back() == '\r') text.pop_back();
      ++line;
      if (text == "---") {
        chunks.emplace_back(start, buffer);
        buffer.clear();
        start = line + 1;
      } else {
        buffer += (buffer.empty() ? "" : "\n") + text;
      }
      if (nl == std::string::npos) break;
      pos = nl + 1;
    }
    chunks.emplace_back(start, buffer);
    std::erase_if(chunks, [](const auto& c) { return core::trim(c.second).empty(); });
    std::string base = label.empty() ? file.stem().string() : label;
    for (std::size_t i = 0; i < chunks.size(); ++i) {
      auto [first_line, text] = chunks[i];
      std::string trimmed(core::trim(text));
      // Lines before the trimmed text start still count for locations.
      auto lead = text.substr(0, text.find(trimmed));
      first_line += static_cast<int>(std::count(lead.begin(), lead.end(), '\n'));
      ImportedPrompt p;
      p.source = relative(file) + (chunks.size() > 1 ? " (" + std::to_string(i + 1) + " of " +
                                                                   std::to_string(chunks.size()) + ")" : "");
      add_message(p, {core::display_path(file) + ":" + std::to_string(first_line) + ":1", ""}, "user", trimmed, 0);
      finish(std::move(p), chunks.size() > 1 ? base + "-" + std::to_string(i + 1) : base);
    }
  }

  void chat_file(const fs::path& file, const std::string& label) {
    auto doc = core::yaml::Document::load_file(file.string());
    const Node& root = doc->root();
    if (!root.is_sequence()) root.fail("expected a list of chat messages {role, content}, got " + root.describe());
    ImportedPrompt p;
    p.chat = true;
    p.source = relative(file);
    for (const auto& m : root.items()) {
      if (!m.is_map()) m.fail("expected a chat message {role, content}, got " + m.describe());
      const Node& content = m.at("content");
      if (!content.is_scalar()) {
        m_notes.unsupported_item(locate(content), "structured message content (a list of parts)",
                                 "text content");
        p.broken = true;
        continue;
      }
      add_message(p, locate(content), m.at("role").as_string(), content.as_string(), content.quoted() ? 1 : 0);
    }
    finish(std::move(p), label.empty() ? file.stem().string() : label);
  }

  void add_message(ImportedPrompt& p, const Location& at, const std::string& role, const std::string& text,
                   int quote_offset) {
    if (std::find(k_roles.begin(), k_roles.end(), role) == k_roles.end()) {
      m_notes.unsupported_item(at, "message role " + core::quote(role), "system, user or assistant");
      p.broken = true;
      return;
    }
    auto t = translate_nunjucks(text);
    if (!t.problems.empty()) p.broken = true;
    for (const auto& problem : t.problems) m_notes.unsupported_item(shift(at, problem, quote_offset), problem.what,
                                                                    "plain {{variable}} substitution (compute the value into a test var)");
    for (const auto& v : t.variables)
      if (std::find(p.variables.begin(), p.variables.end(), v) == p.variables.end()) p.variables.push_back(v);
    p.dotted.insert(t.dotted.begin(), t.dotted.end());
    p.messages.push_back({role, t.text});
  }

  // The location of a template problem, from the location of the text's start.
  static Location shift(const Location& at, const TemplateProblem& problem, int quote_offset) {
    auto first = at.where.rfind(':');
    auto second = at.where.rfind(':', first - 1);
    std::string file = at.where.substr(0, second);
    int line = std::stoi(at.where.substr(second + 1, first - second - 1));
    int col = std::stoi(at.where.substr(first + 1));
    int out_col = problem.line == 1 ? col + quote_offset + problem.column - 1 : problem.column;
    return {file + ":" + std::to_string(line + problem.line - 1) + ":" + std::to_string(out_col), at.field};
  }

  // A referenced file as the config names it: relative to the config's folder.
  std::string relative(const fs::path& file) const {
    auto rel = file.lexically_relative(m_base.empty() ? fs::path(".") : m_base);
    return rel.empty() ? file.string() : rel.string();
  }

  void finish(ImportedPrompt p, const std::string& wanted) {
    // A prompt with an untranslatable part is left out whole, never half-translated.
    if (p.messages.empty() || p.broken) return;
    std::string name = slug(wanted);
    std::string unique = name;
    for (int n = 2; std::any_of(m_out.begin(), m_out.end(), [&](const auto& o) { return o.name == unique; }); ++n)
      unique = name + "-" + std::to_string(n);
    p.name = unique;
    m_out.push_back(std::move(p));
  }

  fs::path m_base;
  Notes& m_notes;
  std::vector<ImportedPrompt> m_out;
  int m_inline = 0;
};

}  // namespace

std::vector<ImportedPrompt> read_prompts(const Node& prompts, const fs::path& base_dir, Notes& notes) {
  Reader reader(base_dir, notes);
  if (prompts.is_sequence()) {
    for (const auto& item : prompts.items()) reader.entry(item);
  } else if (prompts.is_map()) {
    // The older form: {file://path: label}.
    for (const auto& [key, value] : prompts.entries()) {
      auto doc = core::yaml::Document::load_string("{id: " + nlohmann::json(key).dump() + ", label: " +
                                                       nlohmann::json(value.as_string()).dump() + "}",
                                                   locate(value).where);
      reader.entry(doc->root());
    }
  } else {
    reader.entry(prompts);
  }
  return reader.take();
}

}  // namespace genops::migrate::promptfoo
