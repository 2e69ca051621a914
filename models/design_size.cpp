#include "models/design_size.hpp"

#include <algorithm>
#include <cstdio>

#include "data/error.hpp"

namespace gvcpanel::models {

namespace {

std::string gigabytes(double bytes) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3g GB", bytes / 1e9);
    return text;
}

}  // namespace

void check_design_size(std::size_t rows, const std::vector<TermWidth>& terms, std::size_t memory_bytes) {
    std::size_t k = 0;
    const TermWidth* widest = nullptr;
    for (const auto& term : terms) {
        k += term.columns;
        if (!widest || term.columns > widest->columns) widest = &term;
    }
    const std::string widest_text =
        widest && widest->columns > 1
            ? "; '" + widest->name + "' alone gives " + std::to_string(widest->columns) +
                  " (a factor: one column per level; absorb it as a fixed effect after '|', or is it a number "
                  "column read as text?)"
            : "";
    if (k > kMaxDesignColumns)
        throw Error("the design would have " + std::to_string(k) + " columns, more than the " +
                    std::to_string(kMaxDesignColumns) + " allowed" + widest_text);
    // Doubles of X (n x k) and of its cross-product (k x k), as the least-squares steps hold them.
    const double bytes = 8.0 * static_cast<double>(k) * (static_cast<double>(rows) + static_cast<double>(k));
    if (memory_bytes > 0 && bytes > static_cast<double>(memory_bytes))
        throw Error("the design would have " + std::to_string(rows) + " rows and " + std::to_string(k) +
                    " columns, whose dense matrices need " + gigabytes(bytes) + ", more than this machine's " +
                    gigabytes(static_cast<double>(memory_bytes)) + " of memory" + widest_text);
}

}  // namespace gvcpanel::models
