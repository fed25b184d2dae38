#pragma once
// The one regular-expression engine of genops: RE2 behind a small value type.
// Matching is linear in the text and never recurses, so no pattern and no
// input length can hang or crash a run (std::regex overflowed the stack on
// 100 KB and backtracked for seconds on `(a+)+$`; it is not used anywhere).
//
// Dialect, everywhere a user writes a regex (eval `regex` assertions, chain
// `when`/`until` `matches`, transform `extract.regex`, mock `match.regex`,
// `genops eval --filter`): RE2 syntax, i.e. Perl's without backreferences or
// lookaround; inline flags such as `(?i)` (ignore case), `(?s)` (`.` matches
// newline) and `(?m)` (multi-line `^`/`$`); texts are UTF-8.
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/expected.hpp"

namespace re2 {
class RE2;
}

namespace genops::core {

// The hint shown under every invalid-regex error.
inline constexpr const char* k_regex_syntax_hint =
    "regexes use RE2 syntax (Perl's without backreferences or lookaround; (?i) ignores case): "
    "https://github.com/google/re2/wiki/Syntax";

enum class RegexCase { sensitive, insensitive };

// The first match of a search: where it starts and every group's text.
struct RegexMatch {
  std::size_t offset = 0;                          // byte offset of the whole match in the text
  std::vector<std::optional<std::string>> groups;  // [0] the whole match; nullopt: the group took no part
};

// A compiled pattern. Cheap to copy (the compiled form is shared and
// immutable); every member is safe to call from many threads at once.
class Regex {
 public:
  // Compiles `pattern`. The error is RE2's own message, e.g.
  // "missing ): (unclosed"; the caller adds where the pattern was written.
  static Expected<Regex> compile(std::string_view pattern, RegexCase letter_case = RegexCase::sensitive);
  // Compiles a pattern written in genops' own source. Throws Error(internal)
  // if RE2 rejects it (a bug, never the user's input).
  static Regex builtin(std::string_view pattern, RegexCase letter_case = RegexCase::sensitive);

  // The pattern as written.
  const std::string& pattern() const;
  // The number of capturing groups (not counting the whole match).
  int group_count() const;

  // Whether the whole of `text` matches.
  bool full_match(std::string_view text) const;
  // Whether the pattern matches anywhere in `text`.
  bool search(std::string_view text) const;
  // The leftmost match in `text` with its groups, or nullopt.
  std::optional<RegexMatch> find(std::string_view text) const;
  // `text` with every non-overlapping match replaced by `rewrite`, in which
  // \0..\9 stand for the groups (an unmatched group is empty) and \\ for a
  // backslash. The error names a rewrite that uses a group the pattern lacks.
  Expected<std::string> replace_all(std::string_view text, std::string_view rewrite) const;

 private:
  explicit Regex(std::shared_ptr<const re2::RE2> re);
  std::shared_ptr<const re2::RE2> m_re;
};

}  // namespace genops::core
