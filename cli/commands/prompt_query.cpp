// genops prompt list | show REF | log NAME
#include <iostream>

#include "cli/commands/commands.hpp"
#include "cli/output.hpp"
#include "cli/prompt_json.hpp"
#include "core/error.hpp"
#include "core/prompt/prompt_spec.hpp"
#include "core/strings.hpp"

namespace genops::cli {

namespace {

std::string labels_text(const std::vector<std::string>& labels) {
  return labels.empty() ? "" : core::join(labels, ",");
}

void run_list(Context& ctx, bool json) {
  auto& store = ctx.prompts(core::lineage::Access::read);
  auto prompts = store.list();
  if (json) {
    auto out = nlohmann::json::array();
    for (const auto& p : prompts) {
      auto labels = nlohmann::json::object();
      for (const auto& [l, n] : p.labels) labels[l] = n;
      out.push_back({{"name", p.name}, {"latest", p.latest}, {"versions", p.versions}, {"updated_at", p.updated_at}, {"labels", labels}});
    }
    return print_json(out);
  }
  if (prompts.empty()) return print_note("no prompts yet; add one with: genops prompt add prompts/*.yaml -m \"first version\"");
  std::vector<std::vector<std::string>> rows = {{"NAME", "LATEST", "VERSIONS", "LABELS", "UPDATED"}};
  for (const auto& p : prompts) {
    std::vector<std::string> labels;
    for (const auto& [l, n] : p.labels) labels.push_back(l + "=@" + std::to_string(n));
    rows.push_back({p.name, "@" + std::to_string(p.latest), std::to_string(p.versions), labels_text(labels), p.updated_at});
  }
  print_table(rows);
}

void print_spec(const core::prompt::PromptSpec& spec) {
  if (!spec.description.empty()) std::cout << "description: " << spec.description << '\n';
  if (!spec.inputs.empty()) {
    std::cout << "inputs:\n";
    for (const auto& in : spec.inputs) {
      std::cout << "  " << in.name << ": " << in.type;
      if (in.default_value) std::cout << " (default " << in.default_value->dump() << ")";
      std::cout << '\n';
    }
  }
  if (!spec.model.empty()) std::cout << "model: " << spec.model.dump() << '\n';
  std::cout << "messages:\n";
  for (const auto& m : spec.messages) {
    std::cout << "  [" << m.role << "]\n";
    for (const auto& line : core::split_lines(m.content)) std::cout << "    " << line << '\n';
  }
}

void run_show(Context& ctx, const std::string& ref, bool json, bool source) {
  auto& store = ctx.prompts(core::lineage::Access::read);
  auto v = resolve_ref(store, ref);
  if (source) {
    std::cout << store.source_text(v).value_or("");
    return;
  }
  if (json) return print_json(version_json(v, true));
  bool colour = colour_enabled(stdout);
  std::cout << paint(v.name + "@" + std::to_string(v.number), Colour::bold, colour) << "  sha:" << v.hash.substr(0, 12);
  if (!v.labels.empty()) std::cout << "  [" << labels_text(v.labels) << "]";
  std::cout << "\nauthor: " << v.author << "\ncreated: " << v.created_at << '\n';
  if (!v.message.empty()) std::cout << "message: " << v.message << '\n';
  if (v.parent_number) std::cout << "parent: @" << v.parent_number << '\n';
  if (!v.source_path.empty()) std::cout << "source: " << v.source_path << '\n';
  print_spec(core::prompt::from_json(nlohmann::json::parse(v.content_json)));
}

void run_log(Context& ctx, const std::string& name, bool json) {
  auto& store = ctx.prompts(core::lineage::Access::read);
  auto versions = store.log(name);
  if (versions.empty()) core::fail_input("unknown prompt " + core::quote(name), {core::suggest(name, store.names())});
  if (json) {
    auto out = nlohmann::json::array();
    for (const auto& v : versions) out.push_back(version_json(v));
    auto history = nlohmann::json::array();
    for (const auto& m : store.label_history(name))
      history.push_back({{"label", m.label}, {"version", m.number}, {"previous", m.previous ? nlohmann::json(m.previous) : nlohmann::json(nullptr)},
                         {"author", m.author}, {"moved_at", m.moved_at}});
    return print_json({{"name", name}, {"versions", out}, {"label_history", history}});
  }
  std::vector<std::vector<std::string>> rows = {{"VERSION", "HASH", "LABELS", "AUTHOR", "CREATED", "MESSAGE"}};
  for (const auto& v : versions)
    rows.push_back({"@" + std::to_string(v.number), v.hash.substr(0, 12), labels_text(v.labels), v.author, v.created_at, v.message});
  print_table(rows);
  auto history = store.label_history(name);
  if (!history.empty()) {
    std::cout << "\nlabel history:\n";
    for (const auto& m : history) {
      std::cout << "  " << m.moved_at << "  " << m.label << " -> @" << m.number;
      if (m.previous) std::cout << " (was @" << m.previous << ")";
      std::cout << "  by " << m.author << '\n';
    }
  }
}

}  // namespace

void add_prompt_query_commands(CLI::App& prompt, Context& ctx) {
  auto json = std::make_shared<bool>(false);
  auto* list = prompt.add_subcommand("list", "List prompts with their latest version and labels");
  list->add_flag("--json", *json, "Print JSON");
  list->footer(example({"genops prompt list", "genops prompt list --json"}));
  list->callback([&ctx, json] { run_list(ctx, *json); });

  auto show = std::make_shared<std::tuple<std::string, bool, bool>>();
  auto* show_cmd = prompt.add_subcommand("show", "Show one version: metadata, inputs, model config and messages");
  show_cmd->add_option("ref", std::get<0>(*show), "NAME, NAME@3, NAME@production or NAME@sha:1f3a9c")->required();
  show_cmd->add_flag("--json", std::get<1>(*show), "Print JSON (with the canonical content)");
  show_cmd->add_flag("--source", std::get<2>(*show), "Print the YAML file the version was added from");
  show_cmd->footer(example({"genops prompt show support-answer@production", "genops prompt show support-answer@sha:1f3a9c --json"}));
  show_cmd->callback([&ctx, show] { run_show(ctx, std::get<0>(*show), std::get<1>(*show), std::get<2>(*show)); });

  auto log = std::make_shared<std::pair<std::string, bool>>();
  auto* log_cmd = prompt.add_subcommand("log", "History of a prompt: versions (newest first) and label moves");
  log_cmd->add_option("name", log->first, "Prompt name")->required();
  log_cmd->add_flag("--json", log->second, "Print JSON");
  log_cmd->footer(example({"genops prompt log support-answer"}));
  log_cmd->callback([&ctx, log] { run_log(ctx, log->first, log->second); });
}

}  // namespace genops::cli
