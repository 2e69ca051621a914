// The cartesian product of a model's choices, the formula assembled from its parts as fixest
// writes it: outcome ~ terms + sw + csw | fixed effects | instruments.
#include "cli/batch_expand.hpp"

#include <algorithm>
#include <limits>
#include <set>

#include "cli/batch_fields.hpp"
#include "cli/batch_id.hpp"
#include "cli/run_model.hpp"
#include "data/error.hpp"

namespace gvcpanel::cli {

namespace {

std::string label(const std::string& key, const std::string& value) {
    if (!value.empty()) return value;
    return key == "subset" ? "all rows" : "none";
}

std::string formula(const std::map<std::string, std::string>& parts) {
    auto part = [&](const char* key) {
        const auto it = parts.find(key);
        return it == parts.end() ? std::string() : it->second;
    };
    std::string rhs;
    for (const char* key : {"terms", "sw", "csw"})
        if (!part(key).empty()) rhs += (rhs.empty() ? "" : " + ") + part(key);
    std::string text = part("outcome") + " ~ " + (rhs.empty() ? "1" : rhs);
    if (!part("fixed_effects").empty()) text += " | " + part("fixed_effects");
    if (!part("instruments").empty()) text += " | " + part("instruments");
    return text;
}

std::string split_condition(const std::string& subset, const std::string& variable, const std::string& level) {
    const std::string condition = variable + " == " + level;
    return subset.empty() ? condition : "(" + subset + ") && " + condition;
}

}  // namespace

std::vector<std::string> split_columns(const BatchSpec& spec) {
    std::set<std::string> columns;
    for (const auto& model : spec.models)
        if (!model.split.empty()) columns.insert(model.split);
    return {columns.begin(), columns.end()};
}

SplitLevels split_levels(const data::Frame& frame, const std::vector<std::string>& columns) {
    SplitLevels levels;
    for (const auto& name : columns) {
        const auto& column = frame.column(name);
        auto& out = levels[name];
        if (column.type == data::ColumnType::categorical) {
            std::set<std::string> present;
            for (const auto code : column.codes)
                if (code != data::kMissingCode) present.insert(column.levels[static_cast<std::size_t>(code)]);
            for (const auto& level : present) out.push_back("\"" + level + "\"");
        } else {
            std::map<double, std::size_t> first_row;  // value -> a row that holds it, for its text
            for (std::size_t row = 0; row < column.size(); ++row)
                if (!column.is_missing(row)) first_row.emplace(column.number(row), row);
            for (const auto& [value, row] : first_row) out.push_back(column.text(row));
        }
    }
    return levels;
}

std::size_t count_specifications(const BatchSpec& spec, const SplitLevels& levels) {
    constexpr std::size_t kMost = std::numeric_limits<std::size_t>::max();
    const auto times = [](std::size_t a, std::size_t b) { return b != 0 && a > kMost / b ? kMost : a * b; };
    std::size_t total = 0;
    for (const auto& model : spec.models) {
        std::size_t count = model.split.empty() ? 1 : levels.at(model.split).size();
        for (const auto& dimension : model.dimensions) count = times(count, dimension.values.size());
        total = count > kMost - total ? kMost : total + count;
    }
    return total;
}

void for_each_specification(const BatchSpec& spec, const std::string& data_checksum, const SplitLevels& levels,
                            const std::function<void(ExpandedSpec&&)>& visit) {
    for (const auto& model : spec.models) {
        std::vector<std::string> split{""};
        if (!model.split.empty()) split = levels.at(model.split);
        std::vector<std::size_t> pick(model.dimensions.size(), 0);
        bool first = true;
        while (true) {
            for (const auto& level : split) {
                ExpandedSpec out;
                out.model = model.name;
                out.interest = model.interest;
                out.primary = model.primary && first && level == split.front();
                std::map<std::string, std::string> parts;
                if (spec.models.size() > 1) out.choices.emplace_back("Model", model.name);
                for (std::size_t d = 0; d < model.dimensions.size(); ++d) {
                    const auto& dimension = model.dimensions[d];
                    const auto& value = dimension.values[pick[d]];
                    if (request_field_kind(dimension.key)) set_request_field(out.request, dimension.key, value);
                    else parts[dimension.key] = value;
                    if (dimension.values.size() > 1) out.choices.emplace_back(dimension.category, label(dimension.key, value));
                }
                if (!parts.empty()) out.request.model = formula(parts);
                for (const auto& [key, values] : model.lists)
                    for (const auto& value : values) set_request_field(out.request, key, value);
                if (!level.empty()) {
                    out.request.subset = split_condition(out.request.subset, model.split, level);
                    out.choices.emplace_back("Split", model.split + " = " + level);
                }
                nlohmann::ordered_json canonical = {{"model", model.name}, {"request", request_json(out.request)}};
                out.id = specification_id(data_checksum, canonical.dump());
                out.spec = canonical;
                out.spec["choices"] = nlohmann::ordered_json::object();
                for (const auto& [category, value] : out.choices) out.spec["choices"][category] = value;
                out.spec["primary"] = out.primary;
                visit(std::move(out));
            }
            first = false;
            // Next combination: the last dimension varies fastest.
            std::size_t d = model.dimensions.size();
            while (d > 0 && ++pick[d - 1] == model.dimensions[d - 1].values.size()) pick[--d] = 0;
            if (d == 0) break;
        }
    }
}

std::vector<ExpandedSpec> expand(const BatchSpec& spec, const std::string& data_checksum, const SplitLevels& levels) {
    std::vector<ExpandedSpec> specs;
    specs.reserve(count_specifications(spec, levels));
    for_each_specification(spec, data_checksum, levels, [&](ExpandedSpec&& out) { specs.push_back(std::move(out)); });
    return specs;
}

std::vector<std::string> columns_needed(const std::vector<ExpandedSpec>& specs) {
    std::set<std::string> columns;
    for (const auto& spec : specs) {
        try {
            const auto needed = columns_needed(spec.request);
            if (needed.empty()) return {};
            columns.insert(needed.begin(), needed.end());
        } catch (const Error&) {
            // A formula that does not parse reads nothing; its specification fails when it runs.
        }
    }
    return {columns.begin(), columns.end()};
}

}  // namespace gvcpanel::cli
