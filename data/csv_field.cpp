#include "data/csv_field.hpp"

namespace gvcpanel::data::csv {

std::string describe(FieldProblem problem) {
    switch (problem) {
        case FieldProblem::none: return "";
        case FieldProblem::unterminated_quote: return "this quote is never closed";
        case FieldProblem::text_after_quote:
            return "text after the closing quote of a quoted field (a quote inside a field is "
                   "written as two quotes)";
        case FieldProblem::nul_byte: return "NUL byte: this looks like a binary file, not CSV";
    }
    return "";
}

}  // namespace gvcpanel::data::csv
