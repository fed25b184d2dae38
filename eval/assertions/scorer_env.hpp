#pragma once
// The environment an `exec` scorer runs with: an allow-list of this process's
// variables (docs/eval.md, "exec"), never a provider's API key.
#include <string>
#include <vector>

namespace genops::eval::assertions {

// "NAME=value" entries of `parent` (an environ-style, null-terminated array)
// that a scorer may see: PATH, HOME, USER, LOGNAME, SHELL, TERM, TZ, TMPDIR,
// LANG, LANGUAGE, LC_*, NO_COLOR and GENOPS_*; minus every variable named in
// `secret_names` (the providers' api_key_env), every name containing KEY,
// TOKEN, SECRET, PASSW or CREDENTIAL (any case), and every value holding a
// registered secret (core::register_secret).
std::vector<std::string> scorer_environment(char** parent, const std::vector<std::string>& secret_names);

}  // namespace genops::eval::assertions
