#include "reports/describe_tables.hpp"

#include <string>

#include "reports/format_number.hpp"

namespace gvcpanel::reports {

namespace {

Cell number_cell(double value, int digits) { return {fixed(value, digits), "", true}; }

Row heading(RowKind kind, const std::vector<std::string>& titles) {
    Row row{kind, "", {}};
    for (const auto& title : titles) row.cells.push_back({title, "", false});
    return row;
}

}  // namespace

Layout summary_statistics_table(const std::vector<data::VariableSummary>& variables, int digits) {
    Layout layout;
    layout.columns = 5;
    layout.header.push_back(heading(RowKind::title, {"N", "Mean", "SD", "Min", "Max"}));
    Block rows;
    for (const auto& v : variables)
        rows.push_back({RowKind::statistic,
                        v.name,
                        {{whole(static_cast<double>(v.n)), "", false},
                         number_cell(v.mean, digits),
                         number_cell(v.sd, digits),
                         number_cell(v.min, digits),
                         number_cell(v.max, digits)}});
    layout.panels.push_back({"", {rows}});
    layout.notes.push_back("Over the panel's observations where the variable is observed; SD with n - 1 in the denominator.");
    return layout;
}

Layout correlation_table(const data::Correlations& correlations, int digits, const Stars& stars) {
    const std::size_t k = correlations.names.size();
    Layout layout;
    layout.columns = k;
    std::vector<std::string> numbers;
    for (std::size_t j = 0; j < k; ++j) numbers.push_back("(" + std::to_string(j + 1) + ")");
    layout.header.push_back(heading(RowKind::number, numbers));
    Block rows;
    for (std::size_t i = 0; i < k; ++i) {
        Row row{RowKind::statistic, numbers[i] + " " + correlations.names[i], std::vector<Cell>(k)};
        for (std::size_t j = 0; j <= i; ++j) {
            row.cells[j] = number_cell(i == j ? 1.0 : correlations.at(i, j), digits);
            if (i != j) row.cells[j].stars = stars.symbol(correlations.p_at(i, j));
        }
        rows.push_back(std::move(row));
    }
    layout.panels.push_back({"", {rows}});
    layout.notes.push_back("Pearson correlations, each over the observations where both variables are observed.");
    if (const auto legend = stars.legend(); !legend.empty()) layout.notes.push_back(legend);
    return layout;
}

}  // namespace gvcpanel::reports
