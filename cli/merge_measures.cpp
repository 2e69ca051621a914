#include "cli/merge_measures.hpp"

#include <algorithm>
#include <boost/algorithm/string.hpp>

#include "data/error.hpp"
#include "data/join.hpp"
#include "data/read.hpp"

namespace gvcpanel::cli {

MeasuresMerge::MeasuresMerge(const std::string& path, const std::string& on) : path_(path) {
    std::vector<std::string> parts;
    boost::split(parts, on, boost::is_any_of(", "));
    for (auto& p : parts)
        if (!p.empty()) keys_.push_back(p);
    if (keys_.empty()) throw Error("--merge needs --on \"KEY1 KEY2 ...\" (the columns that identify a row of " + path + ")");
    for (const auto& name : data::read_table(path).names())
        if (std::find(keys_.begin(), keys_.end(), name) == keys_.end()) measure_columns_.push_back(name);
}

std::vector<std::string> MeasuresMerge::data_columns(std::vector<std::string> needed) const {
    if (needed.empty()) return needed;
    std::erase_if(needed, [&](const std::string& name) {
        return std::find(measure_columns_.begin(), measure_columns_.end(), name) != measure_columns_.end();
    });
    for (const auto& key : keys_)
        if (std::find(needed.begin(), needed.end(), key) == needed.end()) needed.push_back(key);
    return needed;
}

data::Frame MeasuresMerge::join(data::Frame data) const {
    data::ReadOptions options;
    for (const auto& key : keys_)
        if (data.has(key) && data.column(key).type == data::ColumnType::categorical) options.text_columns.push_back(key);
    return data::left_join(std::move(data), data::read_table(path_, options), keys_);
}

}  // namespace gvcpanel::cli
