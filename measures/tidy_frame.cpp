#include "measures/tidy_frame.hpp"

#include <unordered_map>

namespace gvcpanel::measures {

TidyFrame::TidyFrame(std::vector<std::string> keys, std::vector<std::string> values)
    : key_names_(std::move(keys)), value_names_(std::move(values)), keys_(key_names_.size()), values_(value_names_.size()) {}

void TidyFrame::add_row(const std::vector<std::string>& keys, const std::vector<double>& values) {
    for (std::size_t k = 0; k < keys_.size(); ++k) keys_[k].push_back(keys.at(k));
    for (std::size_t v = 0; v < values_.size(); ++v) values_[v].push_back(values.at(v));
}

data::Frame TidyFrame::frame() const {
    data::Frame frame;
    for (std::size_t k = 0; k < keys_.size(); ++k) {
        std::vector<std::string> levels;
        std::unordered_map<std::string, std::int32_t> code_of;
        std::vector<std::int32_t> codes;
        codes.reserve(keys_[k].size());
        for (const auto& text : keys_[k]) {
            const auto [it, added] = code_of.emplace(text, static_cast<std::int32_t>(levels.size()));
            if (added) levels.push_back(text);
            codes.push_back(it->second);
        }
        frame.add(data::Column::categorical(key_names_[k], std::move(codes), std::move(levels)));
    }
    for (std::size_t v = 0; v < values_.size(); ++v) frame.add(data::Column::numeric(value_names_[v], values_[v]));
    return frame;
}

}  // namespace gvcpanel::measures
