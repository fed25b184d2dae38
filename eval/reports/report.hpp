#pragma once
// What `genops eval` reports: the run, its statistics, the gate verdict, the
// baseline comparison and every result; written in the format its file
// extension names (.json .jsonl .xml .md .html .csv).
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "eval/gate/compare.hpp"
#include "eval/gate/gate.hpp"
#include "eval/result.hpp"
#include "eval/stats/summary.hpp"

namespace genops::eval::reports {

// Where and when the run happened.
struct RunInfo {
  std::string run_id;               // the eval run's id in the store
  std::string suite_name;
  std::filesystem::path eval_path;  // as the user gave it
  std::string target;               // "chain chains/support.yaml" or "prompt support-answer@candidate"
  std::vector<std::string> providers;
  std::string started;              // ISO 8601 UTC (core::format_timestamp)
  std::string ended;
  std::string git_commit;           // "" when not in a git checkout
  std::string label;                // --label, "" when none
  std::string baseline;             // the baseline run id compared against, "" when none
  // Set when the run's model calls ran as provider batches (docs/batch.md).
  struct Batch {
    std::int64_t batches = 0;   // submitted by this process
    std::int64_t answered = 0;  // calls answered from batch results
    double cost_usd = 0;        // at batch prices
    double saved_usd = 0;       // against the live prices
  };
  std::optional<Batch> batch;
};

struct Report {
  RunInfo run;
  stats::Summary summary;
  gate::GateVerdict verdict;
  std::optional<gate::Comparison> comparison;
  std::span<const CaseResult> results;   // not owned; must outlive the writers' calls
  std::optional<nlohmann::json> skew;    // the skew section, as `genops skew --json` prints it
};

enum class ReportFormat { json, jsonl, junit, markdown, html, csv };

// The format named by `path`'s extension (.json .jsonl .xml .md .html .csv,
// case-insensitive). Throws Error(usage) with a did-you-mean otherwise.
ReportFormat parse_report_format(const std::filesystem::path& path);

// Before a run: `path` names a report format (else Error(usage)) and can be
// written: its folder exists, is a folder and is writable, and `path` is not
// a folder (else Error(invalid_input) naming the path and the folder).
void check_report_path(const std::filesystem::path& path);

// The whole document in `format`, every user or model text escaped for it and
// passed through core::redact. `.jsonl` gives one result per line.
std::string render_report(const Report& report, ReportFormat format);

// Renders by `path`'s extension and writes atomically. Throws Error(usage) for
// an unknown extension, Error(invalid_input) when the file cannot be written.
void write_report(const Report& report, const std::filesystem::path& path);

// The table printed at the end of `genops eval`: failing cases (capped),
// summary, gate checks and verdict. ANSI colours when `colour` is Colour::yes.
enum class Colour { no, yes };
std::string render_terminal(const Report& report, Colour colour);

}  // namespace genops::eval::reports
