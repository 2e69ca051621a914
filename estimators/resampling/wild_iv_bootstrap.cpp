// Notation (working metric of the IV system: demeaned, rows scaled by sqrt(w_i)): y = X b + u with X
// = [Y (m endogenous), exogenous], instruments Z (n x L) holding the exogenous regressors first, Q =
// Z'Z. The bootstrap DGP tested at r (Delta = R b^ - r; WUE: Delta = 0):
//   u~ = u^ + Delta q, q = X A R' / (R A R'),  b~ = b^ - A R' Delta / (R A R')   (restricted 2SLS)
//   V~ = Y - Z Pi~ = M_Z Y + P_Z u~ d,  d = (u~'M_Z u~)^-1 u~'M_Z Y               (Y on Z and u~)
//   Y* = Z Pi~ + V~ v,  y* = X* b~ + u~ v,  v the weight of the row's bootstrap cluster.
// With P = [Pi~ ; selection of the exogenous columns] (L x k), F = Z'X* = Q P + sum_h v_h [Z_h'V~_h, 0]
// and the 2SLS refit b* - b~ = A* F' Q^-1 sum_h v_h Z_h'u~_h, A* = (F' Q^-1 F)^-1. The projected score
// of a cell c (an intersection of error and bootstrap clusters), w = Q^-1 F A* R', D = b~ - b*:
//   s_c = w' Z_c'(y*_c - X*_c b*) = w' M_c P D + v_c w' (Z_c'V~_c D_Y + Z_c'u~_c),  M_c = Z_c'Z_c,
// so a replicate needs only the cells' M_c, Z_c'V~_c, Z_c'u~_c, and each of them is affine in Delta
// once d is known: the interval's p-values at any r cost no pass over the data.
#include "estimators/resampling/wild_iv_bootstrap.hpp"

#include <omp.h>

#include <algorithm>
#include <cmath>

#include "data/error.hpp"
#include "estimators/inference/intersect_groupings.hpp"
#include "estimators/inference/small_sample.hpp"
#include "estimators/resampling/wild_common.hpp"

