#include "data/csv_locate.hpp"

#include "data/csv_field.hpp"

namespace gvcpanel::data::csv {

std::optional<CellAt> find_cell(const char* begin, const char* end, std::size_t first_line, char delimiter,
                                std::size_t n_fields,
                                const std::function<bool(std::size_t, std::string_view)>& wanted) {
    const StopSet stops(delimiter);
    const char* p = begin;
    const char* line_start = p;
    std::size_t line = first_line;
    std::string scratch;
    while (p < end) {
        if (n_fields > 1 && (*p == '\n' || (*p == '\r' && p + 1 < end && p[1] == '\n'))) {
            skip_line_end(p, end);
            ++line;
            line_start = p;
            continue;
        }
        for (std::size_t field = 0;; ++field) {
            const char* cell = p;
            const std::size_t cell_line = line;
            const char* cell_line_start = line_start;
            Field scanned;
            p = scan_field(p, end, stops, scanned);
            if (scanned.problem != FieldProblem::none) return std::nullopt;
            if (scanned.newlines > 0) {
                line += scanned.newlines;
                line_start = scanned.line_start;
            }
            const std::string_view text = scanned.text(scratch);
            if (wanted(field, text))
                return CellAt{cell_line, static_cast<std::size_t>(cell - cell_line_start) + 1, field, std::string(text)};
            if (p < end && *p == delimiter) {
                ++p;
                continue;
            }
            break;
        }
        if (skip_line_end(p, end)) {
            ++line;
            line_start = p;
        }
    }
    return std::nullopt;
}

}  // namespace gvcpanel::data::csv
