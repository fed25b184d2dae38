// genops prompt add FILE... [-m MSG] [--label L]
#include <iostream>
#include <set>

#include "cli/commands/commands.hpp"
#include "cli/output.hpp"
#include "cli/prompt_json.hpp"
#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/prompt/prompt_store.hpp"
#include "core/prompt/prompt_spec.hpp"
#include "core/strings.hpp"

namespace genops::cli {

namespace {

struct AddOptions {
  std::vector<std::string> files;
  std::string message;
  std::string label;
  bool json = false;
};

void run_add(Context& ctx, const AddOptions& o) {
  if (!o.label.empty()) check_label_name(o.label);
  // Validate every file before touching the store: bad input writes nothing.
  std::vector<core::prompt::NewPromptVersion> versions;
  std::set<std::string> names;
  for (const auto& file : o.files) {
    auto spec = core::prompt::load_prompt_file(file);
    if (!names.insert(spec.name).second)
      core::fail_input(file + ": prompt name " + core::quote(spec.name) + " is already used by another file in this command",
                       {"each prompt file needs its own `name`"});
    versions.push_back({spec.name, core::prompt::content_hash(spec),
                        core::prompt::to_json(spec).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                        core::read_file(file), file, o.message, ""});
  }
  auto author = ctx.author();
  auto& store = ctx.prompts();
  auto out = nlohmann::json::array();
  for (auto& v : versions) {
    v.author = author;
    auto result = store.add_version(v, o.label);
    const auto& rec = result.version;
    std::string ref = rec.name + "@" + std::to_string(rec.number);
    if (o.json) {
      auto j = version_json(rec);
      j["created"] = result.created;
      out.push_back(j);
      continue;
    }
    if (result.created) {
      std::cout << ref << "  added  sha:" << rec.hash.substr(0, 12);
      if (!rec.message.empty()) std::cout << "  " << core::quote(rec.message, 80);
      std::cout << '\n';
    } else {
      std::cout << ref << "  unchanged: identical to version " << rec.number << ", nothing added\n";
    }
    if (result.label_move) {
      const auto& m = *result.label_move;
      std::cout << "  label " << m.label << " -> " << ref;
      if (m.previous && m.previous != m.number) std::cout << " (was @" << m.previous << ")";
      std::cout << '\n';
    }
  }
  if (o.json) print_json(out);
}

}  // namespace

void add_prompt_add_command(CLI::App& prompt, Context& ctx) {
  auto o = std::make_shared<AddOptions>();
  auto* cmd = prompt.add_subcommand("add", "Register prompt files as new immutable versions (identical content adds nothing)");
  cmd->add_option("files", o->files, "Prompt YAML files")->required();
  cmd->add_option("-m,--message", o->message, "What changed in this version");
  cmd->add_option("--label", o->label, "Move this label (e.g. production) to the added versions");
  cmd->add_flag("--json", o->json, "Print the versions as JSON");
  cmd->footer(example({"genops prompt add prompts/*.yaml -m \"first version\"",
                       "genops prompt add prompts/support-answer.yaml -m \"cite sources\" --label production"}));
  cmd->callback([&ctx, o] { run_add(ctx, *o); });
}

}  // namespace genops::cli
