#include "reports/table_options.hpp"

#include "data/error.hpp"

namespace gvcpanel::reports {

void TableOptions::validate() const {
    if (digits < 0 || digits > 12)
        throw Error("table options: digits is " + std::to_string(digits) + "; it must lie between 0 and 12");
    stars.validate();
    terms.validate();
    for (std::size_t i = 0; i < groups.size(); ++i)
        if (groups[i].span == 0)
            throw Error("table options: groups[" + std::to_string(i) + "].span is 0; a group spans one column or more");
}

void TableOptions::validate(std::size_t columns) const {
    validate();
    if (!titles.empty() && titles.size() != columns)
        throw Error("table options: titles has " + std::to_string(titles.size()) + " entries; the table has " +
                    std::to_string(columns) + " model columns");
    if (groups.empty()) return;
    std::size_t spanned = 0;
    for (const auto& group : groups) spanned += group.span;
    if (spanned != columns)
        throw Error("table options: groups span " + std::to_string(spanned) + " columns; the table has " +
                    std::to_string(columns) + " model columns");
}

Below parse_below(const std::string& text) {
    if (text == "se") return Below::se;
    if (text == "t") return Below::t;
    if (text == "p") return Below::p;
    if (text == "ci") return Below::ci;
    if (text == "none") return Below::none;
    throw Error("'" + text + "' is not a choice for what goes below estimates; choose se, t, p, ci or none");
}

}  // namespace gvcpanel::reports
