// Parses the records of one chunk in a single pass: each cell is tried as a number in place (no
// copy), and only a cell that is not one is scanned as text, unquoted and looked up in the chunk's
// dictionary of levels.
#include "data/csv_chunk.hpp"

#include <fast_float/fast_float.h>

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>

#include "data/csv_field.hpp"
#include "data/frame.hpp"

namespace gvcpanel::data::csv {
namespace {

const std::int64_t kNaNBits = std::bit_cast<std::int64_t>(std::numeric_limits<double>::quiet_NaN());

struct Number {
    bool is_integer = false;
    bool wide_integer = false;  // digits only, beyond int64 (a double would lose some)
    std::int64_t integer = 0;
    double real = 0;
};

bool is_digit(char c) { return static_cast<unsigned>(c - '0') < 10; }

constexpr double kPowersOfTen[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,
                                   1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17,
                                   1e18, 1e19, 1e20, 1e21, 1e22};

// Reads a number starting at p, with `decimal` as its decimal mark: an integer when it is one that
// fits in int64 (kMissingInteger excluded), otherwise a double (a run of digits too wide for int64
// is flagged wide_integer). Plain decimals with at most 15 digits take Clinger's (1990) fast path,
// exact because mantissa and power of ten are both exact doubles and one division rounds
// correctly; everything else goes through fast_float. Returns the end of the number, or nullptr.
const char* parse_number(const char* p, const char* end, Number& out, char decimal) {
    const char* q = p;
    const bool negative = q < end && *q == '-';
    if (q < end && (*q == '-' || *q == '+')) ++q;
    const char* digits = q;
    std::uint64_t value = 0;
    while (q < end && is_digit(*q) && q - digits < 19) value = value * 10 + static_cast<unsigned>(*q++ - '0');
    const bool more = q < end && (is_digit(*q) || *q == decimal || *q == 'e' || *q == 'E');
    if (q > digits && !more &&
        value <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
        out.is_integer = true;
        out.wide_integer = false;
        out.integer = negative ? -static_cast<std::int64_t>(value) : static_cast<std::int64_t>(value);
        return q;
    }
    if (q < end && *q == decimal && q - digits <= 15) {
        const char* fraction = ++q;
        while (q < end && is_digit(*q) && (q - digits) - 1 < 15) value = value * 10 + static_cast<unsigned>(*q++ - '0');
        const bool plain = q < end ? !(is_digit(*q) || *q == 'e' || *q == 'E') : true;
        if (plain && (q > fraction || fraction - 1 > digits)) {
            const double real = static_cast<double>(value) / kPowersOfTen[q - fraction];
            out.is_integer = false;
            out.wide_integer = false;
            out.real = negative ? -real : real;
            return q;
        }
    }
    const char* digits_end = digits;
    while (digits_end < end && is_digit(*digits_end)) ++digits_end;
    const char* s = p;
    if (s < end && *s == '+') {
        ++s;
        if (s < end && (*s == '-' || *s == '+')) return nullptr;
    }
    double real = 0;
    const auto result = decimal == '.' ? fast_float::from_chars(s, end, real)
                                       : fast_float::from_chars_advanced(
                                             s, end, real, fast_float::parse_options(fast_float::chars_format::general, decimal));
    if (result.ec != std::errc()) return nullptr;
    out.is_integer = false;
    out.wide_integer = digits_end > digits && result.ptr == digits_end;
    out.real = real;
    return result.ptr;
}

// What the double lost of the number written in [first, last): the decimal rounded to long double
// minus the double. The two differ by at most half an ulp of the double, so the long double
// subtraction is exact (Sterbenz) and the difference, a few bits wide, fits a double exactly.
double decimal_residue(const char* first, const char* last, const Number& number, char decimal) {
    if (number.is_integer)
        return static_cast<double>(static_cast<long double>(number.integer) -
                                   static_cast<double>(number.integer));
    if (first < last && *first == '+') ++first;
    std::string copy;
    if (decimal != '.') {
        copy.assign(first, last);
        std::replace(copy.begin(), copy.end(), decimal, '.');
        first = copy.data();
        last = copy.data() + copy.size();
    }
    long double value = 0;
    const auto [end, status] = std::from_chars(first, last, value);
    if (status != std::errc() || end != last || !std::isfinite(number.real)) return 0.0;
    return static_cast<double>(value - static_cast<long double>(number.real));
}

// Digits with ',' or '.' marks between them (and an optional sign): a number written with another
// decimal mark or with thousands separators.
bool looks_like_number(std::string_view text) {
    std::size_t i = text.starts_with('-') || text.starts_with('+') ? 1 : 0;
    if (i == text.size() || !is_digit(text[i])) return false;
    bool mark = false;
    for (; i < text.size(); ++i) {
        if (text[i] == ',' || text[i] == '.') {
            if (i + 1 == text.size() || !is_digit(text[i + 1])) return false;
            mark = true;
        } else if (!is_digit(text[i])) {
            return false;
        }
    }
    return mark;
}

}  // namespace

std::string quoted_excerpt(std::string_view text) {
    constexpr std::size_t kLongest = 40;
    std::string out(1, '"');
    for (const char c : text.substr(0, kLongest)) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\x%02X", static_cast<unsigned>(static_cast<unsigned char>(c)));
            out += escaped;
        } else {
            out += c;
        }
    }
    return out.append(text.size() > kLongest ? "...\"" : "\"");
}

