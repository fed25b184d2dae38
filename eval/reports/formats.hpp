#pragma once
// The per-format renderers behind render_report (one file each) and the JSON
// shapes they share. Output is not yet redacted; render_report redacts.
#include <string>

#include <nlohmann/json.hpp>

#include "eval/reports/report.hpp"

namespace genops::eval::reports {

nlohmann::json run_to_json(const RunInfo& run);
nlohmann::json summary_to_json(const stats::Summary& summary);
nlohmann::json verdict_to_json(const gate::GateVerdict& verdict);
nlohmann::json comparison_to_json(const gate::Comparison& comparison);

// {"version": 1, "run", "summary", "gate", "comparison", "skew", "results"}.
nlohmann::json report_to_json(const Report& report);

std::string render_json(const Report& report);
std::string render_jsonl(const Report& report);
std::string render_csv(const Report& report);
std::string render_junit(const Report& report);
std::string render_markdown(const Report& report);
std::string render_html(const Report& report);

// printf("%.*f"): "0.950".
std::string fixed(double value, int digits = 3);

// "case_key" or "name (case_key)", the name from stats::case_name (the
// description, else the first vars): how reports name a case.
std::string case_label(const std::string& case_key, const std::string& name);

}  // namespace genops::eval::reports
