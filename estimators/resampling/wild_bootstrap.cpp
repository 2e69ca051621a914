// Notation (working metric: x_i, u_i, dummies scaled by sqrt(w_i)): A = (X'X)^-1 the bread, rho_i =
// x_i' A R' so that R A x_i = rho_i, u the residuals the bootstrap perturbs: under WCR u~ = e + delta
// z with delta = R b - r and z = rho / (R A R'), under WCU u = e. A replicate with weights v (one per
// bootstrap cluster h) has R (b* - b~) = sum_h a_h v_h, a_h = sum_{i in h} rho_i u_i, and the score
// of cluster g projected by R A is
//   s_g(v) = sum_h E[g,h] v_h - C_g' (D v),   E[g,h] = sum_{i in g and h} rho_i u_i,
//   C_g = [A sum_{i in g} rho_i x_i ; P sum_{i in g} rho_i s_i],  D[., h] = [sum_{i in h} x_i u_i ; sum_{i in h} s_i u_i],
// s_i the dummies of the fixed effects not nested in the clusters and P = (S' M_F S)^+ (F the nested
// ones, which drop out: u and x sum to zero within each of their groups). This is exact for the
// refit with every fixed effect re-absorbed, y* = X b~ + D a~ + u * v.
#include "estimators/resampling/wild_bootstrap.hpp"

#include <algorithm>
#include <cmath>

#include "data/error.hpp"
#include "estimators/fixed_effects/demean.hpp"
#include "estimators/inference/intersect_groupings.hpp"
#include "estimators/inference/small_sample.hpp"
#include "estimators/inference/working_regressors.hpp"
#include "estimators/resampling/wild_common.hpp"

