// LM_g = n / sqrt(2 (M_g - n)) * (sum_g (sum_t e_gt)^2 / e'e - 1), M_g = sum_g T_g^2, for the groups g
// of one effect (entities or periods), from the pooled residuals e (n); as plm's plmtest.
#include "estimators/panel/effects_lm_test.hpp"

#include <algorithm>
#include <cmath>

#include <boost/math/distributions/normal.hpp>

#include "estimators/inference/distributions.hpp"

namespace gvcpanel::estimators {

namespace {

struct Score {
    double lm;      // the standardised score LM_g
    double excess;  // M_g - n
};

Score lm_statistic(const arma::vec& e, const std::vector<arma::uword>& codes, const arma::vec& sizes) {
    arma::vec sums(sizes.n_elem, arma::fill::zeros);
    for (std::size_t i = 0; i < codes.size(); ++i) sums(codes[i]) += e(i);
    const double n = static_cast<double>(e.n_elem);
    const double a = arma::dot(sums, sums) / arma::dot(e, e) - 1.0;
    const double excess = arma::dot(sizes, sizes) - n;
    return {n / std::sqrt(2.0 * excess) * a, excess};
}

double normal_upper_p(double z) {
    return boost::math::cdf(boost::math::complement(boost::math::normal_distribution<double>(), z));
}

std::string effect_words(PanelEffect effect) {
    return effect == PanelEffect::individual ? "individual" : effect == PanelEffect::time ? "time" : "two-way";
}

}  // namespace

std::vector<TestResult> effects_lm_tests(const arma::vec& residuals, const PanelGroups& groups, PanelEffect effect) {
    const double lm_id = lm_statistic(residuals, groups.entity, groups.entity_size).lm;
    const double lm_t = lm_statistic(residuals, groups.period, groups.period_size).lm;
    TestResult bp, honda;
    bp.name = "bp_lm";
    honda.name = "honda";
    const std::string which = effect_words(effect);
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

TestResult king_wu(const arma::vec& residuals, const PanelGroups& groups, PanelEffect effect) {
    const Score id = lm_statistic(residuals, groups.entity, groups.entity_size);
    const Score t = lm_statistic(residuals, groups.period, groups.period_size);
    TestResult test;
    test.name = "king_wu";
    if (effect == PanelEffect::twoways) {
        const double total = std::sqrt(id.excess + t.excess);
        test.stat = std::sqrt(id.excess) / total * id.lm + std::sqrt(t.excess) / total * t.lm;
    } else {
        test.stat = effect == PanelEffect::individual ? id.lm : t.lm;
    }
    test.p = normal_upper_p(test.stat);
    test.note = "King and Wu's one-sided LM test of " + effect_words(effect) +
                " effects, standard normal (plm's plmtest type = \"kw\")";
    return test;
}

TestResult ghm(const arma::vec& residuals, const PanelGroups& groups) {
    const double lm_id = std::max(0.0, lm_statistic(residuals, groups.entity, groups.entity_size).lm);
    const double lm_t = std::max(0.0, lm_statistic(residuals, groups.period, groups.period_size).lm);
    TestResult test;
    test.name = "ghm";
    test.stat = lm_id * lm_id + lm_t * lm_t;
    test.df = {0.0, 1.0, 2.0};
    // P(chi2(0) > s) = 0 for s >= 0: the upper tail of the mixture is its chi2(1) and chi2(2) parts.
    test.p = 0.5 * inference::chi2_upper_p(test.stat, 1.0) + 0.25 * inference::chi2_upper_p(test.stat, 2.0);
    test.note = "Gourieroux, Holly and Monfort's LM test of two-way effects, chi-bar-squared 1/4 chi2(0) + "
                "1/2 chi2(1) + 1/4 chi2(2) (plm's plmtest type = \"ghm\")";
    return test;
}

}  // namespace gvcpanel::estimators
