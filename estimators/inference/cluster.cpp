// Cluster-robust covariance: bread (sum_g S_g S_g') bread with S_g the sum of the scores of cluster
// g (Liang and Zeger 1986; Arellano 1987). Multi-way clustering by inclusion-exclusion over the
// intersections of the cluster variables (Cameron, Gelbach and Miller 2011, eq. 2.7): each term
// scaled by G/(G-1) with G the smallest G (fixest) or its own G_S (cluster_df=conventional, as
// sandwich's multi0 = FALSE), all by (N-1)/(N-K*); a result that is not positive semi-definite has
// its negative eigenvalues set to zero (CGM section 2.3) unless vcov_fix=0 (plm's vcovDC, sandwich).
#include <algorithm>
#include <cstdint>

#include "data/error.hpp"
#include "estimators/inference/covariance_types.hpp"
#include "estimators/inference/intersect_groupings.hpp"
#include "estimators/inference/small_sample.hpp"

namespace gvcpanel::estimators::inference {

namespace {

// sum_g S_g S_g' with S_g the sum of the rows of `scores` in cluster g.
arma::mat cluster_meat(const arma::mat& scores, const std::vector<std::int32_t>& codes, std::size_t levels) {
    arma::mat sums(levels, scores.n_cols, arma::fill::zeros);
    for (arma::uword i = 0; i < scores.n_rows; ++i) sums.row(static_cast<arma::uword>(codes[i])) += scores.row(i);
    return sums.t() * sums;
}

// The levels present; throws on a code outside 0..levels-1 (the codes index tables below).
std::size_t count_levels(const models::Grouping& g) {
    std::vector<char> seen(static_cast<std::size_t>(std::max<std::int32_t>(g.levels, 0)), 0);
    std::size_t count = 0;
    for (auto c : g.codes) {
        if (c < 0 || c >= g.levels)
            throw Error("cluster variable '" + g.name + "' has the code " + std::to_string(c) + ", outside 0.." +
                        std::to_string(g.levels - 1));
        if (seen[static_cast<std::size_t>(c)]) continue;
        seen[static_cast<std::size_t>(c)] = 1;
        ++count;
    }
    return count;
}

}  // namespace

Covariance cluster_covariance(const Estimate& estimate, const std::vector<const models::Grouping*>& clusters,
                              const Ssc& ssc) {
    const arma::mat& s = estimate.scores;
    if (s.n_cols != estimate.k() || s.n_rows == 0)
        throw Error("cluster covariance: estimator '" + estimate.estimator +
                    "' supplied no per-observation scores (n x k)");
    Covariance result;
    std::size_t g_min = 0;
    for (const auto* c : clusters) {
        if (c->codes.size() != s.n_rows)
            throw Error("cluster variable '" + c->name + "' has " + std::to_string(c->codes.size()) +
                        " codes for " + std::to_string(s.n_rows) + " observations");
        const std::size_t g = count_levels(*c);
        if (g < 2) throw Error("cluster variable '" + c->name + "' has a single cluster; a cluster covariance needs at least 2");
        result.n_clusters.emplace_back(c->name, g);
        g_min = g_min == 0 ? g : std::min(g_min, g);
    }
    const bool g_factor = use_cluster_adj(estimate, ssc);
    arma::mat meat(s.n_cols, s.n_cols, arma::fill::zeros);
    const std::size_t ways = clusters.size();
    for (std::uint32_t subset = 1; subset < (1u << ways); ++subset) {
        std::vector<const models::Grouping*> members;
        for (std::size_t j = 0; j < ways; ++j)
            if (subset & (1u << j)) members.push_back(clusters[j]);
        std::size_t levels = 0;
        const auto codes = intersect(members, levels);
        const double g = static_cast<double>(ssc.cluster_df == DfRule::min ? g_min : levels);
        const double factor = g_factor ? g / (g - 1.0) : 1.0;
        const double sign = members.size() % 2 == 1 ? 1.0 : -1.0;
        meat += sign * factor * cluster_meat(s, codes, levels);
    }
    result.matrix = sandwich(estimate.bread, meat);
    if (use_adj(estimate, ssc)) {
        const double n = static_cast<double>(estimate.nobs);
        const double k = static_cast<double>(k_star(estimate, ssc, clusters));
        result.matrix *= (n - 1.0) / (n - k);
    }
    if (ways > 1 && ssc.vcov_fix) {
        arma::vec values;
        arma::mat vectors;
        arma::eig_sym(values, vectors, result.matrix);
        const arma::uword negative = arma::accu(values < 0.0);
        if (negative > 0) {
            values.elem(arma::find(values < 0.0)).zeros();
            result.matrix = vectors * arma::diagmat(values) * vectors.t();
            result.notes.push_back("the multi-way cluster covariance was not positive semi-definite: " +
                                   std::to_string(negative) +
                                   " negative eigenvalue(s) set to zero (Cameron, Gelbach and Miller 2011)");
        }
    }
    return result;
}

}  // namespace gvcpanel::estimators::inference
