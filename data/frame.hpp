// data::Frame: the columnar table every stage reads. Numeric columns are double (NaN = missing),
// integer columns int64 (kMissingInteger = missing), string columns dictionary-encoded as
// categorical codes into level names (kMissingCode = missing). Columns carry optional labels (of
// the variable, and Stata's value labels of its numbers) and,
// when the reader is asked (ReadOptions::decimal_residues), the part of each number that the
// double lost, for estimators that work in long double (nls).
#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace gvcpanel::data {

enum class ColumnType { numeric, integer, categorical };

inline constexpr std::int64_t kMissingInteger = std::numeric_limits<std::int64_t>::min();
inline constexpr std::int32_t kMissingCode = -1;

std::string_view to_string(ColumnType type);

struct Column {
    std::string name;
    std::string label;                    // variable label (Stata, labels file); may be empty
    ColumnType type = ColumnType::numeric;
    std::vector<double> numbers;          // numeric: one per row, NaN = missing
    std::vector<std::int64_t> integers;   // integer: one per row, kMissingInteger = missing
    std::vector<std::int32_t> codes;      // categorical: index into levels, kMissingCode = missing
    std::vector<std::string> levels;      // categorical: level names, indexed by code
    std::map<double, std::string> value_labels;  // numeric or integer: Stata's value labels, for tables
    // numeric, optional: the number as written minus numbers[row], to long double precision (so
    // numbers[row] + residues[row] is the decimal rounded to long double); empty = not recorded
    std::vector<double> residues;

    static Column numeric(std::string name, std::vector<double> values);
    static Column integer(std::string name, std::vector<std::int64_t> values);
    static Column categorical(std::string name, std::vector<std::int32_t> codes,
                              std::vector<std::string> levels);

    std::size_t size() const;
    bool is_missing(std::size_t row) const;
    // The value as a number: numeric and integer columns; NaN when missing. Throws for categorical.
    double number(std::size_t row) const;
    // The whole column as doubles (numeric or integer); throws a named error for categorical.
    std::vector<double> to_doubles() const;
    // As to_doubles, in long double with the residues added back (integers are exact).
    std::vector<long double> to_long_doubles() const;
    // The value as the user would write it ("" when missing).
    std::string text(std::size_t row) const;
};

class Frame {
public:
    Frame() = default;

    std::size_t rows() const { return rows_; }
    std::size_t cols() const { return columns_.size(); }

    // Appends a column; its length must equal rows() (the first column sets it) and its name
    // must be new.
    void add(Column column);
    // Replaces the column of the same name, or appends it.
    void set(Column column);
    bool has(std::string_view name) const;
    // Lookup by name; an unknown name is an Error that lists the closest names.
    const Column& column(std::string_view name) const;
    Column& column(std::string_view name);
    const Column& column(std::size_t index) const { return columns_.at(index); }
    std::vector<std::string> names() const;

    std::string source;  // where the data came from (file name), for messages

private:
    std::size_t index_of(std::string_view name) const;

    std::vector<Column> columns_;
    std::unordered_map<std::string, std::size_t> index_;
    std::size_t rows_ = 0;
};

}  // namespace gvcpanel::data
