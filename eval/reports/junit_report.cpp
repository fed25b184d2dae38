// The .xml report in the JUnit format CI systems read: one <testsuite> per
// provider, one <testcase> per case with its repeats folded (it fails when any
// repeat failed; the message says how many passed and why the others failed).
#include <map>
#include <utility>
#include <vector>

#include "core/strings.hpp"
#include "eval/reports/escape.hpp"
#include "eval/reports/formats.hpp"
#include "eval/stats/reasons.hpp"

namespace genops::eval::reports {

namespace {

constexpr std::size_t k_max_output_bytes = 8192;

using CaseId = std::pair<std::string, std::string>;  // provider, case_key

std::string seconds(std::int64_t ms) { return fixed(static_cast<double>(ms) / 1000.0, 3); }

std::string attr(std::string_view name, std::string_view value) {
  return " " + std::string(name) + "=\"" + xml_escape(value) + "\"";
}

// The <testcase> element of one case over its repeats.
std::string render_case(const std::string& classname, const stats::CaseStats& c,
                        const std::vector<const CaseResult*>& repeats) {
  std::int64_t ms = 0;
  for (const CaseResult* r : repeats) ms += r->latency_ms;
  std::string out = "    <testcase" + attr("name", case_label(c.case_key, c.name)) + attr("classname", classname) +
                    attr("time", seconds(ms)) + ">\n";
  if (c.passes < c.runs) {
    std::string body, first_reason;
    const CaseResult* first_failure = nullptr;
    bool only_errors = true;
    for (const CaseResult* r : repeats) {
      if (r->pass) continue;
      if (!first_failure) first_failure = r;
      if (r->error.empty()) only_errors = false;
      const auto reasons = stats::failure_reasons(*r);
      if (first_reason.empty() && !reasons.empty()) first_reason = reasons.front();
      body += "repeat " + std::to_string(r->repeat) + ": " + core::join(reasons, "; ") + "\n";
    }
    const std::string message = "passed " + std::to_string(c.passes) + " of " + std::to_string(c.runs) +
                                " repeats: " + truncate_text(first_reason, 500);
    const char* element = only_errors ? "error" : "failure";
    out += "      <" + std::string(element) + attr("message", message) +
           attr("type", only_errors ? "target_error" : "assertion") + ">" + xml_escape(body) + "</" + element + ">\n";
    out += "      <system-out>" + xml_escape(truncate_text(first_failure->output, k_max_output_bytes)) +
           "</system-out>\n";
  }
  return out + "    </testcase>\n";
}

}  // namespace

std::string render_junit(const Report& report) {
  std::map<CaseId, std::vector<const CaseResult*>> repeats;
  for (const CaseResult& r : report.results) repeats[{r.provider, r.case_key}].push_back(&r);
  const stats::Summary& s = report.summary;

  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  std::int64_t all_failures = 0, all_errors = 0;
  std::string suites;
  for (const stats::ProviderStats& p : s.providers) {
    const std::string name = p.provider.empty() ? report.run.suite_name : report.run.suite_name + "." + p.provider;
    std::string cases;
    std::int64_t tests = 0, failures = 0, errors = 0, ms = 0;
    for (const stats::CaseStats& c : s.case_stats) {
      if (c.provider != p.provider) continue;
      const auto& list = repeats[{c.provider, c.case_key}];
      ++tests;
      bool failed = false, errored = true;
      for (const CaseResult* r : list) {
        ms += r->latency_ms;
        if (!r->pass) {
          failed = true;
          if (r->error.empty()) errored = false;
        }
      }
      if (failed) ++(errored ? errors : failures);
      cases += render_case(name, c, list);
    }
    all_failures += failures;
    all_errors += errors;
    suites += "  <testsuite" + attr("name", name) + attr("tests", std::to_string(tests)) +
              attr("failures", std::to_string(failures)) + attr("errors", std::to_string(errors)) +
              attr("skipped", "0") + attr("time", seconds(ms)) + attr("timestamp", report.run.started) + ">\n";
    suites += "    <properties>\n";
    suites += "      <property" + attr("name", "genops.run_id") + attr("value", report.run.run_id) + "/>\n";
    suites += "      <property" + attr("name", "genops.git_commit") + attr("value", report.run.git_commit) + "/>\n";
    suites += "      <property" + attr("name", "genops.pass_rate") + attr("value", fixed(p.pass_rate)) + "/>\n";
    suites += "    </properties>\n";
    suites += cases + "  </testsuite>\n";
  }
  out += "<testsuites" + attr("name", report.run.suite_name) + attr("tests", std::to_string(s.cases)) +
         attr("failures", std::to_string(all_failures)) + attr("errors", std::to_string(all_errors)) + ">\n";
  return out + suites + "</testsuites>\n";
}

}  // namespace genops::eval::reports
