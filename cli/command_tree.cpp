#include "cli/command_tree.hpp"

#include <CLI/CLI.hpp>

namespace genops::cli {

namespace {

bool is_help_or_version(const CLI::Option* opt) {
  for (const auto& n : opt->get_lnames())
    if (n == "help" || n == "help-all" || n == "version") return true;
  return false;
}

CommandOption read_option(const CLI::Option* opt) {
  CommandOption o;
  o.description = opt->get_description();
  o.positional = opt->get_positional() && opt->get_lnames().empty() && opt->get_snames().empty();
  for (const auto& n : opt->get_lnames()) o.names.push_back("--" + n);
  for (const auto& n : opt->get_snames()) o.names.push_back("-" + n);
  if (o.positional) {
    o.value_name = opt->get_name(true, false);
  } else if (opt->get_type_size_max() > 0 && opt->get_items_expected_max() > 0) {
    o.value_name = opt->get_type_name();
    if (o.value_name.empty()) o.value_name = "VALUE";
  }
  o.repeats = opt->get_items_expected_max() > 1 || opt->get_multi_option_policy() == CLI::MultiOptionPolicy::TakeAll;
  return o;
}

CommandNode read_node(const CLI::App& app, const std::string& parent_path) {
  CommandNode node;
  node.name = app.get_name();
  node.path = parent_path.empty() ? node.name : parent_path + " " + node.name;
  node.description = app.get_description();
  node.footer = app.get_footer();
  for (const CLI::Option* opt : app.get_options()) {
    if (is_help_or_version(opt)) continue;
    if (opt->get_group().empty()) continue;  // hidden
    node.options.push_back(read_option(opt));
  }
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App* s) { return !s->get_group().empty(); }))
    node.subcommands.push_back(read_node(*sub, node.path));
  return node;
}

void collect(const CommandNode& node, std::vector<const CommandNode*>& out) {
  out.push_back(&node);
  for (const auto& sub : node.subcommands) collect(sub, out);
}

}  // namespace

CommandNode read_command_tree(const CLI::App& app) { return read_node(app, ""); }

std::vector<const CommandNode*> flatten(const CommandNode& root) {
  std::vector<const CommandNode*> out;
  collect(root, out);
  return out;
}

}  // namespace genops::cli
