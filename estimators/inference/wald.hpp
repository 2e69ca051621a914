// Wald tests of linear restrictions R b = r written as text ("x1 = x2", "x1 = 0, x2 = 0",
// "2*x1 - x2 = 1"): W = (Rb - r)' (R V R')^-1 (Rb - r), reported as F = W/q on (q, df) for linear
// models and as chi2(q) otherwise (Greene, Econometric Analysis, 5.4).
#pragma once

#include <armadillo>
#include <string>
#include <string_view>
#include <vector>

#include "estimators/estimate.hpp"

namespace gvcpanel::estimators::inference {

struct Restrictions {
    arma::mat R;       // q x k
    arma::vec r;       // q
    std::string text;  // as written
};

// Equations separated by commas; each side a sum of terms `number`, `name`, `number*name` or
// `name*number` joined by + and -. Names are the coefficient names (spaces ignored). Errors name
// the restriction and the unknown coefficient (with the closest names) or the malformed part.
Restrictions parse_restrictions(std::string_view text, const std::vector<std::string>& names);

// df finite: F(q, df); df NaN: chi2(q). A restriction matrix that is not of full row rank under V
// is an Error naming the restriction.
TestResult wald_test(const arma::vec& coef, const arma::mat& vcov, const Restrictions& restrictions,
                     double df);

}  // namespace gvcpanel::estimators::inference
