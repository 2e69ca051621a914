// Demeaned columns shared among fits on the same sample, fixed effects and weights (the batch
// runner's specifications; models::Sample::shared_key names the sample): each column is demeaned
// once and copied into the other fits. Columns are demeaned each on its own change (estimators/
// demean), so a copy holds the digits the fit would have computed itself, and the summary is the
// one demean() gives for all the fit's columns at once.
#pragma once

#include <armadillo>
#include <cstddef>
#include <string>
#include <vector>

#include "data/shared_cache.hpp"
#include "estimators/fixed_effects/demean.hpp"
#include "models/design.hpp"

namespace gvcpanel::estimators {

class DemeanedStore {
public:
    // Keeps at most `byte_budget` bytes of columns, dropping the least recently used first.
    explicit DemeanedStore(std::size_t byte_budget);

    // demean() of `columns` (named as the design names them: the outcome, the terms) on the sample
    // `sample_key`: the columns the store holds (or another fit is demeaning) are copied, the others
    // demeaned together and kept.
    DemeanSummary demean(const std::string& sample_key, const std::vector<std::string>& names,
                         const std::vector<double*>& columns, std::size_t n,
                         const std::vector<models::Grouping>& effects, const arma::vec& weights,
                         const DemeanOptions& options);

    std::size_t bytes_held() const { return columns_.bytes_held(); }

private:
    struct Column {
        std::vector<double> values;
        ColumnDemeaning record;
    };
    data::SharedCache<std::string, Column> columns_;
};

// Through `store` when there is one and the sample has a shared key, else demean() itself.
DemeanSummary demean_design_columns(DemeanedStore* store, const models::Sample& sample,
                                    const std::vector<std::string>& names, const std::vector<double*>& columns,
                                    std::size_t n, const arma::vec& weights, const DemeanOptions& options);

}  // namespace gvcpanel::estimators