namespace gvcpanel::estimators::resampling {

namespace {

// The dummies of the fixed effects not nested in the clusters are carried as an L x L matrix.
constexpr std::size_t kMaxUnnestedLevels = 2000;
// Replicates per block of the weight matrix: each block is a few matrix products of width 4096 (run
// in turn; the BLAS may use the threads within a product, and a replicate's draws depend only on
// (seed, replicate), so the result does not depend on the thread count).
constexpr std::uint64_t kBlock = 4096;

// The fixed effects that are not nested in the cells (intersections of every cluster variable):
// their dummies side by side, and P = (S' W M_F S)^+.
struct Unnested {
    std::vector<const models::Grouping*> effects;
    std::vector<std::size_t> offset;
    std::size_t levels = 0;
    arma::mat P;
};

// S' W M_F S with M_F the (weighted) residual maker of the nested effects `nested`.
arma::mat unnested_cross(const Unnested& s, const std::vector<models::Grouping>& nested, const arma::vec& weights,
                         std::size_t n, int threads) {
    const auto w = [&](std::size_t i) { return weights.is_empty() ? 1.0 : weights(i); };
    arma::mat cross(s.levels, s.levels, arma::fill::zeros);
    if (nested.empty()) {
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t a = 0; a < s.effects.size(); ++a)
                for (std::size_t b = 0; b < s.effects.size(); ++b)
                    cross(s.offset[a] + static_cast<std::size_t>(s.effects[a]->codes[i]),
                          s.offset[b] + static_cast<std::size_t>(s.effects[b]->codes[i])) += w(i);
        return cross;
    }
    constexpr std::size_t kColumns = 16;  // dummies demeaned at a time (n x 16 doubles)
    for (std::size_t first = 0; first < s.levels; first += kColumns) {
        const std::size_t width = std::min(kColumns, s.levels - first);
        arma::mat Z(n, width, arma::fill::zeros);
        for (std::size_t d = 0; d < s.effects.size(); ++d)
            for (std::size_t i = 0; i < n; ++i) {
                const std::size_t column = s.offset[d] + static_cast<std::size_t>(s.effects[d]->codes[i]);
                if (column >= first && column < first + width) Z(i, column - first) = 1.0;
            }
        DemeanOptions demeaning;
        demeaning.threads = threads;
        demean(Z, nested, weights, demeaning);
        for (std::size_t d = 0; d < s.effects.size(); ++d)
            for (std::size_t c = 0; c < width; ++c) {
                const double* column = Z.colptr(c);
                for (std::size_t i = 0; i < n; ++i)
                    cross(s.offset[d] + static_cast<std::size_t>(s.effects[d]->codes[i]), first + c) += w(i) * column[i];
            }
    }
    return cross;
}

// The parts linear in the perturbed residuals u: a (H) and D ((k + L) x H).
struct Linear {
    arma::rowvec a;
    arma::mat D;
};

Linear linear_parts(const arma::mat& X, const arma::vec& u, const arma::vec& rho, const arma::vec& root_w,
                    const Unnested& s, const Coded& boot) {
    const std::size_t n = X.n_rows, k = X.n_cols;
    Linear p;
    p.a.zeros(boot.levels);
    p.D.zeros(k + s.levels, boot.levels);
    for (std::size_t i = 0; i < n; ++i) p.a(static_cast<arma::uword>(boot.codes[i])) += rho(i) * u(i);
    for (std::size_t j = 0; j < k; ++j) {
        const double* x = X.colptr(j);
        for (std::size_t i = 0; i < n; ++i) p.D(j, static_cast<arma::uword>(boot.codes[i])) += x[i] * u(i);
    }
    for (std::size_t d = 0; d < s.effects.size(); ++d)
        for (std::size_t i = 0; i < n; ++i)
            p.D(k + s.offset[d] + static_cast<std::size_t>(s.effects[d]->codes[i]), static_cast<arma::uword>(boot.codes[i])) +=
                root_w(i) * u(i);
    return p;
}

// E[g, h] = sum over the rows in cluster g and bootstrap cluster h of rho_i u_i.
arma::sp_mat cell_sums(const Coded& groups, const Coded& boot, const arma::vec& rho, const arma::vec& u) {
    const std::size_t n = rho.n_elem;
    arma::umat at(2, n);
    for (std::size_t i = 0; i < n; ++i) {
        at(0, i) = static_cast<arma::uword>(groups.codes[i]);
        at(1, i) = static_cast<arma::uword>(boot.codes[i]);
    }
    return arma::sp_mat(true, at, arma::vec(rho % u), groups.levels, boot.levels);
}

// One term of the covariance's inclusion-exclusion over the cluster variables.
struct Term {
    ErrorTerm error;
    arma::mat C;          // G x (k + L)
    arma::sp_mat E_e, E_z;
};

// Per replicate: numerator n0 + delta n1 and variance q0 + 2 delta q1 + delta^2 q2 (WCU: n0, q0).
struct Draws {
    arma::vec n0, n1, q0, q1, q2;
    bool impose = true;

    double t(arma::uword j, double delta) const {
        if (!impose) return n0(j) / std::sqrt(q0(j));
        return (n0(j) + delta * n1(j)) / std::sqrt(q0(j) + delta * (2.0 * q1(j) + delta * q2(j)));
    }
};

// The symmetric p-value alone, without square roots: |t*| > c with c = |t| (1 + kTie) is
// num^2 > c^2 var for a positive variance.
double symmetric_p(const Draws& draws, double delta, double se) {
    const double c = std::abs(delta / se) * (1.0 + kWildTie), c2 = c * c;
    const arma::uword reps = draws.n0.n_elem;
    std::uint64_t beyond = 0;
    if (draws.impose) {
        const double a = 2.0 * delta;
        const double b = delta * delta;
        for (arma::uword j = 0; j < reps; ++j) {
            const double num = draws.n0(j) + delta * draws.n1(j);
            const double var = draws.q0(j) + a * draws.q1(j) + b * draws.q2(j);
            beyond += var > 0.0 && num * num > c2 * var;
        }
    } else {
        for (arma::uword j = 0; j < reps; ++j)
            beyond += draws.q0(j) > 0.0 && draws.n0(j) * draws.n0(j) > c2 * draws.q0(j);
    }
    return static_cast<double>(beyond) / static_cast<double>(reps);
}

std::string who(const inference::Restrictions& restriction) { return "--boottest '" + restriction.text + "'"; }

}  // namespace

