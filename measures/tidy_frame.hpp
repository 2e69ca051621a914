// A tidy table built row by row: text keys (country, sector, year, ...) as categorical columns in
// order of first appearance, then numeric columns; the frame every `measures` command writes.
#pragma once

#include <string>
#include <vector>

#include "data/frame.hpp"

namespace gvcpanel::measures {

class TidyFrame {
public:
    TidyFrame(std::vector<std::string> keys, std::vector<std::string> values);
    void add_row(const std::vector<std::string>& keys, const std::vector<double>& values);
    data::Frame frame() const;

private:
    std::vector<std::string> key_names_, value_names_;
    std::vector<std::vector<std::string>> keys_;  // by column
    std::vector<std::vector<double>> values_;     // by column
};

}  // namespace gvcpanel::measures
