// One chunk of CSV records parsed into typed per-column buffers. The reader splits the data at
// line starts and parses chunks in parallel; a chunk owns the records that start before its end
// and reports where its last record really ended (stop), so a guessed start that fell inside a
// quoted field is detected and the chunk parsed again from the right place.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "data/frame.hpp"
#include "data/page_allocator.hpp"

namespace gvcpanel::data::csv {

// What the parser needs to know about the file's columns; read-only while chunks are parsed.
struct Layout {
    char delimiter = ',';
    std::size_t n_fields = 0;             // fields per record (the header's)
    std::vector<int> target;              // per field: index of the column it is stored in, or -1
    std::vector<std::string> names;       // per stored column
    std::vector<char> require_numeric;    // per stored column: a non-number is an error
    std::vector<std::string> missing;     // cells read as missing
    char decimal = '.';                   // the decimal mark of numbers, '.' or ','
    bool missing_looks_numeric = false;   // a marker parses as a number: test markers first
    bool decimal_residues = false;        // record what each number lost to double
};

// The type a column has so far: integer until a non-integer number, numeric until a text cell.
enum class CellKind : std::uint8_t { integer, numeric, categorical };

struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

struct ChunkColumn {
    CellKind kind = CellKind::integer;
    // One 8-byte slot per row: int64 (integer; kMissingInteger), double bits (numeric; NaN) or a
    // code into `levels` (categorical; kMissingCode).
    std::vector<std::int64_t, PageAllocator<std::int64_t>> values;
    // With Layout::decimal_residues, one per row of a number or missing cell: the decimal minus
    // the value as a double (Column::residues); unused once the column is categorical.
    std::vector<double, PageAllocator<double>> residues;
    std::deque<std::string> levels;  // a deque keeps the texts in place for the views in `codes`
    std::unordered_map<std::string_view, std::int32_t, TextHash> codes;
    std::int32_t last_code = kMissingCode;  // the previous text's code: runs of one level skip the hash
};

struct ChunkError {
    std::size_t line = 0;    // lines after the chunk's first line (0 = the first)
    std::size_t column = 0;  // 1-based byte position in that line
    std::string message;
};

struct Chunk {
    const char* start = nullptr;      // first byte of the first record
    const char* end = nullptr;        // records starting at or after this belong to the next chunk
    const char* stop = nullptr;       // first byte after the last record parsed
    const char* reached = nullptr;    // furthest byte read (a start inside quotes may read far)
    std::size_t rows = 0;
    std::size_t newlines = 0;         // newlines in [start, stop)
    std::size_t reserve_rows = 0;     // expected rows, to size the buffers once
    std::vector<ChunkColumn> columns;
    std::optional<ChunkError> error;  // parsing stops at the first
};

// How a cell's text reads: a number that fits int64, a whole number too wide for it (kept as
// text in an integer column, so that no digit is lost), another number, something written like a
// number in another convention (digits with ',' or '.' that do not parse: "0,35", "1,234.5"), or
// other text.
enum class TextKind : std::uint8_t { integer, wide_integer, real, number_like, text };
TextKind classify(std::string_view text, char decimal);

// A cell's text for a message: in double quotes, cut after 40 bytes, control bytes as \xNN.
std::string quoted_excerpt(std::string_view text);

// True when the whole text reads as a number (as a cell of a numeric column would).
bool is_number(std::string_view text, char decimal = '.');

// The number a cell reads as (is_number must hold), and with `residue` what the double lost of it
// (Column::residues).
double number_value(std::string_view text, char decimal, double* residue = nullptr);

// Parses the records of `chunk`. `categorical` holds one flag per stored column, shared by all
// chunks: a column whose flag is set is read as text; a chunk that meets a text cell in a column
// not yet flagged sets the flag and starts over.
void parse_chunk(Chunk& chunk, const Layout& layout, const char* file_end,
                 std::vector<std::atomic<bool>>& categorical);

}  // namespace gvcpanel::data::csv
