#include "core/lineage/run_owner.hpp"

#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <fstream>
#include <iterator>
#include <sstream>

namespace genops::core::lineage {

namespace {

std::string host() {
  char buf[256] = {};
  if (gethostname(buf, sizeof buf - 1) != 0) return "";
  return buf;
}

}  // namespace

std::int64_t process_start_time(std::int64_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  if (!in) return 0;
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // The command name (field 2) is in parentheses and may hold spaces or ')':
  // the fields after the last ')' start at field 3 (state).
  auto close = text.rfind(')');
  if (close == std::string::npos) return 0;
  std::istringstream fields(text.substr(close + 1));
  std::string field;
  for (int i = 3; i <= 22 && fields >> field; ++i) {
    if (i == 22) {
      try {
        return std::stoll(field);
      } catch (const std::exception&) {
        return 0;
      }
    }
  }
  return 0;
}

const RunOwner& this_process() {
  static const RunOwner owner = [] {
    RunOwner o;
    o.host = host();
    o.pid = static_cast<std::int64_t>(getpid());
    o.start = process_start_time(o.pid);
    return o;
  }();
  return owner;
}

bool owner_gone(const RunOwner& owner) {
  if (owner.pid <= 0 || owner.host.empty() || owner.host != this_process().host) return false;
  if (kill(static_cast<pid_t>(owner.pid), 0) != 0 && errno == ESRCH) return true;
  if (owner.start == 0) return false;  // no start time recorded: the pid alone cannot tell
  const auto start = process_start_time(owner.pid);
  return start != 0 && start != owner.start;
}

std::string effective_status(std::string_view status, const RunOwner& owner) {
  if (status == "running" && owner_gone(owner)) return "abandoned";
  return std::string(status);
}

}  // namespace genops::core::lineage
