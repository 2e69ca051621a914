// Builds the panel index in linear time for the usual panels: entity and time values are coded to
// dense integers (a presence table over the value range, or a sort of the distinct values when the
// range is wide), and rows are ordered by two stable counting sorts (by period, then by entity), so
// 10^7 rows need no per-row strings and no comparison sort.
#include "data/panel_index.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <numeric>
#include <optional>

#include "data/error.hpp"
#include "data/time_periods.hpp"

namespace gvcpanel::data {

namespace {

// Values up to 2^53 are exact in a double; larger ones are not read as integers.
constexpr double kLargestExactInteger = 9007199254740992.0;

struct Coding {
    std::vector<std::int32_t> codes;  // per frame row; kMissingCode outside the panel
    std::vector<std::string> labels;  // per code
};

std::string shortest_text(double value) {
    char buffer[32];
    const auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
    return std::string(buffer, end);
}

bool integer_valued(const Column& column, const std::vector<char>& present) {
    if (column.type == ColumnType::integer) return true;
    if (column.type != ColumnType::numeric) return false;
    for (std::size_t row = 0; row < column.numbers.size(); ++row) {
        const double v = column.numbers[row];
        if (present[row] && (std::abs(v) > kLargestExactInteger || v != std::floor(v)))
            return false;
    }
    return true;
}

std::int64_t integer_at(const Column& column, std::size_t row) {
    return column.type == ColumnType::integer ? column.integers[row]
                                              : static_cast<std::int64_t>(column.numbers[row]);
}

std::pair<std::int64_t, std::int64_t> integer_range(const Column& column,
                                                    const std::vector<char>& present) {
    std::int64_t lo = std::numeric_limits<std::int64_t>::max();
    std::int64_t hi = std::numeric_limits<std::int64_t>::min();
    for (std::size_t row = 0; row < present.size(); ++row) {
        if (!present[row]) continue;
        const auto v = integer_at(column, row);
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    return {lo, hi};
}

// Codes = rank among the distinct values, by a sort of the distinct values.
template <typename T, typename ValueAt, typename Label>
Coding rank_by_sort(const std::vector<char>& present, ValueAt value_at, Label label) {
    std::vector<T> distinct;
    for (std::size_t row = 0; row < present.size(); ++row)
        if (present[row]) distinct.push_back(value_at(row));
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    Coding coding;
    coding.codes.assign(present.size(), kMissingCode);
    for (std::size_t row = 0; row < present.size(); ++row)
        if (present[row])
            coding.codes[row] = static_cast<std::int32_t>(
                std::lower_bound(distinct.begin(), distinct.end(), value_at(row)) -
                distinct.begin());
    coding.labels.reserve(distinct.size());
    for (const auto& v : distinct) coding.labels.push_back(label(v));
    return coding;
}

Coding rank_integers(const Column& column, const std::vector<char>& present) {
    const auto [lo, hi] = integer_range(column, present);
    if (lo > hi) return {std::vector<std::int32_t>(present.size(), kMissingCode), {}};
    const auto span = static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo);
    const auto to_text = [](std::int64_t v) { return std::to_string(v); };
    if (span > 2 * static_cast<std::uint64_t>(present.size()) + 1024)
        return rank_by_sort<std::int64_t>(
            present, [&](std::size_t row) { return integer_at(column, row); }, to_text);
    // A presence table over the value range, ranked by a running count.
    std::vector<std::int32_t> rank(span + 1, kMissingCode);
    for (std::size_t row = 0; row < present.size(); ++row)
        if (present[row]) rank[static_cast<std::size_t>(integer_at(column, row) - lo)] = 0;
    Coding coding;
    for (std::size_t offset = 0; offset < rank.size(); ++offset) {
        if (rank[offset] == kMissingCode) continue;
        rank[offset] = static_cast<std::int32_t>(coding.labels.size());
        coding.labels.push_back(to_text(lo + static_cast<std::int64_t>(offset)));
    }
    coding.codes.assign(present.size(), kMissingCode);
    for (std::size_t row = 0; row < present.size(); ++row)
        if (present[row])
            coding.codes[row] = rank[static_cast<std::size_t>(integer_at(column, row) - lo)];
    return coding;
}

Coding rank_levels(const Column& column, const std::vector<char>& present) {
    std::vector<char> used(column.levels.size(), 0);
    for (std::size_t row = 0; row < present.size(); ++row)
        if (present[row]) used[static_cast<std::size_t>(column.codes[row])] = 1;
    std::vector<std::size_t> levels;
    for (std::size_t level = 0; level < used.size(); ++level)
        if (used[level]) levels.push_back(level);
    std::sort(levels.begin(), levels.end(),
              [&](std::size_t a, std::size_t b) { return column.levels[a] < column.levels[b]; });
    std::vector<std::int32_t> rank(column.levels.size(), kMissingCode);
    Coding coding;
    for (std::size_t i = 0; i < levels.size(); ++i) {
        rank[levels[i]] = static_cast<std::int32_t>(i);
        coding.labels.push_back(column.levels[levels[i]]);
    }
    coding.codes.assign(present.size(), kMissingCode);
    for (std::size_t row = 0; row < present.size(); ++row)
        if (present[row]) coding.codes[row] = rank[static_cast<std::size_t>(column.codes[row])];
    return coding;
}

constexpr const char* kTimeRule = "a panel's time is a whole number (a year, a period count) or a date written "
                                  "2004-03-31, 2004-03, 2004Q1 or 2004m3";

// Where a frame row came from, for messages: CSV rows are counted from line 2 (the header is
// line 1), Stata observations from 1.
bool from_stata(const std::string& source) {
    return source.size() >= 4 && source.compare(source.size() - 4, 4, ".dta") == 0;
}

std::string place(const std::string& source, std::size_t row) {
    return (from_stata(source) ? "observation " + std::to_string(row + 1) : "line " + std::to_string(row + 2)) +
           (source.empty() ? "" : " of " + source);
}

// Ids beyond 2^53 have lost digits if they were ever doubles: distinct firms may have merged.
void check_exact_ids(const Column& column, const std::vector<char>& present, const std::string& source) {
    if (column.type != ColumnType::numeric) return;
    for (std::size_t row = 0; row < present.size(); ++row)
        if (present[row] && std::abs(column.numbers[row]) > kLargestExactInteger)
            throw Error("the panel id '" + column.name + "' holds " + shortest_text(column.numbers[row]) + " (" +
                        place(source, row) + "), beyond 2^53, where numbers lose digits and distinct ids merge; "
                        "read it as text (--text " + column.name + ") so that every digit is kept");
}

// Codes = rank among the distinct values (numbers numerically, text byte-wise).
Coding rank_values(const Column& column, const std::vector<char>& present) {
    if (column.type == ColumnType::categorical) return rank_levels(column, present);
    if (integer_valued(column, present)) return rank_integers(column, present);
    return rank_by_sort<double>(
        present, [&](std::size_t row) { return column.numbers[row]; }, shortest_text);
}

// A time column of text: dates written one way (time_periods.hpp), coded as period - first period
// so that gaps stay gaps; labels as written, a gap's in the same format.
Coding date_codes(const Column& column, const std::vector<char>& present, const std::string& source) {
    std::vector<std::optional<Period>> periods(column.levels.size());
    std::vector<char> parsed(column.levels.size(), 0);
    std::optional<DateFormat> format;
    std::int64_t lo = std::numeric_limits<std::int64_t>::max(), hi = std::numeric_limits<std::int64_t>::min();
    for (std::size_t row = 0; row < present.size(); ++row) {
        if (!present[row]) continue;
        const auto level = static_cast<std::size_t>(column.codes[row]);
        if (!parsed[level]) {
            parsed[level] = 1;
            periods[level] = parse_period(column.levels[level]);
            const auto& text = column.levels[level];
            if (!periods[level])
                throw Error("time column '" + column.name + "': \"" + text + "\" (" + place(source, row) +
                            ") is neither a whole number nor a date; " + kTimeRule);
            if (!format) format = periods[level]->format;
            if (periods[level]->format != *format)
                throw Error("time column '" + column.name + "': \"" + text + "\" (" + place(source, row) +
                            ") is written " + describe(periods[level]->format) + ", other dates " +
                            describe(*format) + "; write every date one way");
            lo = std::min(lo, periods[level]->number);
            hi = std::max(hi, periods[level]->number);
        }
    }
    if (!format) return {std::vector<std::int32_t>(present.size(), kMissingCode), {}};
    const auto span = static_cast<std::uint64_t>(hi - lo) + 1;
    if (span > PanelIndex::kMaxPeriods)
        throw Error("time column '" + column.name + "' runs from " + period_text(*format, lo) + " to " +
                    period_text(*format, hi) + ", " + std::to_string(span) + " periods; at most " +
                    std::to_string(PanelIndex::kMaxPeriods) + " are allowed");
    Coding coding;
    coding.labels.assign(span, "");
    coding.codes.assign(present.size(), kMissingCode);
    for (std::size_t row = 0; row < present.size(); ++row) {
        if (!present[row]) continue;
        const auto level = static_cast<std::size_t>(column.codes[row]);
        const auto offset = static_cast<std::size_t>(periods[level]->number - lo);
        coding.codes[row] = static_cast<std::int32_t>(offset);
        if (coding.labels[offset].empty()) coding.labels[offset] = column.levels[level];
    }
    for (std::size_t offset = 0; offset < span; ++offset)
        if (coding.labels[offset].empty())
            coding.labels[offset] = period_text(*format, lo + static_cast<std::int64_t>(offset));
    return coding;
}


// Integer-valued times: code = t - t_min, so that a calendar gap is a gap; labels for every period
// of the span.
Coding calendar_codes(const Column& column, const std::vector<char>& present) {
    const auto [lo, hi] = integer_range(column, present);
    if (lo > hi) return {std::vector<std::int32_t>(present.size(), kMissingCode), {}};
    const auto span = static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo) + 1;
    if (span > PanelIndex::kMaxPeriods)
        throw Error(
            "time column '" + column.name + "' runs from " + std::to_string(lo) + " to " +
            std::to_string(hi) + ", " + std::to_string(span) +
            " periods: integer times count consecutive periods (t - t_min), and at most " +
            std::to_string(PanelIndex::kMaxPeriods) +
            " are allowed; give a period number (year, month counter) or store the time as text");
    Coding coding;
    coding.codes.assign(present.size(), kMissingCode);
    for (std::size_t row = 0; row < present.size(); ++row)
        if (present[row])
            coding.codes[row] = static_cast<std::int32_t>(integer_at(column, row) - lo);
    coding.labels.reserve(span);
    for (std::uint64_t offset = 0; offset < span; ++offset)
        coding.labels.push_back(std::to_string(lo + static_cast<std::int64_t>(offset)));
    return coding;
}

// Whole-number times or dates; any other time is an error (ranking it would hide its gaps, and
// l(), d() and first differences would then reach across them).
Coding time_codes(const Column& column, const std::vector<char>& present, const std::string& source) {
    if (column.type == ColumnType::categorical) return date_codes(column, present, source);
    if (integer_valued(column, present)) return calendar_codes(column, present);
    for (std::size_t row = 0; row < present.size(); ++row) {
        const double v = column.numbers[row];
        if (present[row] && (std::abs(v) > kLargestExactInteger || v != std::floor(v)))
            throw Error("time column '" + column.name + "': " + shortest_text(v) + " (" + place(source, row) +
                        ") is not a whole number; " + kTimeRule);
    }
    return calendar_codes(column, present);
}

// Stable counting sort of `rows` by key(row) in [0, n_keys).
template <typename Key>
std::vector<std::size_t> counting_sort(const std::vector<std::size_t>& rows, std::size_t n_keys,
                                       Key key) {
    std::vector<std::size_t> start(n_keys + 1, 0);
    for (auto row : rows) ++start[static_cast<std::size_t>(key(row)) + 1];
    std::partial_sum(start.begin(), start.end(), start.begin());
    std::vector<std::size_t> sorted(rows.size());
    for (auto row : rows) sorted[start[static_cast<std::size_t>(key(row))]++] = row;
    return sorted;
}

std::string where(const std::string& source, std::size_t first, std::size_t second) {
    const bool stata = from_stata(source);
    const std::size_t base = stata ? 1 : 2;
    return (stata ? "observations " : "lines ") + std::to_string(first + base) + " and " +
           std::to_string(second + base);
}

}  // namespace

