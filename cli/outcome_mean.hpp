// stats.y_mean: the mean of the outcome on a fit's estimation sample, unweighted (as fixest's "my"
// fit statistic), the dependent-variable mean regression tables print. Taken from the design before
// fitting; for an estimator that may drop observations of its design (separated ones) the outcome
// and its rows are kept to take the mean on what remains.
#pragma once

#include <armadillo>
#include <string>
#include <vector>

#include "estimators/estimate.hpp"
#include "models/design.hpp"

namespace gvcpanel::cli {

class OutcomeMean {
public:
    OutcomeMean(const models::Design& design, const std::string& estimator);

    // Sets estimate.stats["y_mean"] over estimate.sample.rows (the design's rows, or a subsequence of
    // them for the estimators that drop observations; otherwise no mean is set).
    void add_to(estimators::Estimate& estimate) const;

private:
    std::size_t rows_in_design_ = 0;
    double sum_ = 0;
    std::vector<std::size_t> rows_;  // kept only when the estimator may drop observations
    arma::vec y_;
};

}  // namespace gvcpanel::cli
