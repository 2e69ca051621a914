// Dimensions: per entity i, Z_i is r_i x L, X_i r_i x k, H_i r_i x r_i; the sums over entities are
// ZHZ = sum Z_i'H_i Z_i (L x L), ZX = sum Z_i'X_i (L x k), Zy = sum Z_i'y_i (L), S = sum g_i g_i'
// with g_i = Z_i'e_i. b = (ZX'W ZX)^-1 ZX'W Zy. Windmeijer (2005, eq. 3.6); AR(m) as Arellano and
// Bond (1991, eq. 8), in pgmm's mtest form.
#include "estimators/gmm/dynamic_gmm.hpp"

#include <omp.h>

#include <algorithm>
#include <cmath>

#include "data/error.hpp"
#include "estimators/degenerate_fit.hpp"
#include "estimators/inference/distributions.hpp"

namespace gvcpanel::estimators {

namespace {

struct Moments {
    arma::mat ZHZ, ZX;
    arma::vec Zy;
    std::size_t transformed_rows = 0, level_rows = 0;
};

// Entities per block of over_entities: fixed, so that the sums do not depend on the thread count.
constexpr long kEntitiesPerBlock = 64;

// Runs `visit(i, block, sums)` over every entity in parallel: each block of kEntitiesPerBlock
// entities is summed in order into its own `Sums`, merged by `merge` in block order (an ordered
// section), so that the result depends neither on scheduling nor on the number of threads.
template <typename Sums, typename Visit, typename Merge>
Sums over_entities(const DynamicPanel& panel, int threads, bool with_weights, const Sums& zero, Visit visit,
                   Merge merge) {
    const int n_threads = threads > 0 ? threads : omp_get_max_threads();
    const auto n = static_cast<long>(panel.n_entities());
    const long blocks = (n + kEntitiesPerBlock - 1) / kEntitiesPerBlock;
    Sums total = zero;
#pragma omp parallel num_threads(n_threads)
    {
        EquationBlock block;
#pragma omp for ordered schedule(dynamic, 1)
        for (long b = 0; b < blocks; ++b) {
            Sums sums = zero;
            for (long i = b * kEntitiesPerBlock; i < std::min(n, (b + 1) * kEntitiesPerBlock); ++i) {
                panel.build(static_cast<std::size_t>(i), block, with_weights);
                // An entity without equations (too few periods for the lags) adds nothing to any sum;
                // its 0-row products would reach BLAS with a leading dimension of 0, an illegal call.
                if (block.rows() == 0) continue;
                visit(static_cast<std::size_t>(i), block, sums);
            }
#pragma omp ordered
            merge(total, sums);
        }
    }
    return total;
}

// The inverse of a symmetric weight or moment matrix; a generalized inverse when it is singular
// (as pgmm and xtabond2 do), with a note.
arma::mat weight_inverse(const arma::mat& m, const std::string& what, std::vector<std::string>& notes) {
    arma::mat inverse;
    if (arma::inv_sympd(inverse, arma::symmatu(m))) return inverse;
    notes.push_back(what + " is singular; a generalized inverse is used");
    return arma::pinv(arma::symmatu(m));
}

arma::mat coefficient_inverse(const arma::mat& m) {
    arma::mat inverse;
    if (!arma::inv_sympd(inverse, arma::symmatu(m)))
        throw Error("dynamic GMM: the instruments do not identify the coefficients (X'Z W Z'X is singular); "
                    "add instruments or drop regressors");
    return inverse;
}

struct Step {
    arma::mat W, B;  // weights and (ZX'W ZX)^-1
    arma::vec b;
};

Step gmm_step(const Moments& m, arma::mat W) {
    Step step;
    step.B = coefficient_inverse(m.ZX.t() * W * m.ZX);
    step.b = step.B * (m.ZX.t() * (W * m.Zy));
    step.W = std::move(W);
    return step;
}

// The J statistic of the instrument columns `keep`, minimised over b with weights S_kk^-1; NaN
// when those instruments alone do not identify b.
double restricted_j(const Moments& m, const arma::mat& S, const arma::uvec& keep) {
    std::vector<std::string> ignored;
    const arma::mat W = weight_inverse(S.submat(keep, keep), "", ignored);
    const arma::mat ZX = m.ZX.rows(keep);
    const arma::vec Zy = m.Zy.elem(keep);
    arma::vec b;
    if (!arma::solve(b, ZX.t() * W * ZX, ZX.t() * (W * Zy), arma::solve_opts::no_approx)) return arma::datum::nan;
    const arma::vec g = Zy - ZX * b;
    return arma::as_scalar(g.t() * W * g);
}

TestResult chi2_test(const std::string& name, double stat, double df, const std::string& note) {
    TestResult t;
    t.name = name;
    t.stat = stat;
    t.df = {df};
    t.p = inference::chi2_upper_p(stat, df);
    t.note = note;
    return t;
}

// The pieces of the Arellano-Bond AR(m) statistic on the first-differenced residuals.
struct SerialSums {
    double num = 0, eve = 0;
    arma::rowvec ex;   // k
    arma::vec zve;     // L
};

struct FinalSums {
    arma::vec g;        // sum Z_i'e_i at the final estimate
    arma::mat Q;        // Windmeijer: sum ZX_i (g1_i'v) + g1_i (v'ZX_i), L x k
    SerialSums ar[2];
    double diff_ss = 0;  // sum of squared differenced residuals
    std::size_t diff_rows = 0;
};

}  // namespace

Estimate dynamic_gmm(models::Design design, const data::PanelIndex& panel,
                     const std::vector<std::vector<double>>& gmm_levels, const DynamicGmmOptions& options,
                     const std::string& estimator) {
    // Differences (and the levels of a system) of a constant outcome are constant: nothing to explain.
    require_outcome_variation(design.y, true, estimator, design.outcome);
    const DynamicPanel system(design, panel, gmm_levels, options.panel);
    const arma::uword L = system.n_instruments(), k = system.k();
    if (L < k)
        throw Error(estimator + ": " + std::to_string(L) + " instruments for " + std::to_string(k) +
                    " coefficients; the model is not identified (add instruments or lags)");
    Estimate est;
    est.estimator = estimator;
    est.kind = ModelKind::gmm;

    Moments zero{arma::mat(L, L, arma::fill::zeros), arma::mat(L, k, arma::fill::zeros),
                 arma::vec(L, arma::fill::zeros)};
    const Moments m = over_entities(
        system, options.threads, true, zero,
        [](std::size_t, const EquationBlock& block, Moments& sums) {
            sums.ZHZ += block.Z.t() * block.H * block.Z;
            sums.ZX += block.Z.t() * block.X;
            sums.Zy += block.Z.t() * block.y;
            sums.transformed_rows += block.n_transformed;
            sums.level_rows += block.rows() - block.n_transformed;
        },
        [](Moments& total, const Moments& p) {
            total.ZHZ += p.ZHZ;
            total.ZX += p.ZX;
            total.Zy += p.Zy;
            total.transformed_rows += p.transformed_rows;
            total.level_rows += p.level_rows;
        });

    const Step one = gmm_step(m, weight_inverse(m.ZHZ, "the one-step weight matrix sum Z'HZ", est.notes));
    const arma::mat S1 = over_entities(
        system, options.threads, false, arma::mat(L, L, arma::fill::zeros),
        [&](std::size_t, const EquationBlock& block, arma::mat& S) {
            const arma::vec g = block.Z.t() * (block.y - block.X * one.b);
            S += g * g.t();
        },
        [](arma::mat& total, const arma::mat& p) { total += p; });
    const arma::mat W2 = weight_inverse(S1, "the two-step weight matrix sum Z'ee'Z", est.notes);
    const Step two = options.two_step ? gmm_step(m, W2) : Step{};
    const Step& fit = options.two_step ? two : one;

    // Windmeijer's correction needs v = W2 sum Z_i'e_i at the two-step estimate.
    const arma::vec v = options.two_step ? arma::vec(W2 * (m.Zy - m.ZX * two.b)) : arma::vec();
    FinalSums zero_final;
    zero_final.g.zeros(L);
    zero_final.Q.zeros(L, k);
    for (auto& s : zero_final.ar) {
        s.ex.zeros(k);
        s.zve.zeros(L);
    }
    const FinalSums final_sums = over_entities(
        system, options.threads, false, zero_final,
        [&](std::size_t i, const EquationBlock& block, FinalSums& sums) {
            const arma::vec e = block.y - block.X * fit.b;
            const arma::vec g = block.Z.t() * e;
            sums.g += g;
            if (options.two_step) {
                const arma::mat ZX = block.Z.t() * block.X;
                const arma::vec g1 = block.Z.t() * (block.y - block.X * one.b);
                sums.Q += ZX * arma::dot(g1, v) + g1 * (v.t() * ZX);
            }
            // AR(m) on the differenced residuals; pgmm's moment term uses the transformed rows.
            arma::vec dy;
            arma::mat dX;
            std::vector<std::int32_t> period;
            if (options.panel.transform == Transform::first_differences) {
                dy = block.y.head(block.n_transformed);
                dX = block.X.head_rows(block.n_transformed);
                period.assign(block.period.begin(), block.period.begin() + static_cast<long>(block.n_transformed));
            } else {
                system.differences(i, dy, dX, period);
            }
            // An entity with level rows only has no differenced residuals: nothing to add (and a
            // 0-row product would reach BLAS with a leading dimension of 0, an illegal call).
            if (dy.is_empty()) return;
            const arma::vec de = dy - dX * fit.b;
            sums.diff_ss += arma::dot(de, de);
            sums.diff_rows += de.n_elem;
            arma::vec moment_e = e;
            moment_e.tail(block.rows() - block.n_transformed).zeros();
            const arma::vec zu = block.Z.t() * moment_e;
            for (int order = 1; order <= 2; ++order) {
                arma::vec lagged(de.n_elem, arma::fill::zeros);
                for (std::size_t r = 0; r < de.n_elem; ++r)
                    for (std::size_t s = 0; s < r; ++s)
                        if (period[r] - period[s] == order) lagged(r) = de(s);
                auto& ar = sums.ar[order - 1];
                const double cross = arma::dot(de, lagged);
                ar.num += cross;
                ar.eve += cross * cross;
                ar.ex += lagged.t() * dX;
                ar.zve += zu * cross;
            }
        },
        [](FinalSums& total, const FinalSums& p) {
            total.g += p.g;
            total.Q += p.Q;
            total.diff_ss += p.diff_ss;
            total.diff_rows += p.diff_rows;
            for (int o = 0; o < 2; ++o) {
                total.ar[o].num += p.ar[o].num;
                total.ar[o].eve += p.ar[o].eve;
                total.ar[o].ex += p.ar[o].ex;
                total.ar[o].zve += p.ar[o].zve;
            }
        });

    // Covariances. One-step robust: B1 ZX'W1 S1 W1 ZX B1 (Arellano and Bond 1991, eq. 5).
    const arma::mat one_robust = one.B * (m.ZX.t() * one.W * S1 * one.W * m.ZX) * one.B;
    const double n_groups = static_cast<double>(system.n_entities());
    // sigma^2 of the idiosyncratic error: differences have twice its variance (xtabond2).
    const double sigma2 = final_sums.diff_ss / (2.0 * (static_cast<double>(final_sums.diff_rows) - static_cast<double>(k)));
    const double one_step_scale = options.one_step_scale == OneStepScale::plm ? 1.0 / n_groups : sigma2;
    if (options.two_step) {
        est.iid_vcov = two.B;
        const arma::mat D = two.B * m.ZX.t() * W2 * final_sums.Q;
        est.robust_vcov = two.B + D * two.B + two.B * D.t() + D * one_robust * D.t();
    } else {
        est.iid_vcov = one_step_scale * one.B;
        est.robust_vcov = one_robust;
    }
    est.iid_vcov = arma::symmatu(est.iid_vcov);
    est.robust_vcov = 0.5 * (est.robust_vcov + est.robust_vcov.t());
    est.robust_cluster = panel.entity_name();
    est.robust_label = "clustered by " + panel.entity_name() +
                       (options.two_step ? ", Windmeijer-corrected two-step" : ", one-step robust");

    est.formula = design.formula;
    est.outcome = design.outcome;
    est.names = system.names();
    est.coef = fit.b;
    est.bread = fit.B;  // (X'Z W Z'X)^-1; the covariances are supplied above
    est.has_intercept = options.panel.system && design.has_intercept;
    est.nobs = options.panel.system ? m.level_rows : m.transformed_rows;
    est.sample = std::move(design.sample);
    est.sigma2 = sigma2;
    est.stats["n_instruments"] = L;
    est.stats["n_groups"] = system.n_entities();
    est.stats["n_transformed"] = m.transformed_rows;
    if (options.panel.system) est.stats["n_levels"] = m.level_rows;
    est.stats["sigma2_idiosyncratic"] = sigma2;

    // Sargan (one-step homoskedastic weights) and Hansen (weights from the one-step residuals).
    const double df = static_cast<double>(L) - static_cast<double>(k);
    const arma::vec& g = final_sums.g;
    const double sargan = arma::as_scalar(g.t() * one.W * g) / one_step_scale;
    const double hansen = arma::as_scalar(g.t() * W2 * g);
    if (df > 0) {
        est.tests.push_back(chi2_test("sargan", sargan, df, "one-step weights (sum Z'HZ)^-1; not robust"));
        est.tests.push_back(chi2_test("hansen", hansen, df, "weights (sum Z'ee'Z)^-1 from one-step residuals"));
        // Difference-in-Hansen (Hayashi's C with the full model's S): J minus the J without the group.
        for (const auto& group : system.groups()) {
            if (group.columns.is_empty()) continue;
            std::vector<arma::uword> rest;
            for (arma::uword c = 0; c < L; ++c)
                if (!arma::any(group.columns == c)) rest.push_back(c);
            if (rest.size() < k) continue;
            const double j_without = restricted_j(m, S1, arma::uvec(rest));
            if (!std::isfinite(j_without)) continue;
            est.tests.push_back(chi2_test("diff_hansen:" + group.name, hansen - j_without,
                                          static_cast<double>(group.columns.n_elem),
                                          "Hansen J minus J without " + group.name + " (" +
                                              std::to_string(rest.size()) + " instruments)"));
        }
    }
    // AR(m): m / sqrt(var), var = EVE - 2 EX B ZX'W ZVE + EX V EX' (pgmm's mtest).
    const arma::mat& V = options.robust ? est.robust_vcov : est.iid_vcov;
    for (int order = 1; order <= 2; ++order) {
        const auto& ar = final_sums.ar[order - 1];
        const double variance = ar.eve -
                                2.0 * arma::as_scalar(ar.ex * fit.B * m.ZX.t() * fit.W * ar.zve) +
                                arma::as_scalar(ar.ex * V * ar.ex.t());
        TestResult t;
        t.name = "ar" + std::to_string(order);
        t.stat = ar.num / std::sqrt(variance);
        t.p = inference::two_sided_p(t.stat, std::nan(""));
        t.note = std::string("Arellano-Bond, first-differenced residuals, ") + (options.robust ? "robust" : "iid") +
                 " covariance";
        est.tests.push_back(t);
    }
    if (static_cast<double>(L) > n_groups)
        est.notes.push_back(std::to_string(L) + " instruments exceed the " + std::to_string(system.n_entities()) +
                            " groups: the Hansen test is weak and the estimates may be biased towards OLS "
                            "(Roodman 2009); consider --collapse or shorter lag ranges");
    return est;
}

}  // namespace gvcpanel::estimators
