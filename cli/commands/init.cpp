// genops init [DIR]: a project that works offline at once.
#include <filesystem>
#include <iostream>

#include "cli/commands/commands.hpp"
#include "cli/project_template.hpp"
#include "core/error.hpp"
#include "core/fs.hpp"

namespace genops::cli {

namespace fs = std::filesystem;

void add_init_command(CLI::App& app, Context&) {
  auto dir = std::make_shared<std::string>(".");
  auto* cmd = app.add_subcommand("init", "Create a project (genops.yaml, an example prompt, mock replies) that runs offline");
  cmd->add_option("dir", *dir, "Directory to create the project in (default: the current one)");
  cmd->footer(example({"genops init demo && cd demo && genops prompt add prompts/*.yaml -m first"}));
  cmd->callback([dir] {
    fs::path root = *dir;
    std::error_code ec;
    if (fs::exists(root / "genops.yaml", ec))
      core::fail_input(core::display_path(root / "genops.yaml") + " already exists",
                       {"this directory is already a genops project; pick another directory"});
    for (const auto& file : project_template_files()) {
      auto path = root / file.path;
      if (fs::exists(path, ec)) {
        std::cerr << "  kept     " << core::display_path(path) << " (already exists)\n";
        continue;
      }
      fs::create_directories(path.parent_path(), ec);
      if (ec) core::fail_input("cannot create " + core::display_path(path.parent_path()) + ": " + ec.message());
      core::write_file_atomic(path, file.content);
      std::cout << "  created  " << core::display_path(path) << '\n';
    }
    std::cout << "\nA genops project is ready in " << core::display_path(fs::absolute(root).lexically_normal())
              << ". Next:\n";
    if (*dir != ".") std::cout << "  cd " << *dir << '\n';
    std::cout << "  genops prompt add prompts/*.yaml -m \"first version\"\n"
                 "  genops prompt render support-answer --var question=\"How do I get a refund?\"\n";
  });
}

}  // namespace genops::cli
