// Distinct values by a direct table when their range is small (integer codes, years, ids), else by
// sorting the distinct values once and a binary search per row: O(n) or O(n log L), never a hash
// of strings per row.
#include "models/levels.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

#include "data/error.hpp"

namespace gvcpanel::models {

namespace {

// A lookup table indexed by value is used when it is at most this many times the row count.
constexpr std::int64_t kTableFactor = 4;
constexpr std::int64_t kTableSlack = 1 << 16;

bool small_range(std::uint64_t range, std::size_t rows) {
    return range <= static_cast<std::uint64_t>(kTableFactor * static_cast<std::int64_t>(rows) + kTableSlack);
}

// Codes for 64-bit keys (kMissingKey where missing): present keys in ascending order.
constexpr std::int64_t kMissingKey = std::numeric_limits<std::int64_t>::min();

std::vector<std::int64_t> code_keys(const std::vector<std::int64_t>& keys, std::vector<std::int32_t>& codes) {
    std::int64_t lo = std::numeric_limits<std::int64_t>::max(), hi = std::numeric_limits<std::int64_t>::min();
    for (const auto k : keys)
        if (k != kMissingKey) { lo = std::min(lo, k); hi = std::max(hi, k); }
    codes.assign(keys.size(), data::kMissingCode);
    std::vector<std::int64_t> present;
    if (lo > hi) return present;
    const auto range = static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo);
    if (small_range(range, keys.size())) {
        std::vector<std::int32_t> table(static_cast<std::size_t>(range + 1), -1);
        for (const auto k : keys)
            if (k != kMissingKey) table[static_cast<std::size_t>(static_cast<std::uint64_t>(k) - static_cast<std::uint64_t>(lo))] = 0;
        std::int32_t next = 0;
        for (std::size_t v = 0; v < table.size(); ++v)
            if (table[v] == 0) {
                table[v] = next++;
                present.push_back(lo + static_cast<std::int64_t>(v));
            }
        for (std::size_t i = 0; i < keys.size(); ++i)
            if (keys[i] != kMissingKey) codes[i] = table[static_cast<std::size_t>(static_cast<std::uint64_t>(keys[i]) - static_cast<std::uint64_t>(lo))];
        return present;
    }
    for (const auto k : keys)
        if (k != kMissingKey) present.push_back(k);
    std::sort(present.begin(), present.end());
    present.erase(std::unique(present.begin(), present.end()), present.end());
    for (std::size_t i = 0; i < keys.size(); ++i)
        if (keys[i] != kMissingKey)
            codes[i] = static_cast<std::int32_t>(std::lower_bound(present.begin(), present.end(), keys[i]) -
                                                 present.begin());
    return present;
}

Levels integer_levels(const data::Column& column) {
    Levels out;
    const auto present = code_keys(column.integers, out.codes);
    for (const auto v : present) out.names.push_back(std::to_string(v));
    return out;
}

// Beyond 2^53 a double no longer holds every whole number: ids read as numbers there may have
// merged, so they are refused rather than grouped.
constexpr double kLargestExactInteger = 9007199254740992.0;

Levels numeric_levels(const data::Column& column) {
    Levels out;
    const auto& x = column.numbers;
    std::vector<double> present;
    for (const double v : x) {
        if (std::abs(v) > kLargestExactInteger)
            throw Error("column '" + column.name + "' is used as a category (an id, a fixed effect, a cluster or a "
                        "factor) but holds " + level_name(v) + ", beyond 2^53, where numbers lose digits and "
                        "distinct ids merge; read it as text (--text " + column.name + ") so that every digit is kept");
        if (!std::isnan(v)) present.push_back(v == 0 ? 0.0 : v);
    }
    std::sort(present.begin(), present.end());
    present.erase(std::unique(present.begin(), present.end()), present.end());
    out.codes.assign(x.size(), data::kMissingCode);
    for (std::size_t i = 0; i < x.size(); ++i)
        if (!std::isnan(x[i]))
            out.codes[i] = static_cast<std::int32_t>(
                std::lower_bound(present.begin(), present.end(), x[i] == 0 ? 0.0 : x[i]) - present.begin());
    for (const double v : present) out.names.push_back(level_name(v));
    return out;
}

Levels categorical_levels(const data::Column& column) {
    std::vector<std::int32_t> order(column.levels.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<std::int32_t>(i);
    std::sort(order.begin(), order.end(),
              [&](std::int32_t a, std::int32_t b) { return column.levels[a] < column.levels[b]; });
    std::vector<std::int32_t> rank(order.size());
    Levels out;
    for (std::size_t r = 0; r < order.size(); ++r) {
        rank[order[r]] = static_cast<std::int32_t>(r);
        out.names.push_back(column.levels[order[r]]);
    }
    out.codes.resize(column.codes.size());
    for (std::size_t i = 0; i < column.codes.size(); ++i) {
        const std::int32_t c = column.codes[i];
        out.codes[i] = c == data::kMissingCode ? data::kMissingCode : rank[c];
    }
    return out;
}

}  // namespace

std::string level_name(double value) {
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, result.ptr);
}

Levels sorted_levels(const data::Column& column) {
    switch (column.type) {
        case data::ColumnType::integer: return integer_levels(column);
        case data::ColumnType::numeric: return numeric_levels(column);
        case data::ColumnType::categorical: return categorical_levels(column);
    }
    return {};
}

Levels combine(const Levels& a, const Levels& b) {
    const auto width = static_cast<std::int64_t>(std::max<std::size_t>(b.names.size(), 1));
    std::vector<std::int64_t> keys(a.codes.size(), kMissingKey);
    for (std::size_t i = 0; i < keys.size(); ++i)
        if (a.codes[i] != data::kMissingCode && b.codes[i] != data::kMissingCode)
            keys[i] = a.codes[i] * width + b.codes[i];
    Levels out;
    const auto present = code_keys(keys, out.codes);
    if (present.size() > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()))
        throw Error("too many combinations of levels");
    for (const auto key : present)
        out.names.push_back(a.names[static_cast<std::size_t>(key / width)] + "^" +
                            b.names[static_cast<std::size_t>(key % width)]);
    return out;
}

Grouping grouping_on(const Levels& levels, const std::vector<std::size_t>& rows, std::string name) {
    std::vector<std::int32_t> renumber(levels.names.size(), -1);
    for (const auto row : rows) renumber[static_cast<std::size_t>(levels.codes[row])] = 0;
    Grouping out;
    out.name = std::move(name);
    for (std::size_t code = 0; code < renumber.size(); ++code)
        if (renumber[code] == 0) {
            renumber[code] = out.levels++;
            out.level_names.push_back(levels.names[code]);
        }
    out.codes.resize(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i)
        out.codes[i] = renumber[static_cast<std::size_t>(levels.codes[rows[i]])];
    return out;
}

}  // namespace gvcpanel::models
