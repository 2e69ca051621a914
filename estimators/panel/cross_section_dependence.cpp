// The residuals are laid out as a T x N matrix (NaN where an entity is not observed); each pair's
// correlation uses the periods both observe, centred at the means over those periods, as R's
// cor(use = "pairwise.complete.obs") in plm's pcdtest. Pairs with T_ij <= 1 are left out (plm).
#include "estimators/panel/cross_section_dependence.hpp"

#include <cmath>
#include <limits>

#include "data/error.hpp"
#include "estimators/inference/distributions.hpp"

namespace gvcpanel::estimators {

TestResult pesaran_cd(const arma::vec& residuals, const PanelGroups& groups) {
    const arma::uword N = groups.entity_size.n_elem, T = groups.period_size.n_elem;
    arma::mat wide(T, N);
    wide.fill(std::numeric_limits<double>::quiet_NaN());
    for (arma::uword i = 0; i < residuals.n_elem; ++i) wide(groups.period[i], groups.entity[i]) = residuals(i);
    double sum = 0;
    double pairs = 0;
    for (arma::uword a = 0; a < N; ++a) {
        for (arma::uword b = a + 1; b < N; ++b) {
            double n = 0, sa = 0, sb = 0;
            for (arma::uword t = 0; t < T; ++t) {
                if (std::isnan(wide(t, a)) || std::isnan(wide(t, b))) continue;
                n += 1;
                sa += wide(t, a);
                sb += wide(t, b);
            }
            if (n <= 1) continue;
            const double ma = sa / n, mb = sb / n;
            double saa = 0, sbb = 0, sab = 0;
            for (arma::uword t = 0; t < T; ++t) {
                if (std::isnan(wide(t, a)) || std::isnan(wide(t, b))) continue;
                const double da = wide(t, a) - ma, db = wide(t, b) - mb;
                saa += da * da;
                sbb += db * db;
                sab += da * db;
            }
            sum += std::sqrt(n) * sab / std::sqrt(saa * sbb);
            pairs += 1;
        }
    }
    if (pairs == 0) throw Error("pesaran_cd: no pair of entities shares two periods");
    TestResult test;
    test.name = "pesaran_cd";
    test.stat = sum / std::sqrt(pairs);
    test.p = inference::two_sided_p(test.stat, std::numeric_limits<double>::infinity());
    test.note = "Pesaran CD test of cross-sectional dependence, standard normal (plm's pcdtest)";
    return test;
}

}  // namespace gvcpanel::estimators
