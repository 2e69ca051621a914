#include "estimators/inference/small_sample.hpp"

#include <algorithm>
#include <cmath>

#include "estimators/fixed_effects/fe_dof.hpp"
#include "estimators/fixed_effects/fe_rank.hpp"

namespace gvcpanel::estimators::inference {

bool nested_in(const models::Grouping& effect, const models::Grouping& cluster) {
    std::vector<std::int32_t> cluster_of(static_cast<std::size_t>(effect.levels), -1);
    for (std::size_t i = 0; i < effect.codes.size(); ++i) {
        auto& seen = cluster_of[static_cast<std::size_t>(effect.codes[i])];
        if (seen < 0)
            seen = cluster.codes[i];
        else if (seen != cluster.codes[i])
            return false;
    }
    return true;
}

std::size_t absorbed_df(const Estimate& estimate, const Ssc& ssc) {
    const auto& effects = estimate.sample.fixed_effects;
    if (effects.empty()) return estimate.df_fe;
    if (ssc.fixef_exact) return fixed_effects_rank(effects);
    if (ssc.rules != SscRules::fixest) return estimate.df_fe;
    // fixest 0.12 (vcov.fixest, fixef.force_exact = FALSE): every level of every dimension, one
    // reference per dimension after the first; slopes as the estimate counts them.
    const FixedEffectDof dof = fixed_effects_dof(effects);
    std::size_t count = 0, dimensions = 0;
    for (const auto& d : dof.dimensions) {
        count += d.slopes;
        if (!d.intercept) continue;
        count += d.levels;
        ++dimensions;
    }
    return dimensions > 0 ? count - (dimensions - 1) : count;
}

std::size_t k_star(const Estimate& estimate, const Ssc& ssc,
                   const std::vector<const models::Grouping*>& clusters) {
    const std::size_t k = estimate.k() + estimate.k_partialled;
    if (ssc.fixef == FixefCount::none) return k;
    const std::size_t df_fe = absorbed_df(estimate, ssc);
    if (ssc.fixef == FixefCount::full || clusters.empty() || estimate.sample.fixed_effects.empty())
        return k + df_fe;
    // fixest's fixef.K = "nested": a fixed effect nested in a cluster variable adds nothing beyond
    // the intercept it absorbs (Stata xtreg fe, vce(cluster)). Varying slopes count in full, one
    // per level and slope, nested or not (fixest 0.12's vcov.fixest).
    std::size_t own = 1;
    bool any_nested = false;
    for (const auto& effect : estimate.sample.fixed_effects) {
        const bool nested = std::any_of(clusters.begin(), clusters.end(), [&](const models::Grouping* c) {
            return nested_in(effect, *c);
        });
        const auto levels = static_cast<std::size_t>(effect.levels);
        own += levels * effect.slopes.variables.size();
        if (nested)
            any_nested = true;
        else if (!effect.has_slopes() || effect.slopes.with_intercept)
            own += levels - 1;
    }
    if (!any_nested) return k + df_fe;
    return k + std::min(own, df_fe);
}

bool use_adj(const Estimate& estimate, const Ssc& ssc) {
    return ssc.adj.value_or(estimate.kind == ModelKind::linear ||
                            (ssc.rules == SscRules::fixest && estimate.kind == ModelKind::likelihood));
}

bool use_cluster_adj(const Estimate& estimate, const Ssc& ssc) {
    return ssc.cluster_adj.value_or(estimate.kind != ModelKind::gmm);
}

double residual_df(const Estimate& estimate, const Ssc& ssc) {
    if (estimate.kind != ModelKind::linear) return std::nan("");
    return static_cast<double>(estimate.nobs) - static_cast<double>(estimate.k() + estimate.k_partialled) -
           static_cast<double>(absorbed_df(estimate, ssc));
}

}  // namespace gvcpanel::estimators::inference
