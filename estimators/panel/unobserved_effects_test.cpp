// sum_{t<s} u_t u_s of a group is ((sum u)^2 - sum u^2) / 2: one pass over the residuals.
#include "estimators/panel/unobserved_effects_test.hpp"

#include <cmath>
#include <limits>

#include "data/error.hpp"
#include "estimators/inference/distributions.hpp"

namespace gvcpanel::estimators {

TestResult wooldridge_unobserved(const arma::vec& residuals, const PanelGroups& groups, PanelEffect effect) {
    if (effect == PanelEffect::twoways)
        throw Error("wooldridge_unobserved tests individual or time effects, not two-way effects");
    const bool individual = effect == PanelEffect::individual;
    const auto& codes = individual ? groups.entity : groups.period;
    const arma::uword levels = (individual ? groups.entity_size : groups.period_size).n_elem;
    arma::vec sum(levels, arma::fill::zeros), squares(levels, arma::fill::zeros);
    for (arma::uword i = 0; i < residuals.n_elem; ++i) {
        sum(codes[i]) += residuals(i);
        squares(codes[i]) += residuals(i) * residuals(i);
    }
    const arma::vec cross = (arma::square(sum) - squares) / 2.0;
    TestResult test;
    test.name = "wooldridge_unobserved";
    test.stat = arma::accu(cross) / std::sqrt(arma::dot(cross, cross));
    test.p = inference::two_sided_p(test.stat, std::numeric_limits<double>::infinity());
    test.note = std::string("Wooldridge's test for unobserved ") + (individual ? "individual" : "time") +
                " effects on pooled OLS residuals, standard normal (plm's pwtest)";
    return test;
}

}  // namespace gvcpanel::estimators
