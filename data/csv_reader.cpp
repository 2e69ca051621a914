// read_csv: the file is memory-mapped, split at line starts into chunks of a few megabytes, and the
// chunks parsed in parallel (OpenMP) into typed per-column buffers; the chunk boundaries are then
// verified in order (a guessed start inside a quoted field is re-parsed from the true record end),
// and the buffers concatenated column by column. Each chunk's pages are released once parsed, so
// the resident set stays close to the parsed columns.
#include <omp.h>

#include <algorithm>
#include <atomic>
#include <bit>
#include <cstring>
#include <exception>
#include <limits>
#include <string>
#include <vector>

#include "data/csv_chunk.hpp"
#include "data/csv_column_type.hpp"
#include "data/csv_header.hpp"
#include "data/csv_locate.hpp"
#include "data/error.hpp"
#include "data/input_file.hpp"
#include "data/names.hpp"
#include "data/read.hpp"

namespace gvcpanel::data {
namespace {

using csv::CellKind;
using csv::Chunk;

constexpr std::size_t kMinChunkBytes = std::size_t{1} << 20;
constexpr std::size_t kMaxChunkBytes = std::size_t{8} << 20;
constexpr std::size_t kSampleBytes = std::size_t{64} << 10;

std::size_t field_index(const std::vector<std::string>& names, const std::string& name,
                        const std::string& path) {
    const auto it = std::find(names.begin(), names.end(), name);
    if (it == names.end()) throw Error(path + ": no column '" + name + "'" + did_you_mean(name, names));
    return static_cast<std::size_t>(it - names.begin());
}

csv::Layout make_layout(const csv::Header& header, const ReadOptions& options,
                        const std::string& path) {
    csv::Layout layout;
    layout.delimiter = header.delimiter;
    layout.n_fields = header.names.size();
    layout.target.assign(layout.n_fields, -1);
    std::vector<std::size_t> fields;
    if (options.columns.empty()) {
        for (std::size_t f = 0; f < layout.n_fields; ++f) fields.push_back(f);
    } else {
        for (const auto& name : options.columns) {
            const std::size_t f = field_index(header.names, name, path);
            if (std::find(fields.begin(), fields.end(), f) == fields.end()) fields.push_back(f);
        }
    }
    for (std::size_t c = 0; c < fields.size(); ++c) {
        layout.target[fields[c]] = static_cast<int>(c);
        layout.names.push_back(header.names[fields[c]]);
    }
    layout.require_numeric.assign(fields.size(), 0);
    for (const auto& name : options.numeric_columns) {
        const int c = layout.target[field_index(header.names, name, path)];
        if (c >= 0) layout.require_numeric[static_cast<std::size_t>(c)] = 1;
    }
    layout.decimal_residues = options.decimal_residues;
    layout.missing = options.missing;
    layout.decimal = options.decimal;
    layout.missing_looks_numeric = std::any_of(layout.missing.begin(), layout.missing.end(),
                                               [&](const std::string& marker) { return csv::is_number(marker, options.decimal); });
    return layout;
}

// Stored columns named in `names` (that the layout reads); a name the file lacks is an error when
// `must_exist`, and otherwise left for the caller to report where it is used.
std::vector<char> flags(const csv::Header& header, const csv::Layout& layout, const std::vector<std::string>& names,
                        const std::string& path, bool must_exist) {
    std::vector<char> out(layout.names.size(), 0);
    for (const auto& name : names) {
        if (!must_exist && std::find(header.names.begin(), header.names.end(), name) == header.names.end()) continue;
        const int c = layout.target[field_index(header.names, name, path)];
        if (c >= 0) out[static_cast<std::size_t>(c)] = 1;
    }
    return out;
}

// Chunks of about kMinChunkBytes..kMaxChunkBytes, each starting after a newline (a guess: the
// newline may lie inside a quoted field; verify_boundaries() corrects that).
std::vector<Chunk> plan_chunks(const char* data, const char* end, int threads) {
    const auto bytes = static_cast<std::size_t>(end - data);
    const std::size_t target =
        std::clamp(bytes / (static_cast<std::size_t>(threads) * 8), kMinChunkBytes, kMaxChunkBytes);
    const char* sample_end = data + std::min(bytes, kSampleBytes);
    const auto sample_lines =
        static_cast<std::size_t>(std::count(data, sample_end, '\n')) + 1;
    const double bytes_per_row = static_cast<double>(sample_end - data) / static_cast<double>(sample_lines);

    std::vector<Chunk> chunks;
    const char* start = data;
    while (start < end) {
        const char* guess = start + std::min(target, static_cast<std::size_t>(end - start));
        if (guess < end) {
            const void* newline = std::memchr(guess, '\n', static_cast<std::size_t>(end - guess));
            guess = newline == nullptr ? end : static_cast<const char*>(newline) + 1;
        }
        Chunk chunk;
        chunk.start = start;
        chunk.end = guess;
        // Over-reserving costs no memory until written (the buffers are page-mapped).
        chunk.reserve_rows =
            static_cast<std::size_t>(static_cast<double>(guess - start) / bytes_per_row * 1.25) + 16;
        chunks.push_back(std::move(chunk));
        start = guess;
    }
    if (chunks.empty()) {
        Chunk chunk;
        chunk.start = chunk.end = end;
        chunks.push_back(std::move(chunk));
    }
    return chunks;
}

class Reader {
public:
    Reader(InputFile& file, const ReadOptions& options) : path_(file.name()), file_(file) {
        threads_ = options.threads > 0 ? options.threads : omp_get_max_threads();
        if (csv::cr_line_ends(file_.begin(), file_.end())) file_.convert_cr_line_ends();
        header_ = csv::parse_header(file_.begin(), file_.end(), options.delimiter, options.decimal, path_);
        layout_ = make_layout(header_, options, path_);
        text_ = flags(header_, layout_, options.text_columns, path_, true);
        category_ = flags(header_, layout_, options.category_columns, path_, false);
        categorical_ = std::vector<std::atomic<bool>>(layout_.names.size());
        mixed_.resize(layout_.names.size());
        for (std::size_t c = 0; c < text_.size(); ++c) categorical_[c].store(text_[c] != 0);
    }

