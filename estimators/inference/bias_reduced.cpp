// CR2 and CR3 cluster-robust covariances for least squares (Bell and McCaffrey 2002; Pustejovsky
// and Tipton 2018), as clubSandwich's vcovCR with its defaults (working model: independent errors):
// V = M (sum_j X_j' A_j e_j e_j' A_j X_j) M with M = (X'X)^-1 and A_j = (I - U_j M_U U_j')^(-1/2)
// (CR2; the symmetric root of the pseudo-inverse, eigenvalues at or below 1e-12 dropped) or
// A_j = (I - X_j M X_j')^-1 (CR3, the approximate jackknife). Absorbed fixed effects as clubSandwich's
// plm method: U = [X, S], S the dummies of the fixed effects that do not coincide with the
// clusters (demeaned within the clusters when one does), M_U = (U'U)^+; U = X when all coincide.
// X is n x k (the working, demeaned regressors), one row per observation; no factor is applied.
#include <memory>
#include <string>

#include "data/error.hpp"
#include "estimators/inference/bell_mccaffrey.hpp"
#include "estimators/inference/covariance_types.hpp"
#include "estimators/inference/small_sample.hpp"
#include "estimators/inference/working_regressors.hpp"

namespace gvcpanel::estimators::inference {

namespace {

// Each cluster's block I - U_j M_U U_j' is n_j x n_j and decomposed: beyond this size the cost
// (n_j^3) and memory (n_j^2) stop being reasonable; the wild bootstrap serves large clusters.
constexpr arma::uword kMaxClusterSize = 3000;
// S is carried as dense dummies: U'U is (k + L) x (k + L).
constexpr std::size_t kMaxDummies = 2000;

struct ClusterRows {
    std::vector<std::size_t> start;
    std::vector<arma::uword> rows;
    arma::uvec of(std::size_t g) const {
        return arma::uvec(std::vector<arma::uword>(rows.begin() + static_cast<std::ptrdiff_t>(start[g]),
                                                   rows.begin() + static_cast<std::ptrdiff_t>(start[g + 1])));
    }
};

ClusterRows group_rows(const models::Grouping& cluster) {
    ClusterRows c;
    const auto levels = static_cast<std::size_t>(cluster.levels);
    c.start.assign(levels + 1, 0);
    for (const auto code : cluster.codes) ++c.start[static_cast<std::size_t>(code) + 1];
    for (std::size_t g = 0; g < levels; ++g) c.start[g + 1] += c.start[g];
    c.rows.resize(cluster.codes.size());
    std::vector<std::size_t> next(c.start.begin(), c.start.end() - 1);
    for (std::size_t i = 0; i < cluster.codes.size(); ++i) c.rows[next[static_cast<std::size_t>(cluster.codes[i])]++] = i;
    return c;
}

// The absorbed effects that enter U: every fixed effect whose levels are not exactly the clusters.
struct Augmentation {
    std::vector<const models::Grouping*> effects;  // those effects, their dummies side by side
    std::size_t columns = 0;                        // L
    bool demean_within_clusters = false;            // some effect coincides with the clusters
};

Augmentation augmentation(const Estimate& estimate, const models::Grouping& cluster, const std::string& who) {
    Augmentation a;
    for (const auto& effect : estimate.sample.fixed_effects) {
        if (effect.has_slopes())
            throw Error(who + ": fixed effects with varying slopes ('" + effect.name + "') are not supported");
        if (nested_in(effect, cluster) && nested_in(cluster, effect)) {
            a.demean_within_clusters = true;
            continue;
        }
        a.effects.push_back(&effect);
        a.columns += static_cast<std::size_t>(effect.levels);
    }
    if (a.columns > kMaxDummies)
        throw Error(who + ": the fixed effects that are not the clusters have " + std::to_string(a.columns) +
                    " levels; clubSandwich's adjustment carries them as dummies, which is limited to " +
                    std::to_string(kMaxDummies) + " (cluster by the fixed effect, or use --boottest)");
    return a;
}

// S_j: the dummies of the augmenting effects on the cluster's rows, demeaned within the cluster when
// an absorbed effect coincides with the clusters (clubSandwich: their residuals on that effect).
arma::mat dummies(const Augmentation& a, const arma::uvec& rows) {
    arma::mat S(rows.n_elem, a.columns, arma::fill::zeros);
    std::size_t offset = 0;
    for (const auto* effect : a.effects) {
        for (arma::uword r = 0; r < rows.n_elem; ++r)
            S(r, offset + static_cast<std::size_t>(effect->codes[rows(r)])) = 1.0;
        offset += static_cast<std::size_t>(effect->levels);
    }
    if (a.demean_within_clusters && S.n_cols > 0) S.each_row() -= arma::mean(S, 0);
    return S;
}

}  // namespace

Covariance bias_reduced_covariance(const Estimate& estimate, const models::Grouping& cluster, VcovType type,
                                   const Ssc& ssc) {
    const std::string who = "--vcov " + std::string(type == VcovType::cr2 ? "cr2:" : "cr3:") + cluster.name;
    if (estimate.kind != ModelKind::linear) throw Error(who + ": CR2 and CR3 are defined for least squares");
    if (!estimate.weights.is_empty())
        throw Error(who + ": weighted fits are not supported (clubSandwich's weighted adjustment needs a working "
                    "model for the weights)");
    const arma::mat X = regressors(estimate, who);
    if (cluster.codes.size() != X.n_rows)
        throw Error(who + ": " + std::to_string(cluster.codes.size()) + " cluster codes for " + std::to_string(X.n_rows) +
                    " observations");
    const ClusterRows clusters = group_rows(cluster);
    const std::size_t count = static_cast<std::size_t>(cluster.levels);
    std::vector<arma::uvec> rows;
    for (std::size_t g = 0; g < count; ++g)
        if (clusters.start[g + 1] > clusters.start[g]) rows.push_back(clusters.of(g));
    if (rows.size() < 2) throw Error(who + ": the estimation sample has a single cluster");
    const Augmentation a = augmentation(estimate, cluster, who);
    const arma::mat& M = estimate.bread;
    const arma::vec& e = estimate.residuals;

    // M_U = (U'U)^+ over U = [X, S].
    std::vector<arma::mat> U(rows.size());
    arma::mat UU(X.n_cols + a.columns, X.n_cols + a.columns, arma::fill::zeros);
    for (std::size_t j = 0; j < rows.size(); ++j) {
        if (rows[j].n_elem > kMaxClusterSize)
            throw Error(who + ": a cluster has " + std::to_string(rows[j].n_elem) + " observations; the adjustment "
                        "decomposes an n_j x n_j matrix per cluster, limited to " + std::to_string(kMaxClusterSize) +
                        " (use --boottest for large clusters)");
        U[j] = arma::join_rows(X.rows(rows[j]), dummies(a, rows[j]));
        UU += U[j].t() * U[j];
    }
    const arma::mat M_U = a.columns == 0 ? M : arma::mat(arma::pinv(arma::symmatu(UU)));

    arma::mat meat(X.n_cols, X.n_cols, arma::fill::zeros);
    std::vector<arma::mat> weights, projected;
    const bool reference = ssc.t_df == DfRule::bm;
    for (std::size_t j = 0; j < rows.size(); ++j) {
        const arma::mat Xj = X.rows(rows[j]);
        const arma::mat identity = arma::eye(Xj.n_rows, Xj.n_rows);
        arma::mat A;
        if (type == VcovType::cr2) {
            A = symmetric_power(identity - U[j] * M_U * U[j].t(), -0.5);
        } else if (!arma::inv(A, identity - Xj * M * Xj.t())) {
            throw Error(who + ": I - H_jj is singular for a cluster (it alone determines a coefficient); use cr2");
        }
        const arma::mat E = Xj.t() * A;  // k x n_j
        const arma::vec component = E * e.elem(rows[j]);
        meat += component * component.t();
        if (reference) {
            weights.push_back(M * E);
            projected.push_back(weights.back() * U[j]);
        }
    }
    Covariance result;
    result.matrix = sandwich(M, meat);
    result.n_clusters.emplace_back(cluster.name, rows.size());
    if (reference)
        result.bell_mccaffrey = std::make_shared<const BellMcCaffrey>(std::move(weights), std::move(projected), M_U);
    return result;
}

}  // namespace gvcpanel::estimators::inference