namespace {

class ChunkParser {
public:
    ChunkParser(Chunk& chunk, const Layout& layout, const char* file_end,
                std::vector<std::atomic<bool>>& categorical)
        : chunk_(chunk), layout_(layout), end_(file_end), categorical_(categorical),
          stops_(layout.delimiter) {}

    // False when a column turned categorical and the chunk must be parsed again.
    bool run() {
        reset();
        const char* p = chunk_.start;
        const bool done = parse_records(p);
        chunk_.reached = std::max(chunk_.reached, p);
        return done;
    }

private:
    enum class Outcome { stored, restart, error };

    bool parse_records(const char*& p) {
        line_start_ = p;
        const char delimiter = layout_.delimiter;
        while (p < chunk_.end) {
            if (layout_.n_fields > 1 && (*p == '\n' || (*p == '\r' && p + 1 < end_ && p[1] == '\n'))) {
                skip_line_end(p, end_);
                new_line(p);
                continue;
            }
            std::size_t field = 0;
            for (;;) {
                if (field == layout_.n_fields) return too_many_fields(p);
                const int column = layout_.target[field];
                if (column < 0) {
                    if (!skip(p)) return true;
                } else {
                    switch (store(p, static_cast<std::size_t>(column))) {
                        case Outcome::stored: break;
                        case Outcome::restart: return false;
                        case Outcome::error: return true;
                    }
                }
                if (p < end_ && *p == delimiter) {
                    ++p;
                    ++field;
                    continue;
                }
                break;
            }
            if (field + 1 != layout_.n_fields) {
                fail(p, newlines_, line_start_,
                     "row has " + std::to_string(field + 1) + " field" + (field == 0 ? "" : "s") +
                         ", the header has " + std::to_string(layout_.n_fields));
                return true;
            }
            if (skip_line_end(p, end_)) new_line(p);
            ++chunk_.rows;
        }
        chunk_.stop = p;
        chunk_.newlines = newlines_;
        return true;
    }

    void reset() {
        chunk_.rows = 0;
        chunk_.newlines = 0;
        chunk_.stop = nullptr;
        chunk_.error.reset();
        newlines_ = 0;
        chunk_.columns.resize(layout_.names.size());
        for (std::size_t c = 0; c < chunk_.columns.size(); ++c) {
            auto& column = chunk_.columns[c];
            column.kind = categorical_[c].load(std::memory_order_relaxed) ? CellKind::categorical
                                                                          : CellKind::integer;
            column.values.clear();
            column.values.reserve(chunk_.reserve_rows);
            column.residues.clear();
            if (layout_.decimal_residues) column.residues.reserve(chunk_.reserve_rows);
            column.codes.clear();
            column.levels.clear();
            column.last_code = kMissingCode;
        }
    }