    Frame read() {
        chunks_ = plan_chunks(header_.data_start, file_.end(), threads_);
        std::vector<char> pending(chunks_.size(), 1);
        parse(pending);
        verify_boundaries();
        // A column that turned categorical in one chunk is text in all: parse again the chunks
        // that read it as numbers (flags only ever turn on, so this ends).
        for (;;) {
            bool any = false;
            for (std::size_t i = 0; i < chunks_.size(); ++i) {
                pending[i] = 0;
                for (std::size_t c = 0; c < layout_.names.size(); ++c)
                    if (categorical_[c].load() && chunks_[i].columns[c].kind != CellKind::categorical)
                        pending[i] = 1;
                any = any || pending[i];
            }
            if (!any) break;
            parse(pending);
        }
        std::size_t rows = 0, newlines = 0;
        for (const auto& chunk : chunks_) rows += chunk.rows, newlines += chunk.newlines;
        if (rows == 0)
            throw Error(path_ + ":" + std::to_string(header_.lines + 1) +
                        ":1: no data rows after the header");
        check_last_line_end(header_.lines + 1 + newlines);
        return merge(rows);
    }

private:
    // A file cut short (a full disk, a killed download) ends inside a line; a complete file ends
    // with a line end. The two cannot be told apart otherwise, so a missing last line end is an
    // error rather than a guess.
    void check_last_line_end(std::size_t last_line) const {
        if (file_.size() == 0 || file_.end()[-1] == '\n') return;
        const char* line_start = file_.end();
        while (line_start > header_.data_start && line_start[-1] != '\n') --line_start;
        throw Error(path_ + ":" + std::to_string(last_line) + ":" + std::to_string(file_.end() - line_start + 1) +
                    ": the last line has no line end, as in a file cut short (a full disk, an interrupted copy); "
                    "if the file is complete, end it with a newline");
    }

    void parse_one(Chunk& chunk) {
        csv::parse_chunk(chunk, layout_, file_.end(), categorical_);
        file_.release(chunk.start, std::max(chunk.reached, chunk.end));
    }

