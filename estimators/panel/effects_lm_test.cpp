// LM_g = n / sqrt(2 (sum_g T_g^2 - n)) * (sum_g (sum_t e_gt)^2 / e'e - 1) for the groups g of one
// effect (entities or periods), from the pooled residuals e (n); as plm's plmtest.
#include "estimators/panel/effects_lm_test.hpp"

#include <cmath>

#include <boost/math/distributions/normal.hpp>

#include "estimators/inference/distributions.hpp"

namespace gvcpanel::estimators {

namespace {

double lm_statistic(const arma::vec& e, const std::vector<arma::uword>& codes, const arma::vec& sizes) {
    arma::vec sums(sizes.n_elem, arma::fill::zeros);
    for (std::size_t i = 0; i < codes.size(); ++i) sums(codes[i]) += e(i);
    const double n = static_cast<double>(e.n_elem);
    const double a = arma::dot(sums, sums) / arma::dot(e, e) - 1.0;
    return n / std::sqrt(2.0 * (arma::dot(sizes, sizes) - n)) * a;
}

double normal_upper_p(double z) {
    return boost::math::cdf(boost::math::complement(boost::math::normal_distribution<double>(), z));
}

}  // namespace

std::vector<TestResult> effects_lm_tests(const arma::vec& residuals, const PanelGroups& groups, PanelEffect effect) {
    const double lm_id = lm_statistic(residuals, groups.entity, groups.entity_size);
    const double lm_t = lm_statistic(residuals, groups.period, groups.period_size);
    TestResult bp, honda;
    bp.name = "bp_lm";
    honda.name = "honda";
    const std::string which = effect == PanelEffect::individual ? "individual"
                              : effect == PanelEffect::time     ? "time"
                                                                : "two-way";
    if (effect == PanelEffect::twoways) {
        bp.stat = lm_id * lm_id + lm_t * lm_t;
        bp.df = {2.0};
        honda.stat = (lm_id + lm_t) / std::sqrt(2.0);
    } else {
        const double lm = effect == PanelEffect::individual ? lm_id : lm_t;
        bp.stat = lm * lm;
        bp.df = {1.0};
        honda.stat = lm;
    }
    bp.p = inference::chi2_upper_p(bp.stat, bp.df[0]);
    honda.p = normal_upper_p(honda.stat);
    bp.note = "Breusch-Pagan LM test of " + which + " effects on pooled OLS residuals (plm's plmtest)";
    honda.note = "Honda's one-sided test of " + which + " effects, standard normal (plm's plmtest)";
    return {bp, honda};
}

}  // namespace gvcpanel::estimators
