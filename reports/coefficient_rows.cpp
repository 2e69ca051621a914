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
    if (const auto it = labels.find(name); it != labels.end()) return it->second;
    if (name == "(Intercept)") return "Constant";
    // A factor level "var::level" and an interaction "a:b" are labelled through their parts.
    if (const auto level = name.find("::"); level != std::string::npos) {
        const auto it = labels.find(name.substr(0, level));
        return it == labels.end() ? name : it->second + " = " + name.substr(level + 2);
    }
    if (const auto colon = name.find(':'); colon != std::string::npos) {
        const std::string left = name.substr(0, colon), right = name.substr(colon + 1);
        const std::string a = term_label(left, labels), b = term_label(right, labels);
        if (a != left || b != right) return a + " × " + b;
    }
    return name;
}

Block ancillary_rows(const std::vector<const estimators::Result*>& results, std::size_t columns,
                     const TableOptions& options) {
    std::vector<std::string> names;
    for (const auto* result : results)
        for (const auto& a : result->ancillary)
            if (std::find(names.begin(), names.end(), a.name) == names.end()) names.push_back(a.name);
    Block block;
    for (const auto& name : names) {
        Row estimate{RowKind::estimate, label_or(options.labels, name, name), std::vector<Cell>(columns)};
        Row below{RowKind::uncertainty, "", std::vector<Cell>(columns)};
        for (std::size_t c = 0; c < results.size(); ++c)
            for (const auto& a : results[c]->ancillary) {
                if (a.name != name) continue;
                estimate.cells[c] = {fixed(a.estimate, options.digits), "", true};
                if (std::isfinite(a.se)) below.cells[c] = {enclosed('(', fixed(a.se, options.digits), ')'), "", true};
            }
        block.push_back(std::move(estimate));
        if (options.below != Below::none) block.push_back(std::move(below));
    }
    return block;
}

Block margin_rows(const std::vector<const estimators::Result*>& results, std::size_t columns,
                  const TableOptions& options) {
    std::vector<std::string> names;
    for (const auto* result : results)
        for (const auto& m : result->margins)
            if (std::find(names.begin(), names.end(), m.name) == names.end()) names.push_back(m.name);
    constexpr double kNormal975 = 1.959963984540054;  // the 97.5% quantile of the standard normal
    const int d = options.digits;
    Block block;
    for (const auto& name : names) {
        Row estimate{RowKind::estimate, term_label(name, options.labels) + " (dy/dx)", std::vector<Cell>(columns)};
        Row below{RowKind::uncertainty, "", std::vector<Cell>(columns)};
        for (std::size_t c = 0; c < results.size(); ++c)
            for (const auto& m : results[c]->margins) {
                if (m.name != name) continue;
                estimate.cells[c] = {fixed(m.effect, d), options.stars.symbol(m.p), true};
                switch (options.below) {
                    case Below::se: below.cells[c] = {enclosed('(', fixed(m.se, d), ')'), "", true}; break;
                    case Below::t: below.cells[c] = {enclosed('(', fixed(m.z, d), ')'), "", true}; break;
                    case Below::p: below.cells[c] = {enclosed('(', fixed(m.p, d), ')'), "", true}; break;
                    case Below::ci:
                        below.cells[c] = {enclosed('[', fixed(m.effect - kNormal975 * m.se, d) + ", " +
                                                            fixed(m.effect + kNormal975 * m.se, d), ']'),
                                          "", true};
                        break;
                    case Below::none: break;
                }
            }
        block.push_back(std::move(estimate));
        if (options.below != Below::none) block.push_back(std::move(below));
    }
    return block;
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
