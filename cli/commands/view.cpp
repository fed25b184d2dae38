// genops view [--port P] [--no-open]
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <iostream>
#include <thread>

#include "cli/commands/commands.hpp"
#include "cli/interrupt.hpp"
#include "cli/label_moves.hpp"
#include "cli/output.hpp"
#include "cli/prompt_scores.hpp"
#include "cli/view/server.hpp"
#include "core/error.hpp"
#include "core/hash.hpp"

extern char** environ;

namespace genops::cli {

namespace {

struct ViewOptions {
  int port = 0;
  bool no_open = false;
};

// Starts xdg-open on `url` with its output discarded, when it is installed;
// the viewer works the same without it (the URL is printed). Returns its pid, or 0.
pid_t open_browser(const std::string& url) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  for (int fd : {0, 1, 2}) posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0);
  std::string program = "xdg-open";
  std::vector<char*> argv{program.data(), const_cast<char*>(url.c_str()), nullptr};
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, program.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  return rc == 0 ? pid : 0;
}

view::ViewServices services(Context& ctx, bool writable) {
  std::string location = ctx.read_store().path().string();
  auto access = writable ? core::lineage::Access::write : core::lineage::Access::read;
  std::string author = ctx.author();
  auto refuse_read_only = [location] {
    core::fail_storage(core::lineage::display_location(location) + ": the store is read-only; labels cannot move",
                       {"open a copy you can write, or ask its owner to move the label"});
  };
  view::ViewServices s;
  s.open_store = [&ctx, location, access] { return ctx.open_other_store(location, access); };
  s.open_prompts = [&ctx](core::lineage::Store& store) { return ctx.open_prompt_store(store); };
  s.move_prompt_label = [=, &ctx](core::lineage::Store& store, const std::string& name, std::int64_t number,
                            const std::string& label) {
    if (!writable) refuse_read_only();
    auto prompts = ctx.open_prompt_store(store);
    return describe(move_prompt_label(*prompts, name + "@" + std::to_string(number), label, author));
  };
  s.move_eval_label = [=, &ctx](core::lineage::Store& store, const std::string& run, const std::string& label) {
    if (!writable) refuse_read_only();
    auto evals = ctx.open_eval_store();
    return describe(move_eval_label(store.db(), *evals, run, label, author), label);
  };
  s.score_deltas = [&ctx](core::lineage::Store&, const std::string& name, std::int64_t a, std::int64_t b) {
    auto evals = ctx.open_eval_store(core::lineage::Access::read);
    return score_deltas_json(score_rows(*evals, VersionRef{name, a}, VersionRef{name, b}));
  };
  return s;
}

void run_view(Context& ctx, const ViewOptions& o) {
  if (o.port < 0 || o.port > 65535) core::fail_usage("--port " + std::to_string(o.port) + ": expected 0..65535");
  bool writable = !ctx.read_store().read_only();
  if (writable) ctx.store();  // opened here, once: the workers' label moves reuse its location
  auto token = core::random_hex(16);
  view::ViewServer server(services(ctx, writable), token, view::ServerOptions{o.port});
  InterruptGuard guard;
  int port = server.bind();
  std::string url = "http://127.0.0.1:" + std::to_string(port) + "/?token=" + token;
  std::cout << url << std::endl;
  print_note("serving " + core::lineage::display_location(ctx.read_store().path().string()) +
             (writable ? "" : " (read-only)") + "; Ctrl-C stops");
  server.start();
  pid_t browser = o.no_open ? 0 : open_browser(url);
  while (!InterruptGuard::requested() && server.running()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    if (browser > 0 && waitpid(browser, nullptr, WNOHANG) == browser) browser = 0;
  }
  server.stop();
}

}  // namespace

void add_view_command(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<ViewOptions>();
  auto* cmd = app.add_subcommand("view", "A local web UI over the store: prompts, runs, evals, compare, skew (127.0.0.1 only)");
  cmd->add_option("--port", o->port, "Port on 127.0.0.1 (default: a free one)");
  cmd->add_flag("--no-open", o->no_open, "Print the URL without opening a browser");
  cmd->footer(example({"genops view", "genops view --port 8377 --no-open"}));
  cmd->callback([&ctx, o] { run_view(ctx, *o); });
}

}  // namespace genops::cli
