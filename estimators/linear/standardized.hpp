// Standardised coefficients (Stata's `regress, beta`): beta_j = b_j sd(x_j) / sd(y), with the
// standard deviations of the outcome and of each column of the design over the estimation sample
// (weighted when the fit is). For every linear estimator on the variables in levels this is the
// coefficient of the regression of y / sd(y) on the x_j / sd(x_j); absorbed fixed effects change
// nothing (rescaling y and x rescales what they absorb). A factor's indicator columns and an
// interaction's product column are standardised like any other column, as Stata does; the
// intercept has none.
#pragma once

#include <armadillo>
#include <string>
#include <vector>

#include "estimators/result.hpp"
#include "models/design.hpp"

namespace gvcpanel::estimators {

// The standard deviations a fit's betas need, taken from its design before fitting.
struct DesignSpread {
    double outcome = 0;                // sd(y)
    std::vector<std::string> names;    // the design's columns
    arma::vec columns;                 // sd of each column
};

DesignSpread design_spread(const models::Design& design);

// An Error for the estimators without standardised coefficients (likelihood models, whose
// coefficients are on the scale of an index; fd, dynamic GMM and nls), saying why.
void require_standardized(const std::string& estimator);

// Sets CoefRow::beta of every coefficient but the intercept.
void add_standardized(Result& result, const DesignSpread& spread);

}  // namespace gvcpanel::estimators
