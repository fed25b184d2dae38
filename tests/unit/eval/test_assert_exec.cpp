// exec: real scorer processes in a temp dir.
#include <doctest/doctest.h>

#include <cerrno>
#include <cstdlib>
#include <chrono>
#include <fcntl.h>
#include <fstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

#include "core/redact.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/unit/eval/assert_helpers.hpp"

using namespace genops::test;

namespace {

struct Scorer {
  TempDir dir;
  AssertionServices services;
  Scorer() { services.project_dir = dir.path().string(); }

  AssertionResult run(nlohmann::json command, const Case& c = Case{"Your refund is on its way"},
                      const std::string& written = "exec", nlohmann::json timeout = nullptr) {
    auto spec = make_spec(written, "refund");
    spec.options["command"] = std::move(command);
    if (!timeout.is_null()) spec.options["timeout"] = std::move(timeout);
    return check(spec, c, services);
  }
};

// What the scorer read on stdin, checked by the scorer itself.
const char* k_checker = R"(import json, sys
case = json.load(sys.stdin)
ok = case["value"] in case["output"] and case["vars"]["lang"] == "en" and case["expected"] == "E"
print(json.dumps({"pass": ok, "score": 0.75 if ok else 0.0, "reason": "saw " + case["output"][:12]}))
)";

bool no_children_left() { return ::waitpid(-1, nullptr, WNOHANG) == -1 && errno == ECHILD; }

// Gone, or a zombie waiting for init: either way no longer running. SIGKILL
// is delivered asynchronously, so allow it a moment.
bool not_running(const std::string& pid) {
  for (int i = 0; i < 100; ++i) {
    std::ifstream stat("/proc/" + pid + "/stat");
    std::string line;
    if (!std::getline(stat, line)) return true;
    auto close = line.rfind(')');
    if (close != std::string::npos && line.size() > close + 2 && line[close + 2] == 'Z') return true;
    ::usleep(20'000);
  }
  return false;
}

}  // namespace

