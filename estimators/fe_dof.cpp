// Degrees of freedom of the fixed effects by union-find over the levels of two dimensions at a time
// (near-linear in the number of observations). Three or more dimensions follow reghdfe's default
// "pairwise" adjustment (Correia, reghdfe help, dofadjustments): the first dimension keeps all its
// levels, the second loses one per connected component with the first (exact), each later one loses
// the largest component count it has with any earlier dimension.
#include "estimators/fe_dof.hpp"

#include <algorithm>
#include <numeric>
#include <sstream>

#include "data/error.hpp"

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
    dof.exact = effects.size() <= 2;
    for (std::size_t q = 0; q < effects.size(); ++q) {
        check_codes(effects[q], effects[0].codes.size());
        FixedEffectDof::Dimension d;
        d.name = effects[q].name;
        d.levels = observed_levels(effects[q]);
        for (std::size_t r = 0; r < q; ++r)
            d.redundant = std::max(d.redundant, connected_components(effects[r], effects[q]).count);
        dof.absorbed += d.levels - d.redundant;
        dof.dimensions.push_back(std::move(d));
    }
    return dof;
}

}  // namespace gvcpanel::estimators
