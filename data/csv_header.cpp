#include "data/csv_header.hpp"

#include <array>
#include <string_view>
#include <unordered_map>

#include "data/csv_field.hpp"
#include "data/error.hpp"

namespace gvcpanel::data::csv {
namespace {

char detect_delimiter(const char* p, const char* end, char decimal) {
    constexpr std::array<char, 3> candidates = {',', ';', '\t'};
    std::array<std::size_t, 3> counts{};
    bool quoted = false;
    for (; p < end; ++p) {
        if (*p == '"') quoted = !quoted;
        if (quoted) continue;
        if (*p == '\n') break;
        for (std::size_t i = 0; i < candidates.size(); ++i)
            if (*p == candidates[i]) ++counts[i];
    }
    const std::size_t first = decimal == ',' ? 1 : 0;
    std::size_t best = first;
    for (std::size_t i = first + 1; i < candidates.size(); ++i)
        if (counts[i] > counts[best]) best = i;
    return candidates[best];
}

}  // namespace

bool cr_line_ends(const char* begin, const char* end) {
    bool quoted = false;
    for (const char* p = begin; p < end; ++p) {
        if (*p == '"') quoted = !quoted;
        if (quoted) continue;
        if (*p == '\n') return false;
        if (*p == '\r') return p + 1 == end || p[1] != '\n';
    }
    return false;
}

Header parse_header(const char* begin, const char* end, char delimiter, char decimal, const std::string& path) {
    const auto starts_with = [&](std::string_view magic) {
        return static_cast<std::size_t>(end - begin) >= magic.size() &&
               std::string_view(begin, magic.size()) == magic;
    };
    if (starts_with("\xFF\xFE") || starts_with("\xFE\xFF"))
        throw Error(path + ":1:1: the file is UTF-16 text; save it as UTF-8");
    if (starts_with("\x1F\x8B"))
        throw Error(path + ":1:1: the file is gzip-compressed; decompress it first");
    if (end - begin >= 3 && static_cast<unsigned char>(begin[0]) == 0xEF &&
        static_cast<unsigned char>(begin[1]) == 0xBB && static_cast<unsigned char>(begin[2]) == 0xBF)
        begin += 3;
    if (begin == end)
        throw Error(path + ":1:1: the file is empty; expected a header row with column names");

    Header header;
    header.delimiter = delimiter != 0 ? delimiter : detect_delimiter(begin, end, decimal);
    const StopSet stops(header.delimiter);
    std::unordered_map<std::string, std::size_t> seen;
    const char* line_start = begin;
    const char* p = begin;
    std::string scratch;
    for (;;) {
        const char* cell = p;
        Field field;
        p = scan_field(p, end, stops, field);
        if (field.problem != FieldProblem::none) {
            const char* at = field.problem == FieldProblem::unterminated_quote ? cell : field.problem_at;
            const std::size_t line = field.problem == FieldProblem::unterminated_quote
                                         ? header.lines
                                         : header.lines + field.newlines;
            const char* start = field.problem == FieldProblem::unterminated_quote || field.newlines == 0
                                    ? line_start
                                    : field.line_start;
            throw Error(path + ":" + std::to_string(line) + ":" + std::to_string(at - start + 1) +
                        ": " + describe(field.problem));
        }
        std::string name(field.text(scratch));
        if (name.empty()) name.append("V").append(std::to_string(header.names.size() + 1));
        const auto [previous, inserted] = seen.emplace(name, header.names.size() + 1);
        if (!inserted)
            throw Error(path + ":" + std::to_string(header.lines) + ":" +
                        std::to_string(cell - line_start + 1) + ": duplicate column name '" +
                        name + "' (also column " + std::to_string(previous->second) + ")");
        header.names.push_back(std::move(name));
        if (field.newlines > 0) {
            header.lines += field.newlines;
            line_start = field.line_start;
        }
        if (p < end && *p == header.delimiter) {
            ++p;
            continue;
        }
        break;
    }
    skip_line_end(p, end);
    header.data_start = p;
    return header;
}

}  // namespace gvcpanel::data::csv
