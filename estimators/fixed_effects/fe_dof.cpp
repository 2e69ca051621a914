// Degrees of freedom of the fixed effects by union-find over the levels of two dimensions at a time
// (near-linear in the number of observations). Three or more dimensions follow reghdfe's default
// "pairwise" adjustment (Correia, reghdfe help, dofadjustments): the first dimension keeps all its
// levels, the second loses one per connected component with the first (exact), each later one loses
// the largest component count it has with any earlier dimension. Dimensions with varying slopes only
// ([[x]]) take no part in this; their slopes, and those of firm[x], count once per level and slope
// unless singular in the level (estimators/fixed_effects/slope_basis), like the columns lm keeps.
#include "estimators/fixed_effects/fe_dof.hpp"

#include <algorithm>
#include <numeric>
#include <sstream>

#include "data/error.hpp"
#include "estimators/fixed_effects/slope_basis.hpp"

namespace gvcpanel::estimators {

namespace {

class UnionFind {
public:
    explicit UnionFind(std::size_t size) : parent_(size) {
        std::iota(parent_.begin(), parent_.end(), std::size_t{0});
    }
    std::size_t find(std::size_t x) {
        while (parent_[x] != x) {
            parent_[x] = parent_[parent_[x]];  // path halving
            x = parent_[x];
        }
        return x;
    }
    void unite(std::size_t a, std::size_t b) {
        a = find(a);
        b = find(b);
        if (a != b) parent_[std::max(a, b)] = std::min(a, b);
    }

private:
    std::vector<std::size_t> parent_;
};

void check_codes(const models::Grouping& g, std::size_t n) {
    if (g.codes.size() != n) {
        std::ostringstream message;
        message << "fixed effect '" << g.name << "' has " << g.codes.size() << " codes, expected "
                << n;
        throw Error(message.str());
    }
    for (std::size_t i = 0; i < n; ++i)
        if (g.codes[i] < 0 || g.codes[i] >= g.levels) {
            std::ostringstream message;
            message << "fixed effect '" << g.name << "': code " << g.codes[i] << " at observation "
                    << i << " is outside 0.." << g.levels - 1;
            throw Error(message.str());
        }
}

std::size_t observed_levels(const models::Grouping& g) {
    std::vector<char> seen(static_cast<std::size_t>(g.levels), 0);
    for (std::int32_t c : g.codes) seen[c] = 1;
    return static_cast<std::size_t>(std::count(seen.begin(), seen.end(), 1));
}

}  // namespace

Components connected_components(const models::Grouping& a, const models::Grouping& b) {
    const std::size_t n = a.codes.size();
    check_codes(a, n);
    check_codes(b, n);
    const auto la = static_cast<std::size_t>(a.levels);
    const auto lb = static_cast<std::size_t>(b.levels);
    // Nodes 0..la-1 are the levels of a, la..la+lb-1 those of b.
    UnionFind sets(la + lb);
    std::vector<char> seen(la + lb, 0);
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t u = static_cast<std::size_t>(a.codes[i]);
        const std::size_t v = la + static_cast<std::size_t>(b.codes[i]);
        seen[u] = seen[v] = 1;
        sets.unite(u, v);
    }
    Components result;
    result.of_a.assign(la, -1);
    result.of_b.assign(lb, -1);
    std::vector<std::int32_t> id(la + lb, -1);
    for (std::size_t node = 0; node < la + lb; ++node) {
        if (!seen[node]) continue;
        const std::size_t root = sets.find(node);
        if (id[root] < 0) id[root] = static_cast<std::int32_t>(result.count++);
        (node < la ? result.of_a[node] : result.of_b[node - la]) = id[root];
    }
    return result;
}

FixedEffectDof fixed_effects_dof(const std::vector<models::Grouping>& effects) {
    FixedEffectDof dof;
    std::size_t with_intercept = 0;
    bool any_slopes = false;
    for (std::size_t q = 0; q < effects.size(); ++q) {
        const models::Grouping& g = effects[q];
        check_codes(g, effects[0].codes.size());
        FixedEffectDof::Dimension d;
        d.name = g.name;
        d.levels = observed_levels(g);
        d.intercept = !g.has_slopes() || g.slopes.with_intercept;
        if (d.intercept) {
            for (std::size_t r = 0; r < q; ++r)
                if (dof.dimensions[r].intercept)
                    d.redundant = std::max(d.redundant, connected_components(effects[r], g).count);
            dof.absorbed += d.levels - d.redundant;
            ++with_intercept;
        }
        if (g.has_slopes()) {
            any_slopes = true;
            const std::size_t singular = slope_basis(g, arma::vec()).singular;
            d.slopes = d.levels * g.slopes.variables.size() - singular;
            dof.absorbed += d.slopes;
        }
        dof.dimensions.push_back(std::move(d));
    }
    dof.exact = with_intercept <= 2 && !(any_slopes && effects.size() > 1);
    return dof;
}

}  // namespace gvcpanel::estimators