    void parse(const std::vector<char>& pending) {
        std::vector<std::exception_ptr> failures(chunks_.size());
        const auto n = static_cast<std::ptrdiff_t>(chunks_.size());
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads_)
        for (std::ptrdiff_t i = 0; i < n; ++i) {
            if (!pending[static_cast<std::size_t>(i)]) continue;
            try {
                parse_one(chunks_[static_cast<std::size_t>(i)]);
            } catch (...) {
                failures[static_cast<std::size_t>(i)] = std::current_exception();
            }
        }
        for (const auto& failure : failures)
            if (failure) std::rethrow_exception(failure);
    }

    // Walks the chunks in order: chunk i is right once chunk i-1 is right and ended where chunk i
    // starts; otherwise chunk i is parsed again from there. The first error in file order is thrown.
    void verify_boundaries() {
        std::size_t line = header_.lines + 1;
        for (std::size_t i = 0; i < chunks_.size(); ++i) {
            Chunk& chunk = chunks_[i];
            if (i > 0 && chunk.start != chunks_[i - 1].stop) {
                chunk.start = chunks_[i - 1].stop;
                parse_one(chunk);
            }
            if (chunk.error)
                throw Error(path_ + ":" + std::to_string(line + chunk.error->line) + ":" +
                            std::to_string(chunk.error->column) + ": " + chunk.error->message);
            line += chunk.newlines;
        }
    }

    // Each chunk's buffer is appended to a reserved (not yet resident) column and then freed, so
    // the resident set grows by at most one chunk's buffer while merging.
    Column merge_column(std::size_t c, std::size_t rows) {
        CellKind kind = CellKind::integer;
        for (const auto& chunk : chunks_) kind = std::max(kind, chunk.columns[c].kind);
        const std::string& name = layout_.names[c];
        if (kind == CellKind::integer) {
            std::vector<std::int64_t> values;
            values.reserve(rows);
            for (auto& chunk : chunks_) {
                auto& buffer = chunk.columns[c].values;
                values.insert(values.end(), buffer.begin(), buffer.end());
                decltype(chunk.columns[c].values)().swap(buffer);
                // Integers are exact: their residues are not kept.
                decltype(chunk.columns[c].residues)().swap(chunk.columns[c].residues);
            }
            return Column::integer(name, std::move(values));
        }
        if (kind == CellKind::numeric) {
            std::vector<double> values, residues;
            values.reserve(rows);
            if (layout_.decimal_residues) residues.reserve(rows);
            for (auto& chunk : chunks_) {
                auto& column = chunk.columns[c];
                for (const std::int64_t v : column.values)
                    values.push_back(column.kind == CellKind::numeric ? std::bit_cast<double>(v)
                                     : v == kMissingInteger       ? std::numeric_limits<double>::quiet_NaN()
                                                                  : static_cast<double>(v));
                residues.insert(residues.end(), column.residues.begin(), column.residues.end());
                decltype(column.values)().swap(column.values);
                decltype(column.residues)().swap(column.residues);
            }
            Column merged = Column::numeric(name, std::move(values));
            merged.residues = std::move(residues);
            return merged;
        }
        std::vector<std::string> levels;
        for (const auto& chunk : chunks_)
            levels.insert(levels.end(), chunk.columns[c].levels.begin(), chunk.columns[c].levels.end());
        std::sort(levels.begin(), levels.end());
        levels.erase(std::unique(levels.begin(), levels.end()), levels.end());
        std::vector<std::int32_t> codes;
        codes.reserve(rows);
        for (auto& chunk : chunks_) {
            auto& column = chunk.columns[c];
            std::vector<std::int32_t> global(column.levels.size());
            for (std::size_t l = 0; l < column.levels.size(); ++l)
                global[l] = static_cast<std::int32_t>(
                    std::lower_bound(levels.begin(), levels.end(), column.levels[l]) - levels.begin());
            for (const std::int64_t v : column.values)
                codes.push_back(v == kMissingCode ? kMissingCode : global[static_cast<std::size_t>(v)]);
            decltype(column.values)().swap(column.values);
            column.codes.clear();
            column.levels.clear();
        }
        Column text = Column::categorical(name, std::move(codes), std::move(levels));
        if (text_[c]) return text;
        const csv::TextColumnRule rule{layout_.decimal, category_[c] != 0, layout_.decimal_residues};
        return csv::type_text_column(std::move(text), rule, mixed_[c]);
    }