PanelIndex::PanelIndex(const Frame& frame, std::string entity, std::string time)
    : entity_name_(std::move(entity)), time_name_(std::move(time)) {
    const Column& entity_column = frame.column(entity_name_);
    const Column* time_column = has_time() ? &frame.column(time_name_) : nullptr;
    if (time_column == &entity_column)
        throw Error("the panel's entity and time are the same column '" + entity_name_ + "'");

    std::vector<char> present(frame.rows());
    for (std::size_t row = 0; row < present.size(); ++row)
        present[row] =
            !entity_column.is_missing(row) && !(time_column && time_column->is_missing(row));

    check_exact_ids(entity_column, present, frame.source);
    Coding entities = rank_values(entity_column, present);
    entity_ = std::move(entities.codes);
    entity_labels_ = std::move(entities.labels);

    std::vector<std::size_t> rows;
    for (std::size_t row = 0; row < present.size(); ++row)
        if (present[row]) rows.push_back(row);

    if (time_column) {
        Coding periods = time_codes(*time_column, present, frame.source);
        period_ = std::move(periods.codes);
        period_labels_ = std::move(periods.labels);
        rows = counting_sort(rows, n_periods(), [&](std::size_t row) { return period_[row]; });
    } else {
        period_.assign(frame.rows(), kMissingCode);
    }
    order_ = counting_sort(rows, n_entities(), [&](std::size_t row) { return entity_[row]; });

    entity_start_.assign(n_entities() + 1, 0);
    for (auto row : order_) ++entity_start_[static_cast<std::size_t>(entity_[row]) + 1];
    std::partial_sum(entity_start_.begin(), entity_start_.end(), entity_start_.begin());

    if (!time_column) return;
    std::size_t n_duplicates = 0, first = npos, second = npos;
    for (std::size_t i = 1; i < order_.size(); ++i) {
        const auto a = order_[i - 1], b = order_[i];
        if (entity_[a] != entity_[b] || period_[a] != period_[b]) continue;
        ++n_duplicates;
        if (second == npos || b < second) first = a, second = b;
    }
    if (n_duplicates == 0) return;
    throw Error(
        (frame.source.empty() ? "" : frame.source + ": ") + "duplicate (" + entity_name_ + ", " +
        time_name_ + ") pair (" + entity_label(entity_[first]) + ", " +
        period_label(period_[first]) + ") on " + where(frame.source, first, second) +
        (n_duplicates > 1 ? " (" + std::to_string(n_duplicates) + " duplicate rows in all)" : ""));
}

