#include "reports/coefficient_rows.hpp"

#include <algorithm>
#include <map>

#include "data/error.hpp"
#include "reports/format_number.hpp"

namespace gvcpanel::reports {

namespace {

// The coefficients of one result by renamed term; two terms renamed into one is an Error.
std::map<std::string, const estimators::CoefRow*> by_name(const estimators::Result& result, std::size_t column,
                                                          const TermSelection& selection) {
    std::map<std::string, const estimators::CoefRow*> rows;
    for (const auto& row : result.coef) {
        const auto name = renamed(row.name, selection);
        if (!rows.emplace(name, &row).second)
            throw Error("rename: in model (" + std::to_string(column + 1) + ") two terms would both be shown as '" +
                        name + "'");
    }
    return rows;
}

Cell uncertainty_cell(const estimators::CoefRow& row, const TableOptions& options) {
    const int d = options.digits;
    switch (options.below) {
        case Below::se: return {enclosed('(', fixed(row.se, d), ')'), "", true};
        case Below::t: return {enclosed('(', fixed(row.stat, d), ')'), "", true};
        case Below::p: return {enclosed('(', fixed(row.p, d), ')'), "", true};
        case Below::ci: return {enclosed('[', fixed(row.ci_low, d) + ", " + fixed(row.ci_high, d), ']'), "", true};
        case Below::none: break;
    }
    return {};
}

}  // namespace

std::vector<std::string> term_names(const std::vector<const estimators::Result*>& results,
                                    const TermSelection& selection) {
    std::vector<std::string> names;
    for (const auto* result : results)
        for (const auto& row : result->coef) {
            const auto name = renamed(row.name, selection);
            if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
        }
    return names;
}

std::string term_label(const std::string& name, const Labels& labels) {
    return label_or(labels, name, name == "(Intercept)" ? "Constant" : name);
}

Block coefficient_rows(const std::vector<const estimators::Result*>& results, const std::vector<std::string>& terms,
                       std::size_t columns, const TableOptions& options) {
    std::vector<std::map<std::string, const estimators::CoefRow*>> lookup;
    for (std::size_t c = 0; c < results.size(); ++c) lookup.push_back(by_name(*results[c], c, options.terms));
    Block block;
    for (const auto& term : terms) {
        Row estimate{RowKind::estimate, term_label(term, options.labels), std::vector<Cell>(columns)};
        Row below{RowKind::uncertainty, "", std::vector<Cell>(columns)};
        for (std::size_t c = 0; c < lookup.size(); ++c) {
            const auto it = lookup[c].find(term);
            if (it == lookup[c].end() || std::isnan(it->second->estimate)) continue;
            const auto& row = *it->second;
            estimate.cells[c] = {fixed(row.estimate, options.digits), options.stars.symbol(row.p), true};
            below.cells[c] = uncertainty_cell(row, options);
        }
        block.push_back(std::move(estimate));
        if (options.below != Below::none) block.push_back(std::move(below));
    }
    return block;
}

}  // namespace gvcpanel::reports