TestResult wild_cluster_bootstrap(const Estimate& estimate, const inference::Restrictions& restriction,
                                  const std::vector<const models::Grouping*>& errors,
                                  const std::vector<const models::Grouping*>& bootstrap, const inference::Ssc& ssc,
                                  const WildOptions& options) {
    const std::string context = who(restriction);
    if (restriction.R.n_rows != 1)
        throw Error(context + ": the wild bootstrap tests one restriction at a time; give each with its own --boottest");
    if (estimate.kind != ModelKind::linear || !inference::has_regressors(estimate))
        throw Error(context + ": the wild cluster bootstrap is implemented for least squares (ols, fixed effects, "
                    "weights) and 2sls (the WRE); estimator '" + estimate.estimator + "' is not");
    if (errors.empty() || bootstrap.empty())
        throw Error(context + ": name the clusters: --vcov cluster:VAR or --boot-cluster VAR");
    for (const auto& effect : estimate.sample.fixed_effects)
        if (effect.has_slopes())
            throw Error(context + ": fixed effects with varying slopes ('" + effect.name + "') are not supported");

    const arma::mat X = inference::regressors(estimate, context);
    const std::size_t n = X.n_rows, k = X.n_cols;
    const arma::vec root_w = estimate.weights.is_empty() ? arma::vec(n, arma::fill::ones) : arma::sqrt(estimate.weights);
    const arma::vec e = estimate.residuals % root_w;
    const arma::mat& A = estimate.bread;
    const arma::rowvec R = restriction.R.row(0);
    const arma::vec rho = X * (A * R.t());
    const double lambda = 1.0 / arma::as_scalar(R * A * R.t());
    const arma::vec z = rho * lambda;
    const double estimate_value = arma::as_scalar(R * estimate.coef);
    const double delta_hat = estimate_value - restriction.r(0);

    const Coded boot = coded(bootstrap);
    if (boot.levels < 2) throw Error(context + ": the bootstrap clusters number " + std::to_string(boot.levels) + "; at least 2 are needed");

    // The fixed effects nested in every cell drop out; the others are carried as dummies.
    std::vector<const models::Grouping*> all = errors;
    all.insert(all.end(), bootstrap.begin(), bootstrap.end());
    models::Grouping cells;
    cells.name = "cells";
    std::size_t cell_levels = 0;
    cells.codes = inference::intersect(all, cell_levels);
    cells.levels = static_cast<std::int32_t>(cell_levels);
    Unnested s;
    std::vector<models::Grouping> nested;
    for (const auto& effect : estimate.sample.fixed_effects) {
        if (inference::nested_in(effect, cells)) {
            nested.push_back(effect);
            continue;
        }
        s.effects.push_back(&effect);
        s.offset.push_back(s.levels);
        s.levels += static_cast<std::size_t>(effect.levels);
    }
    if (s.levels > kMaxUnnestedLevels)
        throw Error(context + ": the fixed effects not nested in the clusters have " + std::to_string(s.levels) +
                    " levels, more than " + std::to_string(kMaxUnnestedLevels) +
                    " (absorb the larger ones in the clusters, or bootstrap at a level they nest in)");
    if (s.levels > 0) s.P = arma::pinv(arma::symmatu(unnested_cross(s, nested, estimate.weights, n, options.threads)));

    const bool impose = options.impose_null;
    std::vector<Term> terms;
    for (auto& error : error_terms(estimate, errors, ssc)) {
        Term term;
        term.error = std::move(error);
        const Coded& groups = term.error.groups;
        term.C.zeros(groups.levels, k + s.levels);
        arma::mat xs(groups.levels, k, arma::fill::zeros), ss(groups.levels, s.levels, arma::fill::zeros);
        for (std::size_t j = 0; j < k; ++j) {
            const double* x = X.colptr(j);
            for (std::size_t i = 0; i < n; ++i) xs(static_cast<arma::uword>(groups.codes[i]), j) += rho(i) * x[i];
        }
        for (std::size_t d = 0; d < s.effects.size(); ++d)
            for (std::size_t i = 0; i < n; ++i)
                ss(static_cast<arma::uword>(groups.codes[i]), s.offset[d] + static_cast<std::size_t>(s.effects[d]->codes[i])) +=
                    rho(i) * root_w(i);
        term.C.cols(0, k - 1) = xs * A;
        if (s.levels > 0) term.C.cols(k, k + s.levels - 1) = ss * s.P;
        term.E_e = cell_sums(groups, boot, rho, e);
        if (impose) term.E_z = cell_sums(groups, boot, rho, z);
        terms.push_back(std::move(term));
    }
    const Linear on_e = linear_parts(X, e, rho, root_w, s, boot);
    const Linear on_z = impose ? linear_parts(X, z, rho, root_w, s, boot) : Linear{};

    // The statistic: every weight 1 gives back the fit (its scores, its cluster-robust variance).
    double variance = 0.0;
    {
        const arma::vec ones(boot.levels, arma::fill::ones);
        const arma::vec Dv = on_e.D * ones;
        for (const auto& term : terms) variance += term.error.factor * arma::accu(arma::square(term.E_e * ones - term.C * Dv));
    }
    if (!(variance > 0.0)) throw Error(context + ": the cluster-robust variance of the restriction is not positive");
    const double se = std::sqrt(variance);

    const bool enumerated = enumerates(options.weights, boot.levels, options.reps);
    std::uint64_t reps = options.reps;
    if (enumerated) {
        reps = 1;
        for (std::size_t h = 0; h < boot.levels; ++h) reps *= enumerable_points(options.weights);
    }
    if (reps == 0) throw Error(context + ": --boot-reps must be at least 1");
    Draws draws;
    draws.impose = impose;
    draws.n0.zeros(reps);
    draws.q0.zeros(reps);
    if (impose) {
        draws.n1.zeros(reps);
        draws.q1.zeros(reps);
        draws.q2.zeros(reps);
    }
    for (std::uint64_t first = 0; first < reps; first += kBlock) {
        const std::uint64_t count = std::min(kBlock, reps - first);
        const arma::mat V = wild_weight_block(options.weights, boot.levels, first, count, options.seed, enumerated);
        const arma::span span(first, first + count - 1);
        draws.n0(span) = (on_e.a * V).t();
        const arma::mat DVe = on_e.D * V;
        arma::mat DVz;
        if (impose) {
            draws.n1(span) = (on_z.a * V).t();
            DVz = on_z.D * V;
        }
        for (const auto& term : terms) {
            const arma::mat Se = term.E_e * V - term.C * DVe;
            draws.q0(span) += term.error.factor * arma::sum(arma::square(Se), 0).t();
            if (!impose) continue;
            const arma::mat Sz = term.E_z * V - term.C * DVz;
            draws.q1(span) += term.error.factor * arma::sum(Se % Sz, 0).t();
            draws.q2(span) += term.error.factor * arma::sum(arma::square(Sz), 0).t();
        }
    }

    arma::vec t_star(reps);
    for (arma::uword j = 0; j < reps; ++j) t_star(j) = draws.t(j, delta_hat);
    WildOutcome outcome;
    outcome.stat = delta_hat / se;
    outcome.p = wild_p_values(t_star, outcome.stat);
    const double alpha = 1.0 - options.level;
    const auto p_at = [&](double value) { return symmetric_p(draws, estimate_value - value, se); };
    outcome.low = inverted_bound(p_at, estimate_value, se, alpha, -1.0);
    outcome.high = inverted_bound(p_at, estimate_value, se, alpha, 1.0);
    outcome.reps = reps;
    outcome.enumerated = enumerated;
    outcome.bootstrap_clusters = boot.levels;
    return wild_test_result(restriction, options, outcome, std::string(impose ? "WCR" : "WCU") + " wild cluster bootstrap-t");
}

}  // namespace gvcpanel::estimators::resampling