    void new_line(const char* p) {
        ++newlines_;
        line_start_ = p;
    }

    void fail(const char* at, std::size_t line, const char* line_start, std::string message) {
        chunk_.error = ChunkError{line, static_cast<std::size_t>(at - line_start) + 1, std::move(message)};
    }

    void fail_field(const char* cell, const Field& field) {
        if (field.problem == FieldProblem::unterminated_quote)
            fail(cell, newlines_, line_start_, describe(field.problem));
        else if (field.newlines > 0)
            fail(field.problem_at, newlines_ + field.newlines, field.line_start, describe(field.problem));
        else
            fail(field.problem_at, newlines_, line_start_, describe(field.problem));
    }

    void account(const Field& field) {
        if (field.newlines == 0) return;
        newlines_ += field.newlines;
        line_start_ = field.line_start;
    }

    bool skip(const char*& p) {
        const char* cell = p;
        Field field;
        p = scan_field(p, end_, stops_, field);
        if (field.problem != FieldProblem::none) {
            fail_field(cell, field);
            return false;
        }
        account(field);
        return true;
    }

    bool too_many_fields(const char* p) {
        const char* extra = p;
        const std::size_t line = newlines_;
        const char* line_start = line_start_;
        std::size_t fields = layout_.n_fields;
        for (;;) {
            Field field;
            p = scan_field(p, end_, stops_, field);
            ++fields;
            if (field.problem != FieldProblem::none || p == end_ || *p != layout_.delimiter) break;
            ++p;
        }
        fail(extra, line, line_start,
             "row has " + std::to_string(fields) + " fields, the header has " +
                 std::to_string(layout_.n_fields));
        return true;
    }

    bool is_missing(std::string_view text) const {
        for (const auto& marker : layout_.missing)
            if (text == marker) return true;
        return false;
    }

    static void to_numeric(ChunkColumn& column) {
        for (auto& v : column.values)
            v = v == kMissingInteger ? kNaNBits : std::bit_cast<std::int64_t>(static_cast<double>(v));
        column.kind = CellKind::numeric;
    }

    static void push_number(ChunkColumn& column, const Number& number) {
        if (number.is_integer) {
            column.values.push_back(column.kind == CellKind::integer
                                        ? number.integer
                                        : std::bit_cast<std::int64_t>(static_cast<double>(number.integer)));
            return;
        }
        if (column.kind == CellKind::integer) to_numeric(column);
        column.values.push_back(std::bit_cast<std::int64_t>(number.real));
    }

    static void push_missing(ChunkColumn& column) {
        switch (column.kind) {
            case CellKind::integer: column.values.push_back(kMissingInteger); break;
            case CellKind::numeric: column.values.push_back(kNaNBits); break;
            case CellKind::categorical: column.values.push_back(kMissingCode); break;
        }
    }

    static void push_text(ChunkColumn& column, std::string_view text) {
        if (column.last_code != kMissingCode && column.levels[static_cast<std::size_t>(column.last_code)] == text) {
            column.values.push_back(column.last_code);
            return;
        }
        auto found = column.codes.find(text);
        if (found == column.codes.end()) {
            const auto code = static_cast<std::int32_t>(column.levels.size());
            column.levels.emplace_back(text);
            found = column.codes.emplace(column.levels.back(), code).first;
        }
        column.values.push_back(found->second);
        column.last_code = found->second;
    }

    void record_residue(ChunkColumn& column, const char* first, const char* last,
                        const Number& number) const {
        if (layout_.decimal_residues)
            column.residues.push_back(decimal_residue(first, last, number, layout_.decimal));
    }

