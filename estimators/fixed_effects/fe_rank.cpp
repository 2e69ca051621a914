// D_r' M_b D_r = D_r' D_r - sum_g c_g c_g' / n_g, with c_g the counts of the levels of the other
// dimensions among the n_g observations of level g of the largest dimension b: built in
// O(N Q^2 + sum_g nnz(c_g)^2), then its eigenvalues (a symmetric positive semi-definite matrix of
// at most kMaxDenseLevels rows).
#include "estimators/fixed_effects/fe_rank.hpp"

#include <algorithm>
#include <armadillo>
#include <map>

#include "data/error.hpp"
#include "estimators/fixed_effects/fe_dof.hpp"

namespace gvcpanel::estimators {

namespace {

// Codes renumbered 0..levels-1 over the levels observed, so that no unobserved level takes a row.
std::vector<std::size_t> compact_codes(const models::Grouping& g, std::size_t& levels) {
    std::vector<std::int64_t> index(static_cast<std::size_t>(g.levels), -1);
    std::vector<std::size_t> out(g.codes.size());
    levels = 0;
    for (std::size_t i = 0; i < g.codes.size(); ++i) {
        auto& slot = index[static_cast<std::size_t>(g.codes[i])];
        if (slot < 0) slot = static_cast<std::int64_t>(levels++);
        out[i] = static_cast<std::size_t>(slot);
    }
    return out;
}

}  // namespace

std::size_t fixed_effects_rank(const std::vector<models::Grouping>& effects) {
    for (const auto& g : effects)
        if (g.has_slopes())
            throw Error("--ssc fixef_exact=1: the exact rank is for fixed effects without varying slopes ('" +
                        g.name + "' has slopes)");
    const FixedEffectDof dof = fixed_effects_dof(effects);
    if (effects.size() <= 2) return dof.absorbed;

    std::vector<std::vector<std::size_t>> codes(effects.size());
    std::vector<std::size_t> levels(effects.size());
    for (std::size_t q = 0; q < effects.size(); ++q) codes[q] = compact_codes(effects[q], levels[q]);
    const std::size_t largest =
        static_cast<std::size_t>(std::max_element(levels.begin(), levels.end()) - levels.begin());
    std::vector<std::size_t> offset(effects.size(), 0);
    std::size_t rest = 0;
    for (std::size_t q = 0; q < effects.size(); ++q) {
        if (q == largest) continue;
        offset[q] = rest;
        rest += levels[q];
    }
    if (rest > kMaxDenseLevels)
        throw Error("--ssc fixef_exact=1: the fixed effects other than '" + effects[largest].name + "' have " +
                    std::to_string(rest) + " levels; the exact rank is computed for at most " +
                    std::to_string(kMaxDenseLevels) + " (drop fixef_exact to count them by the default rule)");

    const std::size_t n = codes[0].size();
    arma::mat A(rest, rest, arma::fill::zeros);
    std::vector<std::vector<std::size_t>> members(levels[largest]);
    for (std::size_t i = 0; i < n; ++i) {
        members[codes[largest][i]].push_back(i);
        for (std::size_t p = 0; p < effects.size(); ++p) {
            if (p == largest) continue;
            for (std::size_t q = 0; q < effects.size(); ++q) {
                if (q == largest) continue;
                A(offset[p] + codes[p][i], offset[q] + codes[q][i]) += 1.0;
            }
        }
    }
    for (const auto& rows : members) {
        std::map<std::size_t, double> counts;  // c_g, sparse
        for (std::size_t i : rows)
            for (std::size_t q = 0; q < effects.size(); ++q)
                if (q != largest) counts[offset[q] + codes[q][i]] += 1.0;
        const double size = static_cast<double>(rows.size());
        for (const auto& [a, ca] : counts)
            for (const auto& [b, cb] : counts) A(a, b) -= ca * cb / size;
    }
    const arma::vec values = arma::eig_sym(0.5 * (A + A.t()));
    // The eigenvalues of an exact zero direction are rounding (~1e-13 of the largest); the others
    // are at least of the order 1 / N for count data.
    const double tolerance = 1e-9 * std::max(1.0, values.max());
    return levels[largest] + static_cast<std::size_t>(arma::accu(values > tolerance));
}

}  // namespace gvcpanel::estimators