namespace gvcpanel::estimators::resampling {

namespace {

// Replicates per block of the weight matrix (a few products of width 1024).
constexpr std::uint64_t kBlock = 1024;
// Bisections of the interval's search: the bracket ends 2^-40 of its first width (a few standard
// errors) wide, far below the steps of p(r).
constexpr int kBisections = 40;
// The WRE's p(r) need not fall below alpha however far r goes (weak instruments: its interval is then
// unbounded, as the Anderson-Rubin test's); beyond 2^20 standard errors the end is reported as such.
constexpr int kDoublings = 20;

arma::sp_mat indicator(const std::vector<std::int32_t>& rows_of, std::size_t rows, std::size_t cols,
                       const std::vector<std::int32_t>& cols_of) {
    arma::umat at(2, rows_of.size());
    for (std::size_t c = 0; c < rows_of.size(); ++c) {
        at(0, c) = static_cast<arma::uword>(rows_of[c]);
        at(1, c) = static_cast<arma::uword>(cols_of[c]);
    }
    return arma::sp_mat(at, arma::vec(rows_of.size(), arma::fill::ones), rows, cols);
}

// The sums over the cells that do not depend on the tested value.
struct Cells {
    std::size_t count = 0;
    arma::sp_mat to_boot;                  // C x H: cell c in bootstrap cluster h
    std::vector<arma::sp_mat> to_groups;   // per error term, G x C
    arma::mat M;                           // L^2 x C: vec(Z_c'Z_c)
    arma::mat Zu, Zq, ZPu, ZPq;            // L x C: Z_c'u^, Z_c'q, Z_c'P_Z u^, Z_c'P_Z q
    arma::mat ZMY;                         // (L m) x C: vec(Z_c'M_Z Y)
};

// The bootstrap DGP at one Delta, aggregated to cells and bootstrap clusters.
struct Dgp {
    arma::mat a_cells, b_cells;            // (L m) x C: vec(Z_c'V~_c); L x C: Z_c'u~_c
    arma::mat a_boot, b_boot;              // the same summed by bootstrap cluster (columns h)
    arma::mat P, F0;                       // L x k: [Pi~, selection]; Q P
    arma::vec b_tilde;
};

class WreBootstrap {
public:
    WreBootstrap(const Estimate& estimate, const IvSystem& system, const arma::rowvec& R,
                 const std::vector<ErrorTerm>& terms, const Coded& boot, const WildOptions& options)
        : system_(system), R_(R), terms_(terms), boot_(boot), options_(options) {
        const arma::mat& X = system.X;
        const arma::mat& Z = system.Z;
        const std::size_t n = X.n_rows;
        L_ = Z.n_cols;
        k_ = X.n_cols;
        m_ = system.endogenous.n_elem;
        Q_ = Z.t() * Z;
        if (!arma::inv_sympd(Qi_, arma::symmatu(Q_))) throw Error("WRE bootstrap: the instruments' cross-product is singular");
        b_hat_ = estimate.coef;
        A_R_ = estimate.bread * R.t();
        lambda_ = 1.0 / arma::as_scalar(R * A_R_);

        const arma::mat Y = X.cols(system.endogenous);
        const arma::vec u = system.y - X * b_hat_;
        const arma::vec q = X * A_R_ * lambda_;
        Zu_ = Z.t() * u;
        Zq_ = Z.t() * q;
        ZY_ = Z.t() * Y;
        const arma::vec Pu = Z * (Qi_ * Zu_), Pq = Z * (Qi_ * Zq_);
        const arma::mat MY = Y - Z * (Qi_ * ZY_);
        uMu_ = arma::dot(u, u - Pu);
        uMq_ = arma::dot(u, q - Pq);
        qMq_ = arma::dot(q, q - Pq);
        uMY_ = u.t() * MY;
        qMY_ = q.t() * MY;

        // Cells: the intersection of every error and bootstrap cluster variable.
        std::vector<std::int32_t> cell_codes;
        {
            std::vector<const models::Grouping*> all;
            models::Grouping b;
            b.codes = boot.codes;
            b.levels = static_cast<std::int32_t>(boot.levels);
            all.push_back(&b);
            std::vector<models::Grouping> groups(terms.size());
            for (std::size_t t = 0; t < terms.size(); ++t) {
                groups[t].codes = terms[t].groups.codes;
                groups[t].levels = static_cast<std::int32_t>(terms[t].groups.levels);
                all.push_back(&groups[t]);
            }
            cell_codes = inference::intersect(all, cells_.count);
        }
        const std::size_t C = cells_.count;
        std::vector<std::int32_t> cell_boot(C), cell_ids(C);
        std::vector<std::vector<std::int32_t>> cell_group(terms.size(), std::vector<std::int32_t>(C));
        for (std::size_t i = 0; i < n; ++i) {
            const auto c = static_cast<std::size_t>(cell_codes[i]);
            cell_boot[c] = boot.codes[i];
            for (std::size_t t = 0; t < terms.size(); ++t) cell_group[t][c] = terms[t].groups.codes[i];
        }
        for (std::size_t c = 0; c < C; ++c) cell_ids[c] = static_cast<std::int32_t>(c);
        cells_.to_boot = indicator(cell_ids, C, boot.levels, cell_boot);
        for (std::size_t t = 0; t < terms.size(); ++t)
            cells_.to_groups.push_back(indicator(cell_group[t], terms[t].groups.levels, C, cell_ids));

        cells_.M.zeros(L_ * L_, C);
        cells_.Zu.zeros(L_, C);
        cells_.Zq.zeros(L_, C);
        cells_.ZPu.zeros(L_, C);
        cells_.ZPq.zeros(L_, C);
        cells_.ZMY.zeros(L_ * m_, C);
        for (std::size_t i = 0; i < n; ++i) {
            const auto c = static_cast<arma::uword>(cell_codes[i]);
            double* M = cells_.M.colptr(c);
            for (std::size_t b = 0; b < L_; ++b) {
                const double zb = Z(i, b);
                for (std::size_t a = 0; a < L_; ++a) M[a + L_ * b] += Z(i, a) * zb;
                cells_.Zu(b, c) += zb * u(i);
                cells_.Zq(b, c) += zb * q(i);
                cells_.ZPu(b, c) += zb * Pu(i);
                cells_.ZPq(b, c) += zb * Pq(i);
                for (std::size_t j = 0; j < m_; ++j) cells_.ZMY(b + L_ * j, c) += zb * MY(i, j);
            }
        }
    }