    // A whole number too wide for int64 in a column of whole numbers: the column becomes text, so
    // that ids keep every digit (in a column of reals it is a real like the others).
    bool keeps_digits_as_text(const ChunkColumn& column, const Number& number, std::size_t c) const {
        return number.wide_integer && column.kind == CellKind::integer && !layout_.require_numeric[c];
    }

    // The column holds text: every chunk reads it again as text.
    Outcome to_text(std::size_t c) {
        categorical_[c].store(true, std::memory_order_relaxed);
        return Outcome::restart;
    }

    Outcome store(const char*& p, std::size_t c) {
        auto& column = chunk_.columns[c];
        if (column.kind != CellKind::categorical && !layout_.missing_looks_numeric && p < end_ &&
            *p != '"') {
            Number number;
            const char* after = parse_number(p, end_, number, layout_.decimal);
            if (after != nullptr && at_field_end(after, end_, layout_.delimiter)) {
                if (keeps_digits_as_text(column, number, c)) return to_text(c);
                push_number(column, number);
                record_residue(column, p, after, number);
                p = after;
                return Outcome::stored;
            }
        }
        const char* cell = p;
        const std::size_t cell_line = newlines_;
        const char* cell_line_start = line_start_;
        Field field;
        p = scan_field(p, end_, stops_, field);
        if (field.problem != FieldProblem::none) {
            fail_field(cell, field);
            return Outcome::error;
        }
        account(field);
        const std::string_view text = field.text(scratch_);
        if (is_missing(text)) {
            push_missing(column);
            if (layout_.decimal_residues && column.kind != CellKind::categorical)
                column.residues.push_back(0.0);
            return Outcome::stored;
        }
        if (column.kind != CellKind::categorical) {
            Number number;
            const char* text_end = text.data() + text.size();
            if (!text.empty() && parse_number(text.data(), text_end, number, layout_.decimal) == text_end) {
                if (keeps_digits_as_text(column, number, c)) return to_text(c);
                push_number(column, number);
                record_residue(column, text.data(), text_end, number);
                return Outcome::stored;
            }
            if (layout_.require_numeric[c]) {
                fail(cell, cell_line, cell_line_start,
                     "column '" + layout_.names[c] + "': " + quoted_excerpt(text) + " is not a number");
                return Outcome::error;
            }
            return to_text(c);
        }
        push_text(column, text);
        return Outcome::stored;
    }

    Chunk& chunk_;
    const Layout& layout_;
    const char* end_;
    std::vector<std::atomic<bool>>& categorical_;
    StopSet stops_;
    std::size_t newlines_ = 0;
    const char* line_start_ = nullptr;
    std::string scratch_;
};

}  // namespace

TextKind classify(std::string_view text, char decimal) {
    Number number;
    const char* end = text.data() + text.size();
    if (text.empty() || parse_number(text.data(), end, number, decimal) != end)
        return looks_like_number(text) ? TextKind::number_like : TextKind::text;
    if (number.is_integer) return TextKind::integer;
    return number.wide_integer ? TextKind::wide_integer : TextKind::real;
}

bool is_number(std::string_view text, char decimal) {
    Number number;
    const char* end = text.data() + text.size();
    return !text.empty() && parse_number(text.data(), end, number, decimal) == end;
}

double number_value(std::string_view text, char decimal, double* residue) {
    Number number;
    const char* end = text.data() + text.size();
    parse_number(text.data(), end, number, decimal);
    if (residue) *residue = decimal_residue(text.data(), end, number, decimal);
    return number.is_integer ? static_cast<double>(number.integer) : number.real;
}

void parse_chunk(Chunk& chunk, const Layout& layout, const char* file_end,
                 std::vector<std::atomic<bool>>& categorical) {
    ChunkParser parser(chunk, layout, file_end, categorical);
    while (!parser.run()) {
    }
}

}  // namespace gvcpanel::data::csv
