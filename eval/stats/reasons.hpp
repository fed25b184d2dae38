#pragma once
// Why a result failed, as short lines for reports and comparisons.
#include <string>
#include <vector>

#include "eval/result.hpp"

namespace genops::eval::stats {

// One line per cause: "error: <target error>", then each failed assertion as
// "<type>: <reason>" or, without a reason, "<type>: score 0.310, threshold 0.400"
// / "<type>: failed". Empty for a passing result. Texts are not escaped.
std::vector<std::string> failure_reasons(const CaseResult& result);

// How reports name a case besides its key: its description, else its first
// two variables as `name="value"`, each on one line and cut (UTF-8 safe) with
// "…": `question="How do I cancel my subscription…"`. "" when it has neither.
std::string case_name(const CaseResult& result);

}  // namespace genops::eval::stats