    std::size_t cells() const { return cells_.count; }

    // The DGP with the restriction's value Delta below the estimate (0: the estimate itself, WUE).
    Dgp dgp(double delta) const {
        Dgp g;
        const double denominator = uMu_ + delta * (2.0 * uMq_ + delta * qMq_);
        const arma::rowvec d = (uMY_ + delta * qMY_) / denominator;
        g.b_cells = cells_.Zu + delta * cells_.Zq;
        const arma::mat Pu_cells = cells_.ZPu + delta * cells_.ZPq;
        g.a_cells = cells_.ZMY;
        for (std::size_t j = 0; j < m_; ++j) g.a_cells.rows(L_ * j, L_ * j + L_ - 1) += Pu_cells * d(j);
        g.a_boot = g.a_cells * cells_.to_boot;
        g.b_boot = g.b_cells * cells_.to_boot;
        const arma::mat Pi = Qi_ * (ZY_ - (Zu_ + delta * Zq_) * d);
        g.P.zeros(L_, k_);
        for (std::size_t j = 0; j < m_; ++j) g.P.col(system_.endogenous(j)) = Pi.col(j);
        for (std::size_t j = 0; j < system_.exogenous.n_elem; ++j) g.P(j, system_.exogenous(j)) = 1.0;
        g.F0 = Q_ * g.P;
        g.b_tilde = b_hat_ - A_R_ * (lambda_ * delta);
        return g;
    }

    // Numerators R (b* - b~) and variances of the replicates with weights V (H x count).
    void replicates(const Dgp& g, const arma::mat& V, arma::vec& numerator, arma::vec& variance) const {
        const arma::uword count = V.n_cols;
        const arma::mat SA = g.a_boot * V, SB = g.b_boot * V;
        arma::mat U1(L_ * L_, count), U2(L_ * m_, count), U3(L_, count);
        numerator.set_size(count);
        const int threads = options_.threads > 0 ? options_.threads : omp_get_max_threads();
#pragma omp parallel for schedule(static) num_threads(threads)
        for (arma::uword j = 0; j < count; ++j) {
            arma::mat F = g.F0;
            for (std::size_t e = 0; e < m_; ++e) F.col(system_.endogenous(e)) += SA.col(j).subvec(L_ * e, L_ * e + L_ - 1);
            const arma::mat QiF = Qi_ * F;
            arma::mat A_star;
            if (!arma::inv_sympd(A_star, arma::symmatu(F.t() * QiF))) {
                numerator(j) = std::nan("");
                U1.col(j).zeros();
                U2.col(j).zeros();
                U3.col(j).zeros();
                continue;
            }
            const arma::vec w = QiF * (A_star * R_.t());
            numerator(j) = arma::dot(w, SB.col(j));
            const arma::vec D = -A_star * (QiF.t() * SB.col(j));
            U1.col(j) = arma::vectorise(w * (g.P * D).t());
            U2.col(j) = arma::vectorise(w * arma::vec(D.elem(system_.endogenous)).t());
            U3.col(j) = w;
        }
        const arma::mat scores = cells_.M.t() * U1 + (arma::mat(cells_.to_boot * V) % (g.a_cells.t() * U2 + g.b_cells.t() * U3));
        variance.zeros(count);
        for (std::size_t t = 0; t < terms_.size(); ++t)
            variance += terms_[t].factor * arma::sum(arma::square(arma::mat(cells_.to_groups[t] * scores)), 0).t();
    }

    // t* of replicates [0, reps) under the DGP at delta (a negative variance gives NaN: never beyond).
    arma::vec t_star(const Dgp& g, std::uint64_t reps, bool enumerated) const {
        arma::vec t(reps);
        for (std::uint64_t first = 0; first < reps; first += kBlock) {
            const std::uint64_t count = std::min(kBlock, reps - first);
            const arma::mat V = wild_weight_block(options_.weights, boot_.levels, first, count, options_.seed, enumerated);
            arma::vec numerator, variance;
            replicates(g, V, numerator, variance);
            for (arma::uword j = 0; j < count; ++j)
                t(first + j) = variance(j) > 0.0 ? numerator(j) / std::sqrt(variance(j)) : std::nan("");
        }
        return t;
    }

