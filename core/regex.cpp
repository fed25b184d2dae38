// The one user of RE2 in genops (tests/check_layering.sh enforces it).
#include "core/regex.hpp"

#include <re2/re2.h>

#include "core/error.hpp"

namespace genops::core {

namespace {

re2::StringPiece piece(std::string_view text) { return re2::StringPiece(text.data(), text.size()); }

}  // namespace

Regex::Regex(std::shared_ptr<const re2::RE2> re) : m_re(std::move(re)) {}

Expected<Regex> Regex::compile(std::string_view pattern, RegexCase letter_case) {
  RE2::Options options;
  options.set_log_errors(false);  // library code never prints
  options.set_case_sensitive(letter_case == RegexCase::sensitive);
  auto re = std::make_shared<const re2::RE2>(piece(pattern), options);
  if (!re->ok()) return unexpected(re->error());
  return Regex(std::move(re));
}

Regex Regex::builtin(std::string_view pattern, RegexCase letter_case) {
  auto re = compile(pattern, letter_case);
  if (!re) throw Error(ErrorKind::internal, "built-in regex " + std::string(pattern) + ": " + re.error());
  return std::move(re).value();
}

const std::string& Regex::pattern() const { return m_re->pattern(); }

int Regex::group_count() const { return m_re->NumberOfCapturingGroups(); }

bool Regex::full_match(std::string_view text) const { return RE2::FullMatch(piece(text), *m_re); }

bool Regex::search(std::string_view text) const { return RE2::PartialMatch(piece(text), *m_re); }

std::optional<RegexMatch> Regex::find(std::string_view text) const {
  std::vector<re2::StringPiece> parts(static_cast<std::size_t>(group_count()) + 1);
  if (!m_re->Match(piece(text), 0, text.size(), RE2::UNANCHORED, parts.data(), static_cast<int>(parts.size())))
    return std::nullopt;
  RegexMatch match;
  match.offset = static_cast<std::size_t>(parts[0].data() - text.data());
  for (const auto& part : parts) {
    if (part.data() == nullptr) match.groups.emplace_back(std::nullopt);
    else match.groups.emplace_back(std::string(part.data(), part.size()));
  }
  return match;
}

Expected<std::string> Regex::replace_all(std::string_view text, std::string_view rewrite) const {
  std::string problem;
  if (!m_re->CheckRewriteString(piece(rewrite), &problem)) return unexpected(problem);
  std::string out(text);
  RE2::GlobalReplace(&out, *m_re, piece(rewrite));
  return out;
}

}  // namespace genops::core
