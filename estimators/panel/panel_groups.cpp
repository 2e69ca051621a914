// Compact entity and period codes of a panel design, and group means by one pass over the rows.
#include "estimators/panel/panel_groups.hpp"

#include <algorithm>

#include "data/error.hpp"
#include "estimators/panel/two_way_unbalanced.hpp"

namespace gvcpanel::estimators {

namespace {

// Codes 0..G-1 in the order of the original codes; `sizes` receives the group sizes.
std::vector<arma::uword> compact(const std::vector<std::int32_t>& codes, arma::vec& sizes) {
    std::vector<std::int32_t> levels = codes;
    std::sort(levels.begin(), levels.end());
    levels.erase(std::unique(levels.begin(), levels.end()), levels.end());
    std::vector<arma::uword> out(codes.size());
    sizes.zeros(levels.size());
    for (std::size_t i = 0; i < codes.size(); ++i) {
        out[i] = static_cast<arma::uword>(std::lower_bound(levels.begin(), levels.end(), codes[i]) -
                                          levels.begin());
        sizes(out[i]) += 1.0;
    }
    return out;
}

// The position of each observation within its entity, in the order of the observations.
std::vector<std::int32_t> positions_within(const std::vector<std::int32_t>& entity) {
    std::vector<std::int32_t> seen(entity.empty() ? 0 : *std::max_element(entity.begin(), entity.end()) + 1, 0);
    std::vector<std::int32_t> out(entity.size());
    for (std::size_t i = 0; i < entity.size(); ++i) out[i] = seen[static_cast<std::size_t>(entity[i])]++;
    return out;
}

}  // namespace

TimeUse time_use(PanelEffect effect) {
    return effect == PanelEffect::individual ? TimeUse::optional : TimeUse::required;
}

PanelGroups panel_groups(const models::Design& design, const std::string& estimator, TimeUse time) {
    const auto& sample = design.sample;
    const bool has_time = !sample.period.empty();
    if (sample.entity.empty())
        throw Error("--estimator " + estimator + " needs the panel structure: give --panel ID,TIME" +
                    (time == TimeUse::optional ? " (or --panel ID for groups without time)" : ""));
    if (!has_time && time == TimeUse::required)
        throw Error("--estimator " + estimator + " needs the panel's time: give --panel ID,TIME (--panel ID " +
                    "alone suits one-way individual effects only)");
    if (sample.entity.size() != design.nobs() || (has_time && sample.period.size() != design.nobs()))
        throw Error(estimator + ": " + std::to_string(sample.entity.size()) + " entity and " +
                    std::to_string(sample.period.size()) + " period codes for " +
                    std::to_string(design.nobs()) + " observations");
    if (!design.weights.is_empty()) throw Error("--estimator " + estimator + " does not take weights");
    if (!sample.fixed_effects.empty())
        throw Error("--estimator " + estimator + ": the model '" + design.formula +
                    "' has a fixed-effects part; write the panel structure with --panel instead");
    if (!design.endogenous.empty())
        throw Error("--estimator " + estimator + ": the model '" + design.formula + "' has an IV part");
    PanelGroups groups;
    groups.entity = compact(sample.entity, groups.entity_size);
    groups.period = compact(has_time ? sample.period : positions_within(sample.entity), groups.period_size);
    groups.has_time = has_time;
    groups.balanced = static_cast<double>(design.nobs()) ==
                      static_cast<double>(groups.entity_size.n_elem) *
                          static_cast<double>(groups.period_size.n_elem);
    return groups;
}

arma::mat group_means(const arma::mat& M, const std::vector<arma::uword>& codes, const arma::vec& sizes) {
    arma::mat sums(sizes.n_elem, M.n_cols, arma::fill::zeros);
    for (arma::uword j = 0; j < M.n_cols; ++j) {
        const double* column = M.colptr(j);
        double* out = sums.colptr(j);
        for (arma::uword i = 0; i < M.n_rows; ++i) out[codes[i]] += column[i];
    }
    sums.each_col() /= sizes;
    return sums;
}

arma::mat expand(const arma::mat& means, const std::vector<arma::uword>& codes) {
    arma::mat out(codes.size(), means.n_cols);
    for (arma::uword j = 0; j < means.n_cols; ++j) {
        const double* column = means.colptr(j);
        double* target = out.colptr(j);
        for (std::size_t i = 0; i < codes.size(); ++i) target[i] = column[codes[i]];
    }
    return out;
}

arma::mat within_transform(const arma::mat& M, const PanelGroups& groups, PanelEffect effect) {
    const auto between = [&](const std::vector<arma::uword>& codes, const arma::vec& sizes) {
        return expand(group_means(M, codes, sizes), codes);
    };
    if (effect == PanelEffect::individual) return M - between(groups.entity, groups.entity_size);
    if (effect == PanelEffect::time) return M - between(groups.period, groups.period_size);
    if (!groups.balanced) return two_way_within(M, groups);
    arma::mat out = M - between(groups.entity, groups.entity_size) - between(groups.period, groups.period_size);
    out.each_row() += arma::mean(M, 0);
    return out;
}

}  // namespace gvcpanel::estimators
