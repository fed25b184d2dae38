#include "eval/suite/cases.hpp"

#include <set>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/hash.hpp"
#include "core/json.hpp"
#include "core/strings.hpp"

namespace genops::eval {

namespace {

std::string text_of(const nlohmann::json& value) {
  return value.is_string() ? value.get<std::string>() : core::dump_json(value);
}

std::string content_key(const nlohmann::json& vars, const std::optional<std::string>& expected) {
  nlohmann::json identity = {{"vars", vars}};
  if (expected) identity["expected"] = *expected;
  return "h" + core::sha256_hex(core::dump_json(identity)).substr(0, 16);
}

}  // namespace

CaseSource::CaseSource(const Suite& suite, std::vector<std::string> required)
    : m_suite(suite), m_required(std::move(required)) {
  if (!suite.dataset.empty()) m_dataset = std::make_unique<DatasetReader>(suite.dataset, suite.dataset_origin);
}

std::string CaseSource::unique_key(std::string key) {
  if (m_seen.insert(key)) return key;
  int& count = m_repeated[key];
  count = count == 0 ? 2 : count + 1;
  return key + "~" + std::to_string(count);
}

// Mapped columns are renamed to their inputs; every other column stays in the
// case's vars (for assertions and reports); the target takes only its inputs.
Case CaseSource::from_row(DatasetRow row) {
  Case c;
  c.index = m_index++;
  c.where = m_dataset->name() + ":" + std::to_string(row.line);
  auto& values = row.values;
  std::set<std::string> mapped;
  for (const auto& [input, column] : m_suite.var_map) {
    auto it = values.find(column);
    if (it == values.end())
      core::fail_input(c.where + ": missing column " + core::quote(column) + " (mapped to input " + input + ")",
                       {"the eval's `vars:` maps input " + input + " to column " + column});
    c.vars[input] = *it;
    mapped.insert(column);
  }
  for (auto& [column, value] : values.items()) {
    if (column == k_expected_column) {
      if (!value.is_null()) c.expected = text_of(value);
    } else if (column == k_id_column) {
      c.key = text_of(value);
    } else if (column == k_description_column) {
      c.description = text_of(value);
    } else if (!mapped.count(column) && !c.vars.contains(column)) {
      c.vars[column] = std::move(value);
    }
  }
  if (c.key.empty()) c.key = content_key(c.vars, c.expected);
  c.key = unique_key(std::move(c.key));
  return c;
}

void CaseSource::check_required(const Case& c) const {
  for (const auto& name : m_required) {
    if (c.vars.contains(name)) continue;
    std::vector<std::string> have;
    for (const auto& [k, v] : c.vars.items()) have.push_back(k);
    std::vector<std::string> hints = {"the target needs input " + name + "; this case has " +
                                      (have.empty() ? std::string("no vars") : core::join(have, ", "))};
    auto near = core::suggest(name, have);
    if (!near.empty()) hints.insert(hints.begin(), near);
    if (m_dataset && c.asserts == nullptr)
      hints.push_back("rename the column, or map it in the eval file: vars: {" + name + ": COLUMN}");
    core::fail_input(c.where + ": missing input " + core::quote(name), std::move(hints));
  }
}

std::optional<Case> CaseSource::next() {
  if (m_dataset) {
    if (auto row = m_dataset->next()) {
      Case c = from_row(std::move(*row));
      check_required(c);
      return c;
    }
    m_dataset.reset();
  }
  if (m_next_test >= m_suite.tests.size()) return std::nullopt;
  const InlineTest& test = m_suite.tests[m_next_test++];
  Case c;
  c.index = m_index++;
  c.where = test.where;
  c.description = test.description;
  c.vars = test.vars;
  c.expected = test.expected;
  c.asserts = &test.asserts;
  c.key = unique_key(test.id.empty() ? content_key(c.vars, c.expected) : test.id);
  check_required(c);
  return c;
}

}  // namespace genops::eval
