// Between estimator: the n x k design is collapsed to the N x k matrix of entity means (y too) and
// estimated by OLS (estimators/linear/ols), as plm's "between". Each entity becomes one observation: its
// first frame row, its entity code, and its codes in each cluster variable.
#include "estimators/panel/between.hpp"

#include "estimators/linear/ols.hpp"
#include "estimators/panel/panel_groups.hpp"

namespace gvcpanel::estimators {

Estimate between(models::Design design) {
    const PanelGroups groups = panel_groups(design, "be", TimeUse::optional);
    const arma::uword n_entities = groups.entity_size.n_elem;
    std::vector<arma::uword> first(n_entities, design.nobs());
    for (arma::uword i = design.nobs(); i-- > 0;) first[groups.entity[i]] = i;

    models::Design means = design;
    means.y = group_means(design.y, groups.entity, groups.entity_size);
    means.X = group_means(design.X, groups.entity, groups.entity_size);
    models::Sample& sample = means.sample;
    sample.rows.clear();
    sample.entity.clear();
    sample.period.clear();
    for (auto& cluster : sample.clusters) cluster.codes.clear();
    for (const arma::uword i : first) {
        sample.rows.push_back(design.sample.rows[i]);
        sample.entity.push_back(design.sample.entity[i]);
        for (std::size_t c = 0; c < sample.clusters.size(); ++c)
            sample.clusters[c].codes.push_back(design.sample.clusters[c].codes[i]);
    }
    Estimate estimate = ols(std::move(means));
    estimate.estimator = "be";
    estimate.stats["n_entities"] = n_entities;
    return estimate;
}

}  // namespace gvcpanel::estimators
