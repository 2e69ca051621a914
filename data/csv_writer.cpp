#include "data/csv_writer.hpp"

#include <charconv>
#include <cmath>
#include <ostream>

#include "data/atomic_file.hpp"

namespace gvcpanel::data {

namespace {

// RFC 4180 requires quotes around a delimiter, a quote or a line break; an empty text (which would
// read back as missing) and edge spaces (which some readers trim) are quoted as well.
bool needs_quotes(const std::string& text) {
    return text.empty() || text.front() == ' ' || text.back() == ' ' ||
           text.find_first_of(",\"\r\n") != std::string::npos;
}

void append_text(std::string& line, const std::string& text) {
    if (!needs_quotes(text)) {
        line += text;
        return;
    }
    line += '"';
    for (char c : text) {
        if (c == '"') line += '"';
        line += c;
    }
    line += '"';
}

template <class Number>
void append_number(std::string& line, Number value) {
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    line.append(buffer, result.ptr);
}

void append_cell(std::string& line, const Column& column, std::size_t row) {
    if (column.is_missing(row)) return;
    switch (column.type) {
        case ColumnType::numeric: append_number(line, column.numbers[row]); break;
        case ColumnType::integer: append_number(line, column.integers[row]); break;
        case ColumnType::categorical:
            append_text(line, column.levels[static_cast<std::size_t>(column.codes[row])]);
            break;
    }
}

// The CSV text in pieces of about 64 KB, each handed to `emit`.
template <class Emit>
void write_csv_pieces(const Frame& frame, Emit&& emit) {
    std::string line;
    for (std::size_t c = 0; c < frame.cols(); ++c) {
        if (c > 0) line += ',';
        append_text(line, frame.column(c).name);
    }
    line += '\n';
    for (std::size_t row = 0; row < frame.rows(); ++row) {
        for (std::size_t c = 0; c < frame.cols(); ++c) {
            if (c > 0) line += ',';
            append_cell(line, frame.column(c), row);
        }
        line += '\n';
        if (line.size() > (1u << 16)) {
            emit(line);
            line.clear();
        }
    }
    emit(line);
}

}  // namespace

void write_csv(const Frame& frame, std::ostream& out) {
    write_csv_pieces(frame, [&](const std::string& piece) {
        out.write(piece.data(), static_cast<std::streamsize>(piece.size()));
    });
}

void write_csv(const Frame& frame, const std::string& path) {
    AtomicFile file(path);
    write_csv_pieces(frame, [&](const std::string& piece) { file.write(piece); });
    file.commit();
}

}  // namespace gvcpanel::data