    // The first cell, in file order, that is not a number in a column of numbers with stray tokens.
    Error stray_token(const std::vector<std::size_t>& mixed) const {
        const auto& column_of_field = layout_.target;
        const auto is_mixed = [&](int c) {
            return c >= 0 && std::find(mixed.begin(), mixed.end(), static_cast<std::size_t>(c)) != mixed.end();
        };
        const auto column_at = [&](std::size_t field) { return field < column_of_field.size() ? column_of_field[field] : -1; };
        const auto found = csv::find_cell(
            header_.data_start, file_.end(), header_.lines + 1, layout_.delimiter, layout_.n_fields,
            [&](std::size_t field, std::string_view text) {
                return is_mixed(column_at(field)) && !csv::is_number(text, layout_.decimal) &&
                       std::find(layout_.missing.begin(), layout_.missing.end(), text) == layout_.missing.end();
            });
        const std::size_t c = found ? static_cast<std::size_t>(column_of_field[found->field]) : mixed.front();
        const auto& name = layout_.names[c];
        const auto& counts = mixed_[c];
        const std::string where = found ? path_ + ":" + std::to_string(found->line) + ":" + std::to_string(found->column) : path_;
        const std::string token = csv::quoted_excerpt(found ? found->text : "");
        const std::string share = std::to_string(counts.not_numbers) + " of its " + std::to_string(counts.cells) +
                                  (counts.not_numbers == 1 ? " non-missing cells is not a number"
                                                           : " non-missing cells are not numbers");
        const std::string as_missing = "if " + token + " marks a missing value, add --na " + token;
        const std::string as_decimal = layout_.decimal == '.' ? "if the file writes decimals with a comma, add --decimal , (a ';'-separated file)"
                                                              : "the decimal mark is ',' (--decimal ,)";
        const std::string as_text = "if '" + name + "' is a code rather than a number, read it as text: --text " + name;
        const bool comma = counts.decimal_commas && layout_.decimal == '.';
        return Error(where + ": column '" + name + "' holds numbers, but " + token + " is not one (" + share +
                     "): " + (comma ? as_decimal + "; " + as_missing : as_missing + "; " + as_decimal) + "; " + as_text);
    }

    Frame merge(std::size_t rows) {
        std::vector<Column> columns(layout_.names.size());
        std::vector<std::exception_ptr> failures(columns.size());
        const auto n = static_cast<std::ptrdiff_t>(columns.size());
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads_)
        for (std::ptrdiff_t c = 0; c < n; ++c) {
            try {
                columns[static_cast<std::size_t>(c)] = merge_column(static_cast<std::size_t>(c), rows);
            } catch (...) {
                failures[static_cast<std::size_t>(c)] = std::current_exception();
            }
        }
        for (const auto& failure : failures)
            if (failure) std::rethrow_exception(failure);
        std::vector<std::size_t> mixed;
        for (std::size_t c = 0; c < mixed_.size(); ++c)
            if (mixed_[c].cells > 0) mixed.push_back(c);
        if (!mixed.empty()) throw stray_token(mixed);
        Frame frame;
        frame.source = path_;
        for (auto& column : columns) frame.add(std::move(column));
        return frame;
    }

    std::string path_;
    InputFile& file_;
    int threads_ = 1;
    csv::Header header_;
    csv::Layout layout_;
    std::vector<char> text_;      // per stored column: read as text (ReadOptions::text_columns)
    std::vector<char> category_;  // per stored column: used as a category (ReadOptions::category_columns)
    std::vector<std::atomic<bool>> categorical_;
    std::vector<Chunk> chunks_;
    std::vector<csv::MixedColumn> mixed_;  // per stored column: numbers with stray tokens, once typed
};

}  // namespace

Frame read_csv(InputFile& input, const ReadOptions& options) {
    options.validate();
    return Reader(input, options).read();
}

}  // namespace gvcpanel::data
