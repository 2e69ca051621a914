// `fit --merge FILE --on "k1 k2"`: a measures file (gvcpanel measures ... --out FILE) joined to the
// data by keys before the model is built (data::left_join), so its columns can enter the formula.
#pragma once

#include <string>
#include <vector>

#include "data/frame.hpp"

namespace gvcpanel::cli {

class MeasuresMerge {
public:
    MeasuresMerge(const std::string& path, const std::string& on);
    // The columns to read from the data: those the model needs (all when empty) without the
    // measures' own, plus the keys.
    std::vector<std::string> data_columns(std::vector<std::string> needed) const;
    // Joins; a key that the data read as text is read as text in the measures too (codes as 0011).
    data::Frame join(data::Frame data) const;

private:
    std::string path_;
    std::vector<std::string> keys_;
    std::vector<std::string> measure_columns_;
};

}  // namespace gvcpanel::cli