std::span<const std::size_t> PanelIndex::entity_rows(std::int32_t code) const {
    const auto e = static_cast<std::size_t>(code);
    return std::span<const std::size_t>(order_).subspan(entity_start_.at(e),
                                                        entity_start_.at(e + 1) - entity_start_[e]);
}

std::size_t PanelIndex::shifted_row(std::size_t row, int k) const {
    if (!has_time() || row >= entity_.size() || entity_[row] == kMissingCode) return npos;
    if (k == 0) return row;
    const std::int64_t target = static_cast<std::int64_t>(period_[row]) - k;
    if (target < 0 || target >= static_cast<std::int64_t>(n_periods())) return npos;
    const auto rows = entity_rows(entity_[row]);
    const auto it = std::lower_bound(rows.begin(), rows.end(), target,
                                     [&](std::size_t r, std::int64_t t) { return period_[r] < t; });
    return it != rows.end() && period_[*it] == target ? *it : npos;
}

bool PanelIndex::balanced() const {
    const auto spread = periods_per_entity();
    if (!has_time()) return spread.min == spread.max;
    return spread.min == n_periods() && spread.max == n_periods();
}

std::size_t PanelIndex::n_gaps() const {
    if (!has_time()) return 0;
    std::size_t gaps = 0;
    for (std::size_t e = 0; e < n_entities(); ++e) {
        const auto rows = entity_rows(static_cast<std::int32_t>(e));
        if (rows.empty()) continue;
        const auto span =
            static_cast<std::size_t>(period_[rows.back()] - period_[rows.front()]) + 1;
        gaps += span - rows.size();
    }
    return gaps;
}

PanelIndex::Spread PanelIndex::periods_per_entity() const {
    Spread spread;
    if (n_entities() == 0) return spread;
    spread.min = std::numeric_limits<std::size_t>::max();
    for (std::size_t e = 0; e < n_entities(); ++e) {
        const auto count = entity_start_[e + 1] - entity_start_[e];
        spread.min = std::min(spread.min, count);
        spread.max = std::max(spread.max, count);
    }
    spread.mean = static_cast<double>(order_.size()) / static_cast<double>(n_entities());
    return spread;
}

}  // namespace gvcpanel::data
