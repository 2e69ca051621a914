// read_dta: Stata .dta files (formats 114 to 119, and the older 104 to 113 that ReadStat also
// reads) through ReadStat's callback parser; the format is checked first so that a newer file
// (Stata 18's format 120 and 121) gets a message naming its version. Numbers are collected as doubles and typed at the end: byte, int and
// long become integer columns, float and double numeric; a variable with value labels becomes
// categorical with its labels as levels, in the order of the underlying values.
#include <readstat.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <limits>
#include <map>
#include <sstream>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "data/error.hpp"
#include "data/names.hpp"
#include "data/read.hpp"

namespace gvcpanel::data {
namespace {

struct Variable {
    std::string name;
    std::string label;
    std::string label_set;  // value-label set name; empty when none
    readstat_type_t type = READSTAT_TYPE_DOUBLE;
    std::vector<double> numbers;               // numeric types; NaN = missing
    std::vector<std::int32_t> codes;           // strings: codes into `levels`, kMissingCode = ""
    std::vector<std::string> levels;
    std::unordered_map<std::string, std::int32_t> level_codes;
};

struct Context {
    const ReadOptions* options = nullptr;
    std::size_t rows = 0;
    std::vector<std::string> all_names;
    std::vector<Variable> variables;
    std::vector<std::size_t> slot;  // ReadStat variable index -> position in `variables`
    std::map<std::string, std::map<double, std::string>> label_sets;
    std::string parse_message;
};

bool is_string(readstat_type_t type) {
    return type == READSTAT_TYPE_STRING || type == READSTAT_TYPE_STRING_REF;
}

bool is_integer(readstat_type_t type) {
    return type == READSTAT_TYPE_INT8 || type == READSTAT_TYPE_INT16 || type == READSTAT_TYPE_INT32;
}

int on_metadata(readstat_metadata_t* metadata, void* user) {
    auto& context = *static_cast<Context*>(user);
    const int rows = readstat_get_row_count(metadata);
    context.rows = rows > 0 ? static_cast<std::size_t>(rows) : 0;
    const int variables = readstat_get_var_count(metadata);
    context.slot.assign(variables > 0 ? static_cast<std::size_t>(variables) : 0, 0);
    return READSTAT_HANDLER_OK;
}

int on_variable(int index, readstat_variable_t* variable, const char* label_set, void* user) {
    auto& context = *static_cast<Context*>(user);
    const std::string name = readstat_variable_get_name(variable);
    context.all_names.push_back(name);
    const auto& wanted = context.options->columns;
    if (!wanted.empty() && std::find(wanted.begin(), wanted.end(), name) == wanted.end())
        return READSTAT_HANDLER_SKIP_VARIABLE;
    Variable v;
    v.name = name;
    if (const char* label = readstat_variable_get_label(variable)) v.label = label;
    if (label_set != nullptr) v.label_set = label_set;
    v.type = readstat_variable_get_type(variable);
    if (is_string(v.type))
        v.codes.assign(context.rows, kMissingCode);
    else
        v.numbers.assign(context.rows, std::numeric_limits<double>::quiet_NaN());
    if (static_cast<std::size_t>(index) >= context.slot.size()) context.slot.resize(static_cast<std::size_t>(index) + 1);
    context.slot[static_cast<std::size_t>(index)] = context.variables.size();
    context.variables.push_back(std::move(v));
    return READSTAT_HANDLER_OK;
}

int on_value(int row, readstat_variable_t* variable, readstat_value_t value, void* user) {
    auto& context = *static_cast<Context*>(user);
    auto& v = context.variables[context.slot[static_cast<std::size_t>(readstat_variable_get_index(variable))]];
    const auto r = static_cast<std::size_t>(row);
    if (r >= context.rows) {
        context.parse_message = "more observations than the header announces";
        return READSTAT_HANDLER_ABORT;
    }
    if (is_string(v.type)) {
        const char* text = readstat_string_value(value);
        if (text == nullptr || *text == '\0') return READSTAT_HANDLER_OK;
        const auto [it, inserted] = v.level_codes.emplace(text, static_cast<std::int32_t>(v.levels.size()));
        if (inserted) v.levels.emplace_back(text);
        v.codes[r] = it->second;
        return READSTAT_HANDLER_OK;
    }
    if (!readstat_value_is_missing(value, variable)) v.numbers[r] = readstat_double_value(value);
    return READSTAT_HANDLER_OK;
}

int on_value_label(const char* set, readstat_value_t value, const char* label, void* user) {
    auto& context = *static_cast<Context*>(user);
    if (readstat_value_is_missing(value, nullptr) || readstat_value_type_class(value) != READSTAT_TYPE_CLASS_NUMERIC)
        return READSTAT_HANDLER_OK;
    context.label_sets[set][readstat_double_value(value)] = label;
    return READSTAT_HANDLER_OK;
}

std::string number_text(double x) {
    if (std::nearbyint(x) == x && std::fabs(x) < 1e15) return std::to_string(static_cast<std::int64_t>(x));
    std::ostringstream s;
    s.precision(17);
    s << x;
    return s.str();
}

Column sorted_strings(Variable& v) {
    std::vector<std::int32_t> order(v.levels.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<std::int32_t>(i);
    std::sort(order.begin(), order.end(), [&](auto a, auto b) {
        return v.levels[static_cast<std::size_t>(a)] < v.levels[static_cast<std::size_t>(b)];
    });
    std::vector<std::int32_t> rank(order.size());
    std::vector<std::string> levels(order.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        rank[static_cast<std::size_t>(order[i])] = static_cast<std::int32_t>(i);
        levels[i] = std::move(v.levels[static_cast<std::size_t>(order[i])]);
    }
    for (auto& code : v.codes)
        if (code != kMissingCode) code = rank[static_cast<std::size_t>(code)];
    return Column::categorical(v.name, std::move(v.codes), std::move(levels));
}

// Levels are the labels of the values that occur, in the order of the values; a value without a
// label is its number written out; values sharing a label share a level.
Column labelled(Variable& v, const std::map<double, std::string>& labels) {
    std::map<double, std::int32_t> value_code;
    for (double x : v.numbers)
        if (!std::isnan(x)) value_code.emplace(x, 0);
    std::vector<std::string> levels;
    std::unordered_map<std::string, std::int32_t> level_code;
    for (auto& [x, code] : value_code) {
        const auto found = labels.find(x);
        const std::string text = found != labels.end() ? found->second : number_text(x);
        const auto [it, inserted] = level_code.emplace(text, static_cast<std::int32_t>(levels.size()));
        if (inserted) levels.push_back(text);
        code = it->second;
    }
    std::vector<std::int32_t> codes(v.numbers.size(), kMissingCode);
    for (std::size_t r = 0; r < codes.size(); ++r)
        if (!std::isnan(v.numbers[r])) codes[r] = value_code.at(v.numbers[r]);
    return Column::categorical(v.name, std::move(codes), std::move(levels));
}

Column to_column(Variable& v, const Context& context) {
    Column column;
    if (is_string(v.type)) {
        column = sorted_strings(v);
    } else if (const auto set = context.label_sets.find(v.label_set);
               !v.label_set.empty() && set != context.label_sets.end()) {
        column = labelled(v, set->second);
    } else if (is_integer(v.type)) {
        std::vector<std::int64_t> values(v.numbers.size());
        for (std::size_t r = 0; r < values.size(); ++r)
            values[r] = std::isnan(v.numbers[r]) ? kMissingInteger : static_cast<std::int64_t>(v.numbers[r]);
        column = Column::integer(v.name, std::move(values));
    } else {
        column = Column::numeric(v.name, std::move(v.numbers));
    }
    column.label = v.label;
    return column;
}

constexpr int kOldestFormat = 104;
constexpr int kNewestFormat = 119;

// The format number from the file's first bytes: "<stata_dta><header><release>NNN" (117 and
// later) or a leading version byte followed by the byte order 1 or 2 (older formats); 0 when the
// file looks like neither.
int format_version(const std::string& path) {
    if (std::filesystem::is_directory(path))
        throw Error("cannot read " + path + ": it is a directory, not a file");
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (file == nullptr) throw Error("cannot open " + path + ": " + std::strerror(errno));
    char head[64] = {};
    const std::size_t got = std::fread(head, 1, sizeof head - 1, file);
    std::fclose(file);
    const std::string_view text(head, got);
    constexpr std::string_view kXmlStart = "<stata_dta><header><release>";
    if (text.starts_with(kXmlStart)) {
        int version = 0;
        for (std::size_t i = kXmlStart.size(); i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i)
            version = version * 10 + (text[i] - '0');
        return version;
    }
    if (got >= 2 && (head[1] == 1 || head[1] == 2)) return static_cast<unsigned char>(head[0]);
    return 0;
}

}  // namespace

Frame read_dta(const std::string& path, const ReadOptions& options) {
    options.validate();
    const int version = format_version(path);
    if (version == 0) throw Error(path + ": not a Stata .dta file (its first bytes are not a .dta header)");
    if (version < kOldestFormat || version > kNewestFormat)
        throw Error(path + ": Stata .dta format " + std::to_string(version) +
                    " is not supported (formats " + std::to_string(kOldestFormat) + " to " +
                    std::to_string(kNewestFormat) + " are; Stata's saveold writes one)");
    Context context;
    context.options = &options;
    readstat_parser_t* parser = readstat_parser_init();
    readstat_set_metadata_handler(parser, on_metadata);
    readstat_set_variable_handler(parser, on_variable);
    readstat_set_value_handler(parser, on_value);
    readstat_set_value_label_handler(parser, on_value_label);
    const readstat_error_t status = readstat_parse_dta(parser, path.c_str(), &context);
    readstat_parser_free(parser);
    if (status != READSTAT_OK)
        throw Error(path + ": not a readable Stata .dta file (" +
                    (context.parse_message.empty() ? std::string(readstat_error_message(status))
                                                   : context.parse_message) + ")");
    for (const auto& name : options.columns)
        if (std::find(context.all_names.begin(), context.all_names.end(), name) == context.all_names.end())
            throw Error(path + ": no column '" + name + "'" + did_you_mean(name, context.all_names));

    Frame frame;
    frame.source = path;
    std::vector<std::size_t> order(context.variables.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    if (!options.columns.empty()) {
        const auto position = [&](std::size_t i) {
            return std::find(options.columns.begin(), options.columns.end(), context.variables[i].name) -
                   options.columns.begin();
        };
        std::sort(order.begin(), order.end(), [&](auto a, auto b) { return position(a) < position(b); });
    }
    for (std::size_t i : order) frame.add(to_column(context.variables[i], context));
    return frame;
}

}  // namespace gvcpanel::data
