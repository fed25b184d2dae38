#pragma once
// The viewer's pages: each renders one HTML document from the store, with
// paged queries only. Dispatch by path; a core::Error becomes an error page.
#include <string>

#include "cli/view/html.hpp"
#include "cli/view/services.hpp"
#include "chains/store/run_records.hpp"
#include "core/lineage/store.hpp"

namespace genops::cli::view {

struct PageContext {
  core::lineage::Store& store;
  const Links& links;
  const ViewServices& services;
  const ParamMap& params;
  // The parameter's value, or `fallback` when absent or empty.
  std::string param(const std::string& key, const std::string& fallback = {}) const;
  // An integer parameter; `fallback` when absent; Error(invalid_input) when not a number.
  long long number(const std::string& key, long long fallback) const;
};

struct PageResult {
  int status = 200;
  std::string html;
  std::string redirect;  // set: a 303 to this URL (already escaped as an href)
};

// A run's steps as a waterfall table (pages_runs.cpp), also under an eval case.
std::string step_waterfall(PageContext& ctx, const std::string& run_id, const std::vector<chains::StepRecord>& steps);

// GET `path`; 404 for an unknown path. Errors become pages with their status.
PageResult get_page(const std::string& path, PageContext& ctx);
// POST `path` (label moves only); 404 for anything else.
PageResult post_action(const std::string& path, PageContext& ctx);

// One file per page family (pages_*.cpp).
PageResult home_page(PageContext& ctx);
PageResult prompts_page(PageContext& ctx);
PageResult prompt_page(PageContext& ctx);
PageResult prompt_diff_page(PageContext& ctx);
PageResult runs_page(PageContext& ctx);
PageResult run_page(PageContext& ctx);
PageResult step_page(PageContext& ctx);
PageResult evals_page(PageContext& ctx);
PageResult eval_run_page(PageContext& ctx);
PageResult eval_case_page(PageContext& ctx);
PageResult compare_page(PageContext& ctx);
PageResult skew_page(PageContext& ctx);
PageResult skew_report_page(PageContext& ctx);
PageResult move_prompt_label(PageContext& ctx);
PageResult move_eval_label(PageContext& ctx);

}  // namespace genops::cli::view
