#include "data/frame.hpp"

#include <cmath>
#include <sstream>

#include "data/error.hpp"
#include "data/names.hpp"

namespace gvcpanel::data {

namespace {

void check_residues(const Column& column) {
    if (!column.residues.empty() && column.residues.size() != column.size())
        throw Error("column '" + column.name + "' has " + std::to_string(column.residues.size()) +
                    " decimal residues for " + std::to_string(column.size()) + " rows");
}

}  // namespace

std::string_view to_string(ColumnType type) {
    switch (type) {
        case ColumnType::numeric: return "numeric";
        case ColumnType::integer: return "integer";
        case ColumnType::categorical: return "categorical";
    }
    return "?";
}

Column Column::numeric(std::string name, std::vector<double> values) {
    Column c;
    c.name = std::move(name);
    c.type = ColumnType::numeric;
    c.numbers = std::move(values);
    return c;
}

Column Column::integer(std::string name, std::vector<std::int64_t> values) {
    Column c;
    c.name = std::move(name);
    c.type = ColumnType::integer;
    c.integers = std::move(values);
    return c;
}

Column Column::categorical(std::string name, std::vector<std::int32_t> codes,
                           std::vector<std::string> levels) {
    Column c;
    c.name = std::move(name);
    c.type = ColumnType::categorical;
    c.codes = std::move(codes);
    c.levels = std::move(levels);
    return c;
}

std::size_t Column::size() const {
    switch (type) {
        case ColumnType::numeric: return numbers.size();
        case ColumnType::integer: return integers.size();
        case ColumnType::categorical: return codes.size();
    }
    return 0;
}

bool Column::is_missing(std::size_t row) const {
    switch (type) {
        case ColumnType::numeric: return std::isnan(numbers[row]);
        case ColumnType::integer: return integers[row] == kMissingInteger;
        case ColumnType::categorical: return codes[row] == kMissingCode;
    }
    return true;
}

double Column::number(std::size_t row) const {
    switch (type) {
        case ColumnType::numeric: return numbers[row];
        case ColumnType::integer:
            return integers[row] == kMissingInteger ? std::nan("")
                                                    : static_cast<double>(integers[row]);
        case ColumnType::categorical: break;
    }
    throw Error("column '" + name + "' holds text (categorical), not numbers");
}

std::vector<double> Column::to_doubles() const {
    if (type == ColumnType::numeric) return numbers;
    std::vector<double> out(size());
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = number(i);
    return out;
}

std::vector<long double> Column::to_long_doubles() const {
    std::vector<long double> out(size());
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i] = type == ColumnType::integer && integers[i] != kMissingInteger
                     ? static_cast<long double>(integers[i])
                     : static_cast<long double>(number(i)) + (residues.empty() ? 0.0L : residues[i]);
    return out;
}

std::string Column::text(std::size_t row) const {
    if (is_missing(row)) return "";
    switch (type) {
        case ColumnType::numeric: {
            std::ostringstream s;
            s.precision(17);
            s << numbers[row];
            return s.str();
        }
        case ColumnType::integer: return std::to_string(integers[row]);
        case ColumnType::categorical: return levels[static_cast<std::size_t>(codes[row])];
    }
    return "";
}

void Frame::add(Column column) {
    if (index_.count(column.name))
        throw Error("duplicate column name '" + column.name + "'" +
                    (source.empty() ? "" : " in " + source));
    if (columns_.empty())
        rows_ = column.size();
    else if (column.size() != rows_)
        throw Error("column '" + column.name + "' has " + std::to_string(column.size()) +
                    " rows; the table has " + std::to_string(rows_));
    check_residues(column);
    index_.emplace(column.name, columns_.size());
    columns_.push_back(std::move(column));
}

void Frame::set(Column column) {
    auto it = index_.find(column.name);
    if (it == index_.end()) return add(std::move(column));
    if (column.size() != rows_)
        throw Error("column '" + column.name + "' has " + std::to_string(column.size()) +
                    " rows; the table has " + std::to_string(rows_));
    check_residues(column);
    columns_[it->second] = std::move(column);
}

bool Frame::has(std::string_view name) const { return index_.count(std::string(name)) > 0; }

std::size_t Frame::index_of(std::string_view name) const {
    auto it = index_.find(std::string(name));
    if (it != index_.end()) return it->second;
    throw Error("no column '" + std::string(name) + "'" +
                (source.empty() ? "" : " in " + source) + did_you_mean(name, names()));
}

const Column& Frame::column(std::string_view name) const { return columns_[index_of(name)]; }
Column& Frame::column(std::string_view name) { return columns_[index_of(name)]; }

std::vector<std::string> Frame::names() const {
    std::vector<std::string> out;
    out.reserve(columns_.size());
    for (const auto& c : columns_) out.push_back(c.name);
    return out;
}

}  // namespace gvcpanel::data
