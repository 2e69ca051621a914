// A design is refused before it is built when it is wider than kMaxDesignColumns, or when its
// dense steps (X, n x k doubles, and its cross-product, k x k) would not fit in the machine's
// memory. Such a design is nearly always a mistake (a numeric column read as text becomes one
// column per value), and building it would take minutes, or exhaust memory, before failing.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace gvcpanel::models {

inline constexpr std::size_t kMaxDesignColumns = 100000;

struct TermWidth {
    std::string name;         // the term as written
    std::size_t columns = 0;  // the matrix columns it becomes
};

// Throws Error naming the width (and the widest term) or the memory the design would need;
// `memory_bytes` is the machine's (data::usable_memory(); 0 when unknown: no memory check).
void check_design_size(std::size_t rows, const std::vector<TermWidth>& terms, std::size_t memory_bytes);

}  // namespace gvcpanel::models