TEST_CASE("eval::assertions: exec") {
  Scorer s;
  SUBCASE("{pass, score, reason} from a script that reads the case on stdin") {
    s.dir.write("score.py", k_checker);
    Case c{"Your refund is on its way", {{"lang", "en"}}, "E"};
    auto r = s.run(nlohmann::json{"python3", "score.py"}, c);
    CHECK(r.pass);
    CHECK_FALSE(r.error);
    CHECK(r.score == 0.75);
    CHECK(r.reason == "saw Your refund ");
    auto f = s.run("python3 score.py", Case{"no money", {{"lang", "en"}}, "E"});
    CHECK_FALSE(f.pass);
    CHECK(f.reason == "saw no money");
    auto n = s.run("python3 score.py", c, "not-exec");
    CHECK_FALSE(n.pass);
    CHECK(n.score == 0.25);
    CHECK(n.reason == "saw Your refund ");
  }
  SUBCASE("a number: passes above 0, or at the threshold") {
    auto r = s.run("echo 0.8");
    CHECK(r.pass);
    CHECK(r.score == 0.8);
    auto zero = s.run("echo 0");
    CHECK_FALSE(zero.pass);
    CHECK(zero.reason == "scorer's score 0 is not above 0");
    auto spec = make_spec("exec");
    spec.options["command"] = "echo 0.8";
    spec.threshold = 0.9;
    auto below = check(spec, Case{"x"}, s.services);
    CHECK_FALSE(below.pass);
    CHECK(below.reason == "scorer's score 0.8 is below the threshold 0.9");
    auto out_of_range = s.run("echo 7");
    CHECK(out_of_range.error);
    CHECK(out_of_range.reason == "exec: the scorer's score 7 is outside 0..1");
  }
  SUBCASE("a boolean") {
    CHECK(s.run("echo true").pass);
    auto r = s.run("echo false");
    CHECK_FALSE(r.pass);
    CHECK(r.score == 0.0);
    CHECK(r.reason == "scorer said false");
  }
  SUBCASE("runs in the project dir") {
    s.dir.write("answer.txt", "true\n");
    CHECK(s.run("cat answer.txt").pass);
  }
  SUBCASE("stdout that is not a score") {
    auto r = s.run("echo hello");
    CHECK(r.error);
    CHECK_FALSE(r.pass);
    CHECK(r.reason ==
          "exec: the scorer's stdout is not a score (a number in 0..1, true/false or {pass, score, reason}): \"hello\\n\"");
    CHECK(s.run("echo '{\"reason\": \"no verdict\"}'").error);
  }
  SUBCASE("a nonzero exit names stderr's last line") {
    auto r = s.run("echo first >&2; echo 'second line' >&2; echo; exit 3");
    CHECK(r.error);
    CHECK(r.reason == "exec: the scorer exited with status 3: second line");
    CHECK(s.run("exit 4").reason == "exec: the scorer exited with status 4");
  }
  SUBCASE("a crash") {
    auto r = s.run("echo dying >&2; kill -SEGV $$");
    CHECK(r.error);
    CHECK(r.reason == "exec: the scorer was killed by signal 11 (Segmentation fault): dying");
  }
  SUBCASE("a timeout kills the whole process group") {
    // Were the scorer or its background child waited for, this would not return for an hour.
    auto r = s.run("sleep 3600 & echo $! > bg.pid; sleep 3600", Case{"x"}, "exec", "300ms");
    CHECK(r.error);
    CHECK_FALSE(r.pass);
    CHECK(r.reason == "exec: the scorer timed out after 0.3s and was killed");
    std::ifstream pid_file(s.dir.path() / "bg.pid");
    std::string pid;
    REQUIRE(std::getline(pid_file, pid));
    CHECK(not_running(pid));
  }
  SUBCASE("1 MB on stdin while the scorer echoes it back: no deadlock") {
    std::string big(1 << 20, 'a');
    s.dir.write("len.py",
                "import json, sys\nd = json.load(sys.stdin)\nprint(json.dumps({'pass': len(d['output']) == 1048576, "
                "'reason': str(len(d['output']))}))\n");
    auto r = s.run("python3 len.py", Case{big});
    CHECK(r.pass);
    CHECK(r.reason == "1048576");
    auto echoed = s.run("cat", Case{big});  // 1 MB in, 1 MB out, at the same time
    CHECK(echoed.error);
    CHECK(echoed.reason.rfind("exec: the scorer's stdout is not a score", 0) == 0);
    auto deaf = s.run("echo true", Case{big});  // never reads its stdin
    CHECK(deaf.pass);
  }
  SUBCASE("only stdin, stdout and stderr reach the scorer") {
    int leaked = ::open("/dev/null", O_RDONLY);  // no O_CLOEXEC on purpose
    REQUIRE(leaked >= 3);
    s.dir.write("fds.py",
                "import json, os\nfds = sorted(int(f) for f in os.listdir('/proc/self/fd'))\n"
                "print(json.dumps({'pass': True, 'reason': ' '.join(map(str, fds))}))\n");
    auto r = s.run("exec python3 fds.py");
    ::close(leaked);
    CHECK(r.reason == "0 1 2 3");  // 3 is listdir's own
  }
  SUBCASE("the scorer's environment is an allow-list without provider keys") {
    // ACME_LLM is a provider's api_key_env; GENOPS_PLAIN holds a key registered by a provider.
    ::setenv("ACME_LLM", "acme-key-0123456789", 1);
    ::setenv("OPENAI_API_KEY", "sk-openai-0123456789", 1);
    ::setenv("GITHUB_TOKEN", "ghp_0123456789", 1);
    ::setenv("GENOPS_DB_PASSWORD", "hunter2hunter2", 1);
    ::setenv("GENOPS_PLAIN", "Registered-Key-0123", 1);
    ::setenv("GENOPS_LABEL", "ci", 1);
    ::setenv("RANDOM_OTHER_VAR", "x", 1);
    const bool had_lc_telephone = std::getenv("LC_TELEPHONE") != nullptr;
    ::setenv("LC_TELEPHONE", "C.UTF-8", 1);
    genops::core::register_secret("Registered-Key-0123");
    s.services.secret_env = {"ACME_LLM"};
    s.dir.write("env.py", "import json, os\nprint(json.dumps({'pass': True, 'reason': ' '.join(sorted(os.environ))}))\n");
    auto r = s.run(nlohmann::json{"python3", "env.py"});
    for (const char* name : {"ACME_LLM", "OPENAI_API_KEY", "GITHUB_TOKEN", "GENOPS_DB_PASSWORD", "GENOPS_PLAIN",
                             "RANDOM_OTHER_VAR"}) {
      ::unsetenv(name);
      CHECK_MESSAGE(r.reason.find(name) == std::string::npos, name);
    }
    ::unsetenv("GENOPS_LABEL");
    CHECK(r.pass);
    CHECK(r.reason.find("GENOPS_LABEL") != std::string::npos);
    CHECK(r.reason.find("PATH") != std::string::npos);
    CHECK(r.reason.find("LC_TELEPHONE") != std::string::npos);
    if (!had_lc_telephone) ::unsetenv("LC_TELEPHONE");
  }
  SUBCASE("configuration errors") {
    auto spec = make_spec("exec");
    auto none = check(spec, Case{"x"}, s.services);
    CHECK(none.error);
    CHECK(none.reason == "exec needs a command");
    CHECK(s.run(nlohmann::json::array()).reason ==
          "exec: command must be a non-empty string or list of strings, got []");
    CHECK(s.run(nlohmann::json{"echo", 1}).reason == "exec: command list items must be strings, got 1");
    CHECK(s.run("echo 1", Case{"x"}, "exec", "soon").reason ==
          "exec: timeout must be a duration like 30s or 500ms, got \"soon\"");
    CHECK(s.run(nlohmann::json{"/nonexistent/scorer"}).reason ==
          "exec: cannot run /nonexistent/scorer: No such file or directory");
  }
  CHECK(no_children_left());
}
