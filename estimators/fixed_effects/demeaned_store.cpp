// A fit claims the columns no other fit has demeaned or is demeaning, demeans those together (one
// demean() call, in parallel over columns), keeps them, and then copies the others, waiting for
// the fits still computing them. Each fit computes before it waits, so no two fits wait on each other.
#include "estimators/fixed_effects/demeaned_store.hpp"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <set>

#include "data/error.hpp"

namespace gvcpanel::estimators {

namespace {

// The options that change a column's digits, exactly (the tolerance in hexadecimal).
std::string options_key(const DemeanOptions& options) {
    char text[64];
    std::snprintf(text, sizeof text, "%a/%zu", options.tolerance, options.max_iterations);
    return text;
}

bool all_distinct(const std::vector<std::string>& names) {
    return std::set<std::string>(names.begin(), names.end()).size() == names.size();
}

}  // namespace

DemeanedStore::DemeanedStore(std::size_t byte_budget)
    : columns_(byte_budget, [](const Column& column) { return column.values.size() * sizeof(double); }) {}

DemeanSummary DemeanedStore::demean(const std::string& sample_key, const std::vector<std::string>& names,
                                    const std::vector<double*>& columns, std::size_t n,
                                    const std::vector<models::Grouping>& effects, const arma::vec& weights,
                                    const DemeanOptions& options) {
    // A name twice in one call would wait on its own claim; empty work has no records to keep.
    if (names.size() != columns.size() || !all_distinct(names) || columns.empty() || n == 0)
        return estimators::demean(columns, n, effects, weights, options);
    const std::string prefix = sample_key + '\0' + options_key(options) + '\0';
    std::vector<std::string> keys;
    std::vector<std::optional<decltype(columns_)::Future>> elsewhere;
    std::vector<std::size_t> mine;
    for (std::size_t j = 0; j < columns.size(); ++j) {
        keys.push_back(prefix + names[j]);
        auto found = columns_.find_or_claim(keys.back());
        if (!found.future) mine.push_back(j);
        elsewhere.push_back(std::move(found.future));
    }
    std::vector<ColumnDemeaning> records(columns.size());
    if (!mine.empty()) {
        std::vector<double*> own;
        for (const auto j : mine) own.push_back(columns[j]);
        DemeanSummary summary;
        try {
            summary = estimators::demean(own, n, effects, weights, options);
        } catch (...) {
            for (const auto j : mine) columns_.fail(keys[j], std::current_exception());
            throw;
        }
        for (std::size_t i = 0; i < mine.size(); ++i) {
            const std::size_t j = mine[i];
            records[j] = summary.columns[i];
            columns_.fulfil(keys[j], Column{{columns[j], columns[j] + n}, records[j]});
        }
    }
    for (std::size_t j = 0; j < columns.size(); ++j) {
        if (!elsewhere[j]) continue;
        const auto column = elsewhere[j]->get();
        if (column->values.size() != n)
            throw Error("demeaned store: column '" + names[j] + "' of " + sample_key + " holds " +
                        std::to_string(column->values.size()) + " rows, the fit " + std::to_string(n));
        std::copy(column->values.begin(), column->values.end(), columns[j]);
        records[j] = column->record;
    }
    return summarize(std::move(records), options);
}

DemeanSummary demean_design_columns(DemeanedStore* store, const models::Sample& sample,
                                    const std::vector<std::string>& names, const std::vector<double*>& columns,
                                    std::size_t n, const arma::vec& weights, const DemeanOptions& options) {
    if (store && !sample.shared_key.empty())
        return store->demean(sample.shared_key, names, columns, n, sample.fixed_effects, weights, options);
    return demean(columns, n, sample.fixed_effects, weights, options);
}

}  // namespace gvcpanel::estimators