    // The fit's cluster-robust variance of R b: the replicate with every weight 1 gives back the data.
    double fit_variance() const {
        arma::vec numerator, variance;
        replicates(dgp(0.0), arma::mat(boot_.levels, 1, arma::fill::ones), numerator, variance);
        return variance(0);
    }

private:
    const IvSystem& system_;
    arma::rowvec R_;
    const std::vector<ErrorTerm>& terms_;
    const Coded& boot_;
    const WildOptions& options_;
    std::size_t L_ = 0, k_ = 0, m_ = 0;
    arma::mat Q_, Qi_, ZY_;
    arma::vec b_hat_, A_R_, Zu_, Zq_;
    double lambda_ = 0.0, uMu_ = 0.0, uMq_ = 0.0, qMq_ = 0.0;
    arma::rowvec uMY_, qMY_;
    Cells cells_;
};

}  // namespace

TestResult wild_iv_bootstrap(const Estimate& estimate, const IvSystem& system, const inference::Restrictions& restriction,
                             const std::vector<const models::Grouping*>& errors,
                             const std::vector<const models::Grouping*>& bootstrap, const inference::Ssc& ssc,
                             const WildOptions& options) {
    const std::string context = "--boottest '" + restriction.text + "'";
    if (restriction.R.n_rows != 1)
        throw Error(context + ": the wild bootstrap tests one restriction at a time; give each with its own --boottest");
    if (errors.empty() || bootstrap.empty())
        throw Error(context + ": name the clusters: --vcov cluster:VAR or --boot-cluster VAR");
    const Coded boot = coded(bootstrap);
    if (boot.levels < 2) throw Error(context + ": the bootstrap clusters number " + std::to_string(boot.levels) + "; at least 2 are needed");
    models::Grouping boot_grouping;
    boot_grouping.codes = boot.codes;
    boot_grouping.levels = static_cast<std::int32_t>(boot.levels);
    for (const auto& effect : estimate.sample.fixed_effects)
        if (effect.has_slopes() || !inference::nested_in(effect, boot_grouping))
            throw Error(context + ": the WRE bootstrap of an IV fit needs every fixed effect nested in the bootstrap clusters; '" +
                        effect.name + "' is not (bootstrap at a level that nests it, or enter it as regressors)");

    const std::vector<ErrorTerm> terms = error_terms(estimate, errors, ssc);
    const arma::rowvec R = restriction.R.row(0);
    const WreBootstrap wre(estimate, system, R, terms, boot, options);
    const double variance = wre.fit_variance();
    if (!(variance > 0.0)) throw Error(context + ": the cluster-robust variance of the restriction is not positive");
    const double se = std::sqrt(variance);
    const double estimate_value = arma::as_scalar(R * estimate.coef);
    const double delta_hat = estimate_value - restriction.r(0);

    const bool enumerated = enumerates(options.weights, boot.levels, options.reps);
    std::uint64_t reps = options.reps;
    if (enumerated) {
        reps = 1;
        for (std::size_t h = 0; h < boot.levels; ++h) reps *= enumerable_points(options.weights);
    }
    const bool impose = options.impose_null;
    const arma::vec t_unrestricted = impose ? arma::vec() : wre.t_star(wre.dgp(0.0), reps, enumerated);
    const auto draws_at = [&](double delta) { return impose ? wre.t_star(wre.dgp(delta), reps, enumerated) : t_unrestricted; };

    WildOutcome outcome;
    outcome.stat = delta_hat / se;
    outcome.p = wild_p_values(draws_at(delta_hat), outcome.stat);
    const double alpha = 1.0 - options.level;
    const auto p_at = [&](double value) {
        const double delta = estimate_value - value;
        return wild_p_values(draws_at(delta), delta / se).symmetric;
    };
    outcome.low = inverted_bound(p_at, estimate_value, se, alpha, -1.0, kBisections, kDoublings);
    outcome.high = inverted_bound(p_at, estimate_value, se, alpha, 1.0, kBisections, kDoublings);
    outcome.reps = reps;
    outcome.enumerated = enumerated;
    outcome.bootstrap_clusters = boot.levels;
    return wild_test_result(restriction, options, outcome,
                            std::string(impose ? "WRE" : "WUE") + " wild bootstrap-t for 2SLS (Davidson and MacKinnon 2010)");
}

}  // namespace gvcpanel::estimators::resampling
