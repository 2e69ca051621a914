#include "data/join.hpp"

#include <algorithm>
#include <limits>
#include <unordered_map>

#include "data/error.hpp"

namespace gvcpanel::data {

namespace {

std::string key_of(const Frame& frame, const std::vector<std::string>& keys, std::size_t row) {
    std::string key;
    for (const auto& name : keys) {
        key += frame.column(name).text(row);
        key += '\x1f';
    }
    return key;
}

}  // namespace

Frame left_join(Frame data, const Frame& measures, const std::vector<std::string>& keys) {
    if (keys.empty()) throw Error("--on: name the key columns to join on (e.g. \"country sector year\")");
    for (const auto& name : keys) {
        if (!data.has(name)) throw Error("--on " + name + ": the data have no column '" + name + "'");
        if (!measures.has(name)) throw Error("--on " + name + ": " + measures.source + " has no column '" + name + "'");
    }
    std::unordered_map<std::string, std::size_t> row_of;
    for (std::size_t i = 0; i < measures.rows(); ++i)
        if (!row_of.emplace(key_of(measures, keys, i), i).second)
            throw Error(measures.source + ":" + std::to_string(i + 2) + ": the keys (" + key_of(measures, keys, i) +
                        ") appear twice; a measures file has one row per key");
    std::vector<std::size_t> match(data.rows());
    constexpr std::size_t none = std::numeric_limits<std::size_t>::max();
    for (std::size_t i = 0; i < data.rows(); ++i) {
        const auto it = row_of.find(key_of(data, keys, i));
        match[i] = it == row_of.end() ? none : it->second;
    }
    for (const auto& name : measures.names()) {
        if (std::find(keys.begin(), keys.end(), name) != keys.end()) continue;
        if (data.has(name))
            throw Error(measures.source + ": column '" + name + "' is also in the data; rename one or leave it out of --merge");
        const Column& from = measures.column(name);
        Column to = from;
        to.numbers.clear(), to.integers.clear(), to.codes.clear(), to.residues.clear();
        for (std::size_t i = 0; i < data.rows(); ++i) {
            const bool found = match[i] != none;
            switch (from.type) {
                case ColumnType::numeric:
                    to.numbers.push_back(found ? from.numbers[match[i]] : std::numeric_limits<double>::quiet_NaN());
                    break;
                case ColumnType::integer: to.integers.push_back(found ? from.integers[match[i]] : kMissingInteger); break;
                case ColumnType::categorical: to.codes.push_back(found ? from.codes[match[i]] : kMissingCode); break;
            }
        }
        data.add(std::move(to));
    }
    return data;
}

}  // namespace gvcpanel::data
