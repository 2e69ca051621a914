// The residuals are visited in (entity, period) order once, accumulating the sums A and B need.
#include "estimators/panel/locally_robust_lm_test.hpp"

#include <cmath>

#include <boost/math/distributions/normal.hpp>

#include "data/error.hpp"
#include "estimators/inference/distributions.hpp"
#include "estimators/panel/panel_order.hpp"

namespace gvcpanel::estimators {

std::vector<TestResult> bsy_tests(const arma::vec& residuals, const PanelGroups& groups) {
    if (!groups.has_time) throw Error("bsy_lm tests need the panel's time: give --panel ID,TIME");
    const auto order = panel_order(groups.entity, groups.period);
    arma::vec entity_sum(groups.entity_size.n_elem, arma::fill::zeros);
    double lagged_cross = 0, lagged_squares = 0;
    for (std::size_t r = 0; r < order.size(); ++r) {
        const arma::uword i = order[r];
        entity_sum(groups.entity[i]) += residuals(i);
        if (r == 0 || groups.entity[order[r - 1]] != groups.entity[i]) continue;
        lagged_cross += residuals(i) * residuals(order[r - 1]);
        lagged_squares += residuals(i) * residuals(i);
    }
    const double n = static_cast<double>(residuals.n_elem);
    const double A = 1.0 - arma::dot(entity_sum, entity_sum) / arma::dot(residuals, residuals);
    const double B = lagged_cross / lagged_squares;
    const double a = arma::dot(groups.entity_size, groups.entity_size);
    const double m = groups.period_size.max();
    const double denominator = a - 3.0 * n + 2.0 * m;

    TestResult serial, individual, joint;
    serial.name = "bsy_lm_serial";
    const double s = B + (n - m) / (a - n) * A;
    serial.stat = s * s * (a - n) * n * n / ((n - m) * denominator);
    serial.df = {1.0};
    serial.p = inference::chi2_upper_p(serial.stat, 1.0);
    serial.note = "Bera, Sosa-Escudero and Yoon's test of AR(1) errors robust to random effects (plm's pbsytest "
                  "test = \"ar\")";
    individual.name = "bsy_lm_individual";
    individual.stat = -std::sqrt(n * n / (2.0 * denominator)) * (A + 2.0 * B);
    individual.p = boost::math::cdf(boost::math::complement(boost::math::normal_distribution<double>(), individual.stat));
    individual.note = "Bera, Sosa-Escudero and Yoon's one-sided test of random effects robust to AR(1) errors, "
                      "standard normal (plm's pbsytest test = \"re\")";
    joint.name = "bsy_lm_joint";
    joint.stat = n * n * ((A + 2.0 * B) * (A + 2.0 * B) / (2.0 * denominator) + B * B / (n - m));
    joint.df = {2.0};
    joint.p = inference::chi2_upper_p(joint.stat, 2.0);
    joint.note = "Baltagi and Li's joint LM test of random effects and AR(1) errors (plm's pbsytest test = \"j\")";
    return {serial, individual, joint};
}

}  // namespace gvcpanel::estimators
