#include "core/process/child_env.hpp"

#include <algorithm>
#include <string_view>

#include "core/redact.hpp"
#include "core/strings.hpp"

namespace genops::core::process {

namespace {

bool allowed_name(std::string_view name) {
  static constexpr std::string_view k_names[] = {"PATH", "HOME", "USER",     "LOGNAME", "SHELL",   "TERM",
                                                 "TZ",   "TMPDIR", "LANG", "LANGUAGE", "NO_COLOR"};
  if (std::find(std::begin(k_names), std::end(k_names), name) != std::end(k_names)) return true;
  return starts_with(name, "LC_") || starts_with(name, "GENOPS_");
}

}  // namespace

bool secret_looking_name(std::string_view name) {
  std::string upper;
  for (char c : name) upper += c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c;
  for (std::string_view word : {"KEY", "TOKEN", "SECRET", "PASSW", "CREDENTIAL"})
    if (upper.find(word) != std::string::npos) return true;
  return false;
}

std::vector<std::string> child_environment(char** parent, const std::vector<std::string>& secret_names,
                                           const std::vector<std::string>& extra_names) {
  std::vector<std::string> env;
  for (char** entry = parent; entry != nullptr && *entry != nullptr; ++entry) {
    std::string_view item(*entry);
    auto eq = item.find('=');
    if (eq == std::string_view::npos || eq == 0) continue;
    std::string_view name = item.substr(0, eq);
    bool extra = std::find(extra_names.begin(), extra_names.end(), name) != extra_names.end();
    if ((!allowed_name(name) && !extra) || secret_looking_name(name)) continue;
    if (std::find(secret_names.begin(), secret_names.end(), name) != secret_names.end()) continue;
    if (contains_secret(item.substr(eq + 1))) continue;
    env.emplace_back(item);
  }
  return env;
}

}  // namespace genops::core::process
