#include "cli/outcome_mean.hpp"

#include <algorithm>

#include "models/likelihood.hpp"

namespace gvcpanel::cli {

namespace {

// Separated observations (binary and count models, clogit's groups without variation) and dynamic
// GMM's transformed sample: the other estimators fit the design's rows.
bool may_drop_observations(const std::string& estimator) {
    const auto families = models::family_names();
    return std::find(families.begin(), families.end(), estimator) != families.end() || estimator == "clogit" ||
           estimator == "diff-gmm" || estimator == "sys-gmm";
}

}  // namespace

OutcomeMean::OutcomeMean(const models::Design& design, const std::string& estimator)
    : rows_in_design_(design.nobs()), sum_(arma::accu(design.y)) {
    if (!may_drop_observations(estimator)) return;
    rows_ = design.sample.rows;
    y_ = design.y;
}

void OutcomeMean::add_to(estimators::Estimate& estimate) const {
    const auto& sample = estimate.sample.rows;
    if (sample.empty()) return;
    if (sample.size() == rows_in_design_) {
        estimate.stats["y_mean"] = sum_ / static_cast<double>(rows_in_design_);
        return;
    }
    double sum = 0;
    std::size_t at = 0;
    for (const auto row : sample) {
        while (at < rows_.size() && rows_[at] < row) ++at;
        if (at == rows_.size() || rows_[at] != row) return;  // not a subsample of the design: no mean
        sum += y_[at];
    }
    estimate.stats["y_mean"] = sum / static_cast<double>(sample.size());
}

}  // namespace gvcpanel::cli
