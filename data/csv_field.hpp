// Scanning one CSV field (RFC 4180): an unquoted run up to the delimiter or the line end, or a
// quoted field with doubled quotes and embedded newlines. Shared by the header and the chunk
// parsers; inline because it runs once per cell.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace gvcpanel::data::csv {

// The bytes that stop an unquoted scan: the delimiter, line ends, a quote and NUL.
struct StopSet {
    std::array<bool, 256> stop{};
    char delimiter = ',';

    explicit StopSet(char delim) : delimiter(delim) {
        for (unsigned char c : {static_cast<unsigned char>(delim), static_cast<unsigned char>('\n'),
                                static_cast<unsigned char>('\r'), static_cast<unsigned char>('"'),
                                static_cast<unsigned char>('\0')})
            stop[c] = true;
    }
};

// True when p ends a field: end of file, the delimiter, "\n", or "\r" before "\n" or the end.
inline bool at_field_end(const char* p, const char* end, char delimiter) {
    if (p == end) return true;
    const char c = *p;
    return c == delimiter || c == '\n' || (c == '\r' && (p + 1 == end || p[1] == '\n'));
}

enum class FieldProblem { none, unterminated_quote, text_after_quote, nul_byte };

struct Field {
    std::string_view raw;          // the content without the surrounding quotes (still escaped)
    bool quoted = false;           // written in quotes: its spaces are content
    bool escaped = false;          // contains doubled quotes: use text()
    std::size_t newlines = 0;      // newlines inside the quotes
    const char* line_start = nullptr;  // start of the last line entered inside the quotes
    FieldProblem problem = FieldProblem::none;
    const char* problem_at = nullptr;

    // The content with doubled quotes made single (in `scratch` when needed); spaces around an
    // unquoted field are dropped, as data.table::fread's strip.white does.
    std::string_view text(std::string& scratch) const {
        if (!quoted) {
            const auto first = raw.find_first_not_of(' ');
            if (first == std::string_view::npos) return raw.substr(raw.size());
            return raw.substr(first, raw.find_last_not_of(' ') - first + 1);
        }
        if (!escaped) return raw;
        scratch.clear();
        for (std::size_t i = 0; i < raw.size(); ++i) {
            scratch.push_back(raw[i]);
            if (raw[i] == '"') ++i;
        }
        return scratch;
    }
};

// Scans the field starting at p; returns the position of its end (see at_field_end) or, on a
// problem, where the problem is.
inline const char* scan_field(const char* p, const char* end, const StopSet& stops, Field& field) {
    field = Field{};
    if (p < end && *p == '"') {
        field.quoted = true;
        const char* open = p++;
        const char* content = p;
        for (;;) {
            if (p == end) {
                field.problem = FieldProblem::unterminated_quote;
                field.problem_at = open;
                return p;
            }
            const char c = *p;
            if (c == '"') {
                if (p + 1 < end && p[1] == '"') {
                    field.escaped = true;
                    p += 2;
                    continue;
                }
                field.raw = std::string_view(content, static_cast<std::size_t>(p - content));
                ++p;
                break;
            }
            if (c == '\n') {
                ++field.newlines;
                field.line_start = p + 1;
            } else if (c == '\0') {
                field.problem = FieldProblem::nul_byte;
                field.problem_at = p;
                return p;
            }
            ++p;
        }
        if (!at_field_end(p, end, stops.delimiter)) {
            field.problem = *p == '\0' ? FieldProblem::nul_byte : FieldProblem::text_after_quote;
            field.problem_at = p;
        }
        return p;
    }
    const char* content = p;
    for (;;) {
        while (p < end && !stops.stop[static_cast<unsigned char>(*p)]) ++p;
        if (p == end || *p == stops.delimiter || *p == '\n') break;
        if (*p == '\r') {
            if (p + 1 == end || p[1] == '\n') break;
        } else if (*p == '\0') {
            field.problem = FieldProblem::nul_byte;
            field.problem_at = p;
            return p;
        }
        ++p;  // a lone '\r' or a quote inside an unquoted field is text
    }
    field.raw = std::string_view(content, static_cast<std::size_t>(p - content));
    return p;
}

// Moves past the line end at p ("\n", "\r\n" or the end of file); returns true if a newline was
// consumed.
inline bool skip_line_end(const char*& p, const char* end) {
    if (p < end && *p == '\r') ++p;
    if (p < end && *p == '\n') {
        ++p;
        return true;
    }
    return false;
}

std::string describe(FieldProblem problem);

}  // namespace gvcpanel::data::csv
