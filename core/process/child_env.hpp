#pragma once
// The environment a child program (an `exec` scorer or chain step) runs with:
// an allow-list of this process's variables (docs/eval.md, "exec";
// docs/chains.md, "exec"), never a provider's API key.
#include <string>
#include <string_view>
#include <vector>

namespace genops::core::process {

// "NAME=value" entries of `parent` (an environ-style, null-terminated array)
// that a child may see: PATH, HOME, USER, LOGNAME, SHELL, TERM, TZ, TMPDIR,
// LANG, LANGUAGE, LC_*, NO_COLOR, GENOPS_* and the names in `extra_names`;
// minus every variable named in
// `secret_names` (the providers' api_key_env), every name containing KEY,
// TOKEN, SECRET, PASSW or CREDENTIAL (any case), and every value holding a
// registered secret (core::register_secret).
std::vector<std::string> child_environment(char** parent, const std::vector<std::string>& secret_names,
                                           const std::vector<std::string>& extra_names = {});

// True for a variable name that looks like it holds a credential (KEY, TOKEN,
// SECRET, PASSW or CREDENTIAL in any case): never passed to a child.
bool secret_looking_name(std::string_view name);

}  // namespace genops::core::process
