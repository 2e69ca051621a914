// Reads a batch file with toml++: each key of a [[model]] (or of [defaults]) is a string, an array
// of strings (choices), or for flags a boolean; the model's keys override the defaults.
#include "cli/batch_spec.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <toml++/toml.h>

#include "cli/batch_fields.hpp"
#include "data/error.hpp"
#include "data/names.hpp"

namespace gvcpanel::cli {

namespace {

const std::vector<std::string> kFormulaParts = {"outcome", "terms", "sw", "sw0", "csw", "csw0",
                                                "fixed_effects", "instruments"};
const std::vector<std::string> kModelKeys = {"name", "primary", "split", "interest"};

std::string where(const std::string& file, const toml::source_region& source) {
    return file + ":" + std::to_string(source.begin.line) + ":" + std::to_string(source.begin.column);
}

std::string category(const std::string& key) {
    if (key == "outcome") return "Outcome";
    if (key == "terms") return "Terms";
    if (key == "sw") return "Alternative";
    if (key == "csw") return "Controls";
    if (key == "fixed_effects") return "Fixed effects";
    if (key == "instruments") return "Instruments";
    if (key == "formula") return "Formula";
    if (key == "vcov") return "Vcov";
    if (key == "estimator") return "Estimator";
    if (key == "subset") return "Sample";
    return key;
}

std::vector<std::string> allowed_keys() {
    auto keys = kFormulaParts;
    keys.insert(keys.end(), kModelKeys.begin(), kModelKeys.end());
    for (const auto& name : request_field_names()) keys.push_back(name);
    return keys;
}

// A string or an array of strings (a boolean for flags) as text values.
std::vector<std::string> strings(const toml::node& node, const std::string& key, const std::string& file) {
    if (const auto* text = node.as_string()) return {text->get()};
    if (const auto* flag = node.as_boolean()) return {flag->get() ? "true" : "false"};
    const auto* array = node.as_array();
    const std::string rule = "'" + key + "' must be a string or an array of strings";
    if (!array) throw Error(where(file, node.source()) + ": " + rule);
    if (array->empty()) throw Error(where(file, node.source()) + ": '" + key + "' is an empty array");
    std::vector<std::string> values;
    for (const auto& element : *array) {
        const auto* text = element.as_string();
        if (!text) throw Error(where(file, element.source()) + ": " + rule);
        values.push_back(text->get());
    }
    return values;
}

// csw: cumulative sets a, a + b, ...; sw: one alternative at a time; the 0 forms start with none.
std::vector<std::string> stepwise(const std::vector<std::string>& terms, bool cumulative, bool with_none) {
    std::vector<std::string> values;
    if (with_none) values.push_back("");
    std::string set;
    for (const auto& term : terms) {
        set = cumulative && !set.empty() ? set + " + " + term : term;
        values.push_back(cumulative ? set : term);
    }
    return values;
}

// Settings by key, pointing into the parsed document so that errors keep their source positions.
using Settings = std::map<std::string, const toml::node*>;

BatchModel parse_model(const toml::table& model, const Settings& defaults, const std::string& file,
                       std::size_t index) {
    Settings merged = defaults;
    for (const auto& [key, value] : model) merged[std::string(key.str())] = &value;
    BatchModel result;
    result.name = "model " + std::to_string(index + 1);
    result.where = where(file, model.source());
    const auto keys = allowed_keys();
    bool has_formula_part = false;
    for (const auto& [key, node_pointer] : merged) {
        const toml::node& node = *node_pointer;
        const std::string at = where(file, node.source());
        if (std::find(keys.begin(), keys.end(), key) == keys.end())
            throw Error(at + ": unknown key '" + key + "'" + data::did_you_mean(key, keys));
        if (key == "name" || key == "split") {
            const auto* text = node.as_string();
            if (!text) throw Error(at + ": '" + key + "' must be a string");
            (key == "name" ? result.name : result.split) = text->get();
        } else if (key == "primary") {
            const auto* flag = node.as_boolean();
            if (!flag) throw Error(at + ": 'primary' must be true or false");
            result.primary = flag->get();
        } else if (key == "interest") {
            result.interest = strings(node, key, file);
        } else if (key == "sw" || key == "sw0" || key == "csw" || key == "csw0") {
            const bool cumulative = key[0] == 'c';
            const std::string name = cumulative ? "csw" : "sw";
            for (const auto& dimension : result.dimensions)
                if (dimension.key == name) throw Error(at + ": '" + key + "' and '" + key + "0' together: choose one");
            result.dimensions.push_back(
                {name, category(name), stepwise(strings(node, key, file), cumulative, key.back() == '0')});
            has_formula_part = true;
        } else if (const auto* kind = request_field_kind(key); kind && *kind == FieldKind::list) {
            result.lists.emplace_back(key, strings(node, key, file));
        } else {
            if (kind && *kind == FieldKind::flag && !node.as_boolean())
                throw Error(at + ": '" + key + "' must be true or false");
            if ((!kind || *kind == FieldKind::text) && node.as_boolean())
                throw Error(at + ": '" + key + "' must be a string or an array of strings");
            result.dimensions.push_back({key, category(key), strings(node, key, file)});
            if (!kind) has_formula_part = true;
        }
    }
    const bool has_formula = merged.count("formula") > 0;
    if (has_formula && has_formula_part)
        throw Error(result.where + ": model '" + result.name +
                    "' has both 'formula' and formula parts (outcome, terms, sw, csw, fixed_effects, instruments)");
    if (!has_formula && merged.count("outcome") == 0)
        throw Error(result.where + ": model '" + result.name + "' needs 'formula' or 'outcome'");
    return result;
}

}  // namespace

BatchSpec parse_batch_spec(const std::string& text, const std::string& file, const std::string& folder) {
    toml::table root;
    try {
        root = toml::parse(text, file);
    } catch (const toml::parse_error& e) {
        throw Error(where(file, e.source()) + ": " + std::string(e.description()));
    }
    BatchSpec spec;
    spec.file = file;
    spec.text = text;
    Settings defaults;
    const std::vector<std::string> top_keys = {"data", "sheet", "simulate", "panel", "defaults", "model", "na", "decimal", "text"};
    for (const auto& [key_view, node] : root) {
        const std::string key(key_view.str());
        const std::string at = where(file, node.source());
        if (std::find(top_keys.begin(), top_keys.end(), key) == top_keys.end())
            throw Error(at + ": unknown key '" + key + "' at the top level" + data::did_you_mean(key, top_keys) +
                        " (model settings go in [defaults] or [[model]])");
        if (key == "data") {
            const auto* path = node.as_string();
            if (!path) throw Error(at + ": 'data' must be a file name");
            const std::filesystem::path data(path->get());
            spec.data = (data.is_relative() && !folder.empty() ? std::filesystem::path(folder) / data : data).string();
        } else if (key == "simulate") {
            spec.simulate = true;
            if (const auto* flag = node.as_boolean()) {
                spec.simulate = flag->get();
            } else if (const auto* table = node.as_table()) {
                spec.simulation.firms = table->get("firms") ? table->get("firms")->value_or<std::int64_t>(0) : spec.simulation.firms;
                spec.simulation.years = table->get("years") ? table->get("years")->value_or<std::int64_t>(0) : spec.simulation.years;
                spec.simulation.seed = table->get("seed") ? table->get("seed")->value_or<std::uint64_t>(0) : spec.simulation.seed;
            } else {
                throw Error(at + ": 'simulate' must be true or a table {firms, years, seed}");
            }
        } else if (key == "na" || key == "text") {
            (key == "na" ? spec.reading.na : spec.reading.text) = strings(node, key, file);
        } else if (key == "sheet") {
            const auto* sheet = node.as_string();
            if (!sheet) throw Error(at + ": 'sheet' must be the name of a sheet of the .xlsx data file");
            spec.reading.sheet = sheet->get();
        } else if (key == "decimal") {
            const auto* mark = node.as_string();
            if (!mark || (mark->get() != "." && mark->get() != ","))
                throw Error(at + ": 'decimal' must be \".\" or \",\"");
            spec.reading.decimal = mark->get();
        } else if (key == "panel") {
            if (!node.as_string()) throw Error(at + ": 'panel' must be a string \"ID\" or \"ID,TIME\"");
            defaults["panel"] = &node;
        } else if (key == "defaults") {
            if (!node.as_table()) throw Error(at + ": 'defaults' must be a table [defaults]");
            for (const auto& [name, value] : *node.as_table()) defaults[std::string(name.str())] = &value;
        }
    }
    if (spec.data.empty() == !spec.simulate)
        throw Error(file + ": give exactly one of 'data = \"FILE\"' and 'simulate = true'");
    const auto* models = root.get_as<toml::array>("model");
    if (!models || models->empty()) throw Error(file + ": no [[model]] table: nothing to estimate");
    for (std::size_t i = 0; i < models->size(); ++i) {
        const auto* model = (*models)[i].as_table();
        if (!model) throw Error(where(file, (*models)[i].source()) + ": 'model' must be an array of tables [[model]]");
        spec.models.push_back(parse_model(*model, defaults, file, i));
    }
    return spec;
}

BatchSpec read_batch_spec(const std::string& path) {
    std::error_code error;
    if (std::filesystem::is_directory(path, error)) throw Error(path + ": is a folder, not a batch file");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(path + ": cannot open the batch file");
    std::stringstream text;
    text << in.rdbuf();
    return parse_batch_spec(text.str(), path, std::filesystem::path(path).parent_path().string());
}

}  // namespace gvcpanel::cli
