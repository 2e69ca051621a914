// The automatic note that says what the numbers in parentheses are and how they were computed,
// from each result's covariance type ("cluster:firm" -> "clustered by firm").
#pragma once

#include <string>
#include <vector>

#include "estimators/result.hpp"

namespace gvcpanel::reports {

enum class Below { se, t, p, ci, none };

// "clustered by firm", "heteroskedasticity-robust (HC1)", ...; unknown types are named as given.
std::string describe_covariance(const std::string& vcov);
// What the standard errors of `result` are: its own label when the fit gave one (dynamic GMM's
// robust is clustered by the panel's entity, not HC1), else the description of its type.
std::string describe_covariance(const estimators::Result& result);

// "Standard errors in parentheses, clustered by firm." or, when the columns differ,
// "Standard errors in parentheses: (1)-(2) clustered by firm; (3) heteroskedasticity-robust (HC1)."
// `vcovs` holds one covariance type per model column. "" when nothing is shown below estimates.
std::string covariance_note(const std::vector<std::string>& vcovs, Below below);
// The same note for the results side by side, each described by describe_covariance(result).
std::string results_covariance_note(const std::vector<const estimators::Result*>& results, Below below);

}  // namespace gvcpanel::reports
