#include "core/prompt/reference.hpp"

#include <charconv>

#include "core/error.hpp"
#include "core/strings.hpp"

namespace genops::core::prompt {

PromptRef parse_prompt_ref(std::string_view text) {
  PromptRef ref;
  ref.text = std::string(text);
  auto at = text.find('@');
  ref.name = std::string(text.substr(0, at));
  if (ref.name.empty())
    fail_input("prompt reference " + quote(text) + " has no name", {"write NAME, NAME@3, NAME@production or NAME@sha:1f3a9c"});
  if (at == std::string_view::npos) return ref;
  auto rest = text.substr(at + 1);
  if (rest.empty()) fail_input("prompt reference " + quote(text) + " ends with '@'", {"write NAME@3, NAME@production or NAME@sha:1f3a9c"});
  if (starts_with(rest, "sha:")) {
    ref.kind = PromptRef::Kind::hash;
    ref.value = to_lower(rest.substr(4));
    if (ref.value.size() < 4 || ref.value.find_first_not_of("0123456789abcdef") != std::string::npos)
      fail_input("prompt reference " + quote(text) + ": expected at least 4 hex digits after sha:");
    return ref;
  }
  std::int64_t number = 0;
  auto [ptr, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), number);
  if (ec == std::errc() && ptr == rest.data() + rest.size()) {
    if (number <= 0) fail_input("prompt reference " + quote(text) + ": versions are numbered from 1");
    ref.kind = PromptRef::Kind::number;
    ref.number = number;
    return ref;
  }
  ref.kind = PromptRef::Kind::label;
  ref.value = std::string(rest);
  return ref;
}

core::prompt::PromptVersionRecord resolve_prompt_ref(core::prompt::PromptStore& store, const PromptRef& ref) {
  auto latest = store.find_latest(ref.name);
  if (!latest) {
    auto names = store.names();
    fail_input("unknown prompt " + quote(ref.name), {suggest(ref.name, names)});
  }
  switch (ref.kind) {
    case PromptRef::Kind::latest: return *latest;
    case PromptRef::Kind::number: {
      if (auto v = store.find_number(ref.name, ref.number)) return *v;
      fail_input(ref.text + ": no such version; " + ref.name + " has versions 1 to " + std::to_string(latest->number),
                 {"see them with: genops prompt log " + ref.name});
    }
    case PromptRef::Kind::label: {
      if (auto v = store.find_label(ref.name, ref.value)) return *v;
      auto labels = store.labels(ref.name);
      fail_input(ref.text + ": no label " + quote(ref.value) + " on prompt " + ref.name,
                 {labels.empty() ? "set one with: genops prompt label " + ref.name + "@N " + ref.value
                                 : suggest(ref.value, labels)});
    }
    case PromptRef::Kind::hash: {
      auto found = store.find_hash_prefix(ref.name, ref.value);
      if (found.size() == 1) return found.front();
      if (found.empty()) fail_input(ref.text + ": no version of " + ref.name + " has a hash starting with " + ref.value);
      std::vector<std::string> candidates;
      for (const auto& v : found) candidates.push_back(ref.name + "@" + std::to_string(v.number) + " (sha:" + v.hash.substr(0, 12) + ")");
      fail_input(ref.text + ": hash prefix is ambiguous, " + std::to_string(found.size()) + " versions match",
                 {"use a longer prefix: " + join(candidates, ", ")});
    }
  }
  fail_input("unresolvable prompt reference " + quote(ref.text));
}

}  // namespace genops::core::prompt
