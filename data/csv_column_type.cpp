#include "data/csv_column_type.hpp"

#include <array>
#include <limits>
#include <vector>

#include "data/csv_chunk.hpp"

namespace gvcpanel::data::csv {

namespace {

std::size_t index(TextKind kind) { return static_cast<std::size_t>(kind); }

Column numbers_of(Column column, const std::vector<TextKind>& kinds, const TextColumnRule& rule, bool whole) {
    const auto& levels = column.levels;
    if (whole) {
        std::vector<std::int64_t> level_values(levels.size());
        for (std::size_t l = 0; l < levels.size(); ++l)
            level_values[l] = static_cast<std::int64_t>(number_value(levels[l], rule.decimal));
        std::vector<std::int64_t> values(column.codes.size(), kMissingInteger);
        for (std::size_t r = 0; r < values.size(); ++r)
            if (column.codes[r] != kMissingCode) values[r] = level_values[static_cast<std::size_t>(column.codes[r])];
        return Column::integer(column.name, std::move(values));
    }
    std::vector<double> level_values(levels.size()), level_residues(levels.size());
    for (std::size_t l = 0; l < levels.size(); ++l)
        if (kinds[l] != TextKind::text)
            level_values[l] = number_value(levels[l], rule.decimal, &level_residues[l]);
    std::vector<double> values(column.codes.size(), std::numeric_limits<double>::quiet_NaN());
    std::vector<double> residues(rule.residues ? column.codes.size() : 0, 0.0);
    for (std::size_t r = 0; r < values.size(); ++r) {
        const auto code = column.codes[r];
        if (code == kMissingCode) continue;
        values[r] = level_values[static_cast<std::size_t>(code)];
        if (rule.residues) residues[r] = level_residues[static_cast<std::size_t>(code)];
    }
    Column out = Column::numeric(column.name, std::move(values));
    out.residues = std::move(residues);
    return out;
}

}  // namespace

Column type_text_column(Column column, const TextColumnRule& rule, MixedColumn& mixed) {
    std::vector<TextKind> kinds(column.levels.size());
    for (std::size_t l = 0; l < kinds.size(); ++l) kinds[l] = classify(column.levels[l], rule.decimal);
    std::array<std::size_t, 5> cells{};
    for (const auto code : column.codes)
        if (code != kMissingCode) ++cells[index(kinds[static_cast<std::size_t>(code)])];
    const std::size_t numbers =
        cells[index(TextKind::integer)] + cells[index(TextKind::wide_integer)] + cells[index(TextKind::real)];
    const std::size_t number_like = cells[index(TextKind::number_like)], text = cells[index(TextKind::text)];
    if (numbers > 0 && number_like + text == 0) {
        if (cells[index(TextKind::real)] > 0) return numbers_of(std::move(column), kinds, rule, false);
        if (cells[index(TextKind::wide_integer)] == 0) return numbers_of(std::move(column), kinds, rule, true);
        return column;  // whole numbers wider than int64: text keeps every digit
    }
    if (rule.category || numbers + number_like <= text) return column;
    mixed.not_numbers = number_like + text;
    mixed.cells = numbers + number_like + text;
    mixed.decimal_commas = number_like > 0;
    return column;
}

}  // namespace gvcpanel::data::csv
