#include "eval/skew/sources.hpp"

#include <filesystem>

#include "core/error.hpp"
#include "core/json.hpp"
#include "eval/skew/store/input_log.hpp"
#include "core/strings.hpp"
#include "eval/suite/cases.hpp"
#include "eval/suite/dataset.hpp"
#include "eval/suite/loader.hpp"

namespace genops::eval::skew {

namespace {

class FileSource final : public RowSource {
 public:
  explicit FileSource(const std::filesystem::path& path) : m_reader(path) {}
  std::optional<InputRow> next() override {
    auto row = m_reader.next();
    if (!row) return std::nullopt;
    return InputRow{inputs_of_logged_row(std::move(row->values))};
  }
  std::optional<RawRow> next_raw() override {
    if (!m_reader.is_jsonl()) return RowSource::next_raw();
    auto line = m_reader.next_line();
    if (!line) return std::nullopt;
    RawRow raw;
    raw.text = std::move(line->text);
    raw.line = line->line;
    raw.logged = true;
    return raw;
  }
  InputRow parse_raw(RawRow raw) const override {
    if (raw.parsed) return std::move(*raw.parsed);
    auto row = m_reader.parse_line(DatasetLine{std::move(raw.text), raw.line, 0});
    return InputRow{inputs_of_logged_row(std::move(row.values))};
  }

 private:
  DatasetReader m_reader;
};

class EvalSource final : public RowSource {
 public:
  explicit EvalSource(const std::filesystem::path& path) : m_suite(load_suite(path)), m_cases(m_suite, {}) {}
  std::optional<InputRow> next() override {
    auto c = m_cases.next();
    if (!c) return std::nullopt;
    return InputRow{std::move(c->vars)};
  }

 private:
  Suite m_suite;
  CaseSource m_cases;
};

class RunsSource final : public RowSource {
 public:
  RunsSource(core::lineage::Store& store, std::string chain, const std::string& since, const std::string& until)
      : m_cursor(store, chain, since, until), m_chain(std::move(chain)) {}
  std::optional<InputRow> next() override {
    auto raw = next_raw();
    if (!raw) return std::nullopt;
    return parse_raw(std::move(*raw));
  }
  std::optional<RawRow> next_raw() override {
    if (!m_cursor.next(m_json, m_ts)) return std::nullopt;
    RawRow raw;
    raw.text = std::move(m_json);
    raw.where = m_ts;
    return raw;
  }
  InputRow parse_raw(RawRow raw) const override {
    if (raw.parsed) return std::move(*raw.parsed);
    auto parsed = core::parse_json(raw.text);
    if (!parsed || !parsed->is_object())
      core::fail_input("runs:" + m_chain + ": the run at " + raw.where + " has inputs that are not a JSON object",
                       {"check the store with: genops store verify"});
    return InputRow{std::move(*parsed)};
  }

 private:
  eval::skew::RunInputCursor m_cursor;
  std::string m_chain, m_json, m_ts;
};

}  // namespace

std::optional<RawRow> RowSource::next_raw() {
  auto row = next();
  if (!row) return std::nullopt;
  RawRow raw;
  raw.parsed = std::move(*row);
  return raw;
}

InputRow RowSource::parse_raw(RawRow raw) const { return std::move(raw.parsed).value_or(InputRow{}); }

SourceSpec parse_source(std::string_view text) {
  SourceSpec spec;
  spec.text = std::string(text);
  const auto colon = text.find(':');
  std::string_view prefix = colon == std::string_view::npos ? "" : text.substr(0, colon);
  if (prefix == "eval" || prefix == "runs" || prefix == "file") {
    spec.kind = prefix == "eval" ? SourceSpec::Kind::eval : prefix == "runs" ? SourceSpec::Kind::runs : SourceSpec::Kind::file;
    spec.target = std::string(text.substr(colon + 1));
  } else if (colon != std::string_view::npos && colon > 1 && text.find('/') > colon) {
    core::fail_usage("skew source " + core::quote(text) + ": unknown kind " + core::quote(prefix),
                     {"a source is eval:EVAL.yaml, runs:CHAIN or file:PATH.jsonl|.csv"});
  } else {
    spec.target = std::string(text);  // a bare path
  }
  if (spec.target.empty())
    core::fail_usage("skew source " + core::quote(text) + ": nothing after the colon",
                     {"a source is eval:EVAL.yaml, runs:CHAIN or file:PATH.jsonl|.csv"});
  return spec;
}

nlohmann::json inputs_of_logged_row(nlohmann::json row) {
  for (const char* key : {"inputs", "vars"}) {
    auto it = row.find(key);
    if (it != row.end() && it->is_object()) return std::move(*it);
  }
  row.erase("timestamp");
  row.erase("ts");
  return row;
}

std::unique_ptr<RowSource> open_source(const SourceSpec& spec, core::lineage::Store* store, const std::string& since,
                                       const std::string& until) {
  switch (spec.kind) {
    case SourceSpec::Kind::eval:
      if (!std::filesystem::is_regular_file(spec.target))
        core::fail_input(spec.text + ": eval file not found", {"give the eval file's path, as in eval:evals/support.yaml"});
      return std::make_unique<EvalSource>(spec.target);
    case SourceSpec::Kind::file:
      if (!std::filesystem::is_regular_file(spec.target))
        core::fail_input(spec.text + ": file not found", {"a file source is JSONL (one object per line) or CSV with a header"});
      return std::make_unique<FileSource>(spec.target);
    case SourceSpec::Kind::runs:
      if (!store) core::fail_usage(spec.text + ": a runs: source needs the lineage store");
      return std::make_unique<RunsSource>(*store, spec.target, since, until);
  }
  return nullptr;
}

}  // namespace genops::eval::skew
