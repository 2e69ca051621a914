// Results for the report tests, read from tests/fixtures/reports: three models of TFP (pooled,
// firm FE, two-way FE), the same three of labour productivity (a second panel) and one GMM fit with
// Hansen and AR tests. The numbers are made up; what matters is that each one is known.
#pragma once

#include <string>
#include <vector>

#include "estimators/result.hpp"
#include "reports/table.hpp"

namespace gvcpanel::testing {

// The results in tests/fixtures/reports/<name> (one object or an array).
std::vector<estimators::Result> results_fixture(const std::string& name);

// Panel A: models.json (TFP); Panel B: models_lp.json (labour productivity).
std::vector<reports::Panel> two_panels();

// The options of the golden tables: titles, groups, labels from labels.csv.
reports::TableOptions golden_options();

// The golden file tests/fixtures/reports/<name> equals `actual`. With GVCPANEL_UPDATE_GOLDEN=1 in
// the environment it is rewritten instead (then review the difference by eye before committing).
void expect_golden(const std::string& name, const std::string& actual);

}  // namespace gvcpanel::testing
