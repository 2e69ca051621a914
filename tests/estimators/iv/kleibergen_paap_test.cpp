// Kleibergen-Paap rk statistics (estimators/iv/kleibergen_paap) by cross-checks that hold exactly, as
// no Stata (ivreg2/ranktest) and no R package with a robust rk statistic is installed: one
// endogenous regressor gives the robust first-stage Wald; an iid covariance gives Cragg-Donald and
// Anderson; the statistics ignore the scale and basis of X and Z; a simulated panel with and without
// an identified second regressor. Data: fixed seeds, heteroskedastic errors, 40 clusters.
#include "estimators/iv/kleibergen_paap.hpp"

#include <gtest/gtest.h>

#include <armadillo>
#include <cstdint>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "data/error.hpp"
#include "estimators/inference/distributions.hpp"
#include "estimators/iv/iv.hpp"
#include "support/compare.hpp"
#include "support/test_results.hpp"

namespace gvcpanel::estimators {
namespace {

// Identities between two computations of one number (QR and Cholesky in the first-stage F, an SVD
// here) on well-conditioned data of 400 rows: rounding leaves ~1e-13; 1e-10 as the issue asks.
constexpr double kIdentityRtol = 1e-10;

constexpr arma::uword kRows = 400;
constexpr arma::uword kInstruments = 3;
constexpr int kClusters = 40;

struct Simulated {
    models::Design design;
    arma::mat X2;  // n x p endogenous regressors, intercept and w partialled out
    arma::mat Zt;  // n x m excluded instruments, intercept and w partialled out
};

// y = 1 + x b + 0.5 w + u; x_j = z pi_j + 0.3 w + v_j, errors scaled by (1 + |z1|) and sharing a
// cluster shock. relevant(j) = false gives x_j no relevant instrument (pi_j = 0).
Simulated simulate(arma::uword p, const std::vector<bool>& relevant, arma::uword seed, arma::uword n = kRows) {
    arma::arma_rng::set_seed(seed);
    const arma::vec w = arma::randn(n);
    const arma::mat z = arma::randn(n, kInstruments);
    arma::uvec cluster(n);
    for (arma::uword i = 0; i < n; ++i) cluster(i) = i % kClusters;
    const arma::vec shock = arma::randn(kClusters);
    const arma::vec scale = 1.0 + arma::abs(z.col(0));
    const arma::mat pi_all = {{1.0, 0.5}, {0.5, -1.0}, {-0.5, 0.8}};
    arma::mat x(n, p);
    const arma::vec u = scale % arma::randn(n) + shock.elem(cluster);
    for (arma::uword j = 0; j < p; ++j) {
        const arma::vec signal = relevant[j] ? arma::vec(z * pi_all.col(j)) : arma::vec(n, arma::fill::zeros);
        x.col(j) = signal + 0.3 * w + scale % (0.5 * u + arma::randn(n));
    }
    Simulated out;
    models::Design& d = out.design;
    d.outcome = "y";
    d.y = 1.0 + x * arma::linspace(1.0, 0.5, p) + 0.5 * w + u;
    d.X = arma::join_rows(arma::vec(n, arma::fill::ones), w, x);
    d.names = {"(Intercept)", "w"};
    for (arma::uword j = 0; j < p; ++j) {
        d.names.push_back("x" + std::to_string(j + 1));
        d.endogenous.push_back(d.names.back());
    }
    d.instruments = z;
    d.instrument_names = {"z1", "z2", "z3"};
    d.formula = "y ~ w | x ~ z1 + z2 + z3";
    for (arma::uword i = 0; i < n; ++i) d.sample.rows.push_back(i);
    models::Grouping g{"g", {}, kClusters, {}};
    for (arma::uword i = 0; i < n; ++i) g.codes.push_back(static_cast<std::int32_t>(cluster(i)));
    d.sample.clusters.push_back(g);

    const arma::mat exogenous = d.X.cols(0, 1);
    const auto partial = [&](const arma::mat& A) { return arma::mat(A - exogenous * arma::solve(exogenous, A)); };
    out.X2 = partial(x);
    out.Zt = partial(z);
    return out;
}

IvOptions options_for(const std::string& vcov, const std::string& ssc = "fixest") {
    IvOptions options;
    options.diagnostics_vcov = inference::parse_vcov(vcov);
    options.diagnostics_ssc = inference::parse_ssc(ssc);
    return options;
}

using testing::test_named;

// p = 1: Theta is a column, the tested part is all of it, and lambda' Omega^-1 lambda is the Wald
// statistic pi' V0^-1 pi of the excluded instruments with V0 the HC0 (or raw cluster-sum) covariance.
// The first-stage F is pi' V^-1 pi / m with V = c V0: hc1, c = N/(N - L) (K* = L, no fixed effects);
// cluster (fixest defaults), c = G/(G-1) (N-1)/(N-L). ivreg2's rk F is wald/N (N - L)/m, or
// wald/(N-1) (N - L) (G-1)/G / m clustered: the same number. With hc0, c = 1 and F = wald/m.
TEST(KleibergenPaap, OneEndogenousRegressorGivesTheRobustFirstStageWald) {
    const Simulated s = simulate(1, {true}, 11);
    const double m = static_cast<double>(kInstruments);
    for (const char* vcov : {"hc1", "cluster:g"}) {
        const Estimate fit = two_stage_least_squares(s.design, options_for(vcov));
        EXPECT_CLOSE(std::string("rk Wald F = first-stage F, ") + vcov, test_named(fit.tests, "kp_rk_wald_f").stat,
                     test_named(fit.tests, "first_stage_f:x1").stat, kIdentityRtol);
    }
    const Estimate hc0 = two_stage_least_squares(s.design, options_for("hc0"));
    const KleibergenPaap kp = kleibergen_paap(s.X2, s.Zt, s.design.sample, inference::VcovSpec::hc(0));
    EXPECT_CLOSE("rk Wald = m * first-stage F (hc0)", kp.wald, m * test_named(hc0.tests, "first_stage_f:x1").stat,
                 kIdentityRtol);
    EXPECT_EQ(kp.df, m);
}

// With Omega from an iid covariance (ranktest without robust): Wald = N r^2/(1 - r^2), whose F is
// Cragg-Donald's, and LM = N r^2, Anderson's canonical-correlation LM (r the smallest canonical
// correlation), both already computed by iv_diagnostics from eigenvalues.
TEST(KleibergenPaap, IidCovarianceGivesCraggDonaldAndAnderson) {
    const Simulated s = simulate(2, {true, true}, 12);
    const Estimate fit = two_stage_least_squares(s.design, options_for("iid"));
    const KleibergenPaap kp = kleibergen_paap(s.X2, s.Zt, s.design.sample, inference::VcovSpec::iid());
    const std::size_t L = 2 + kInstruments;
    EXPECT_CLOSE("rk Wald F = Cragg-Donald F", kp_rk_wald_f(kp, kRows, L, 0, kInstruments),
                 test_named(fit.tests, "cragg_donald_f").stat, kIdentityRtol);
    EXPECT_CLOSE("rk LM = Anderson LM", kp.lm, test_named(fit.tests, "kp_rk_lm").stat, kIdentityRtol);
    EXPECT_EQ(kp.df, 2.0);
}

// Theta = Qz'Qx depends on X and Z only through their column spaces, and the scores through the
// same bases: rescaling a column or mixing columns by an invertible matrix changes nothing.
TEST(KleibergenPaap, InvariantToScaleAndBasisOfInstrumentsAndRegressors) {
    const Simulated s = simulate(2, {true, true}, 13);
    arma::mat Z_scaled = s.Zt, X_scaled = s.X2;
    Z_scaled.col(1) *= 1e3;
    X_scaled.col(0) *= 1e-2;
    const arma::mat mix = {{2.0, 1.0, 0.0}, {-1.0, 1.0, 3.0}, {0.5, 0.0, 1.0}};  // det = 8.5
    const arma::mat Z_mixed = s.Zt * mix;
    for (const auto& spec : {inference::VcovSpec::iid(), inference::VcovSpec::hc(0), inference::VcovSpec::hc(1),
                             inference::VcovSpec::cluster({"g"})}) {
        const KleibergenPaap base = kleibergen_paap(s.X2, s.Zt, s.design.sample, spec);
        struct Variant {
            const char* what;
            const arma::mat* X;
            const arma::mat* Z;
        };
        const Variant variants[] = {{"instrument scaled", &s.X2, &Z_scaled},
                                    {"regressor scaled", &X_scaled, &s.Zt},
                                    {"instruments mixed", &s.X2, &Z_mixed}};
        for (const auto& [what, X, Z] : variants) {
            const KleibergenPaap other = kleibergen_paap(*X, *Z, s.design.sample, spec);
            EXPECT_CLOSE(std::string(what) + " Wald " + spec.text(), other.wald, base.wald, kIdentityRtol);
            EXPECT_CLOSE(std::string(what) + " LM " + spec.text(), other.lm, base.lm, kIdentityRtol);
        }
    }
}

// Two endogenous regressors, 2000 rows: with both identified the rank test rejects; when x2 has no
// relevant instrument H0 holds and each statistic is a chi2(2) draw. Thresholds: a strong p-value
// below 1e-4 (the LM is 48 with hc1 and 22 clustered: its covariance, taken under H0 from x itself,
// is the larger); under H0 a p-value below 1e-3 has probability 1e-3, and the seed is fixed.
TEST(KleibergenPaap, DetectsAnEndogenousRegressorWithoutRelevantInstruments) {
    constexpr double kStrongPAtMost = 1e-4;
    constexpr double kNullPAtLeast = 1e-3;
    for (const char* vcov : {"hc1", "cluster:g"}) {
        const auto spec = inference::parse_vcov(vcov);
        const Simulated strong = simulate(2, {true, true}, 14, 2000);
        const KleibergenPaap identified = kleibergen_paap(strong.X2, strong.Zt, strong.design.sample, spec);
        const Simulated weak = simulate(2, {true, false}, 14, 2000);
        const KleibergenPaap unidentified = kleibergen_paap(weak.X2, weak.Zt, weak.design.sample, spec);
        for (const auto& [what, kp, identified_rank] :
             {std::tuple{"strong", identified, true}, std::tuple{"x2 unidentified", unidentified, false}}) {
            for (const auto& [form, stat] : {std::pair{"LM", kp.lm}, std::pair{"Wald", kp.wald}}) {
                const double p = inference::chi2_upper_p(stat, kp.df);
                if (identified_rank)
                    EXPECT_LT(p, kStrongPAtMost) << what << " " << form << " " << vcov << " stat " << stat;
                else
                    EXPECT_GT(p, kNullPAtLeast) << what << " " << form << " " << vcov << " stat " << stat;
            }
        }
        EXPECT_LT(unidentified.lm, identified.lm) << vcov;
    }
}

// The fit reports the robust statistics under its hc/cluster covariance, and under another type says
// that only Anderson's LM is reported.
TEST(KleibergenPaap, ReportedByIvFitsWithTheirCovariance) {
    const Simulated s = simulate(2, {true, true}, 15);
    const Estimate clustered = two_stage_least_squares(s.design, options_for("cluster:g"));
    const KleibergenPaap kp = kleibergen_paap(s.X2, s.Zt, s.design.sample, inference::VcovSpec::cluster({"g"}));
    EXPECT_CLOSE("kp_rk_lm", test_named(clustered.tests, "kp_rk_lm").stat, kp.lm, kIdentityRtol);
    EXPECT_CLOSE("kp_rk_wald_f", test_named(clustered.tests, "kp_rk_wald_f").stat,
                 kp_rk_wald_f(kp, kRows, 2 + kInstruments, 0, kInstruments), kIdentityRtol);
    EXPECT_EQ(test_named(clustered.tests, "kp_rk_wald_f").df, (std::vector<double>{3, kClusters - 1}));
    EXPECT_EQ(kp.n_clusters, static_cast<std::size_t>(kClusters));

    const Estimate hc3 = two_stage_least_squares(s.design, options_for("hc3"));
    for (const auto& test : hc3.tests) EXPECT_NE(test.name, "kp_rk_wald_f");
    bool noted = false;
    for (const auto& note : hc3.notes) noted = noted || note.find("Anderson LM") != std::string::npos;
    EXPECT_TRUE(noted);
}

// Two-way clustering sums S_1 + S_2 - S_12 (Cameron, Gelbach and Miller; ranktest): by one
// variable twice, S_12 = S_1 and the result is the one-way statistic, with the same G.
TEST(KleibergenPaap, TwoWayClusteringByOneVariableTwiceIsOneWay) {
    Simulated s = simulate(2, {true, true}, 17);
    models::Grouping copy = s.design.sample.clusters.front();
    copy.name = "g_copy";
    s.design.sample.clusters.push_back(copy);
    const KleibergenPaap one = kleibergen_paap(s.X2, s.Zt, s.design.sample, inference::VcovSpec::cluster({"g"}));
    const KleibergenPaap two =
        kleibergen_paap(s.X2, s.Zt, s.design.sample, inference::VcovSpec::cluster({"g", "g_copy"}));
    EXPECT_CLOSE("two-way Wald", two.wald, one.wald, kIdentityRtol);
    EXPECT_CLOSE("two-way LM", two.lm, one.lm, kIdentityRtol);
    EXPECT_EQ(two.n_clusters, one.n_clusters);
}

TEST(KleibergenPaap, RefusesFewerInstrumentsThanRegressorsAndOtherCovariances) {
    const Simulated s = simulate(2, {true, true}, 16);
    EXPECT_THROW(kleibergen_paap(s.X2, s.Zt.cols(0, 0), s.design.sample, inference::VcovSpec::hc(0)), Error);
    EXPECT_THROW(kleibergen_paap(s.X2, s.Zt, s.design.sample, inference::VcovSpec::hc(3)), Error);
}

}  // namespace
}  // namespace gvcpanel::estimators
