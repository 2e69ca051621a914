#include "reports/labels.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <vector>

#include "data/error.hpp"

namespace gvcpanel::reports {

namespace {

// One CSV line into fields: commas separate, double quotes protect, "" is a quote.
std::vector<std::string> split_csv_line(const std::string& line, const std::string& where) {
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                fields.back() += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                fields.back() += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            fields.emplace_back();
        } else {
            fields.back() += c;
        }
    }
    if (quoted) throw Error(where + ": a quoted field is not closed");
    return fields;
}

// A value as the design names a factor level: whole numbers as integers, others shortest.
std::string level_text(double value) {
    if (value == std::nearbyint(value) && std::fabs(value) < 9007199254740992.0)
        return std::to_string(static_cast<std::int64_t>(value));
    char buffer[32];
    return std::string(buffer, std::to_chars(buffer, buffer + sizeof buffer, value).ptr);
}

}  // namespace

Labels read_labels(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw Error(path + ": cannot open the labels file");
    Labels labels;
    std::string line;
    for (std::size_t number = 1; std::getline(in, line); ++number) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) continue;
        const std::string where = path + ":" + std::to_string(number);
        const auto fields = split_csv_line(line, where);
        if (fields.size() != 2)
            throw Error(where + ": expected two fields, name,label; found " + std::to_string(fields.size()));
        if (number == 1 && fields[0] == "name" && fields[1] == "label") continue;
        if (fields[0].empty()) throw Error(where + ": the name is empty");
        labels[fields[0]] = fields[1];
    }
    return labels;
}

Labels labels_from_frame(const data::Frame& frame) {
    Labels labels;
    for (std::size_t i = 0; i < frame.cols(); ++i) {
        const auto& column = frame.column(i);
        if (!column.label.empty()) labels[column.name] = column.label;
        const std::string variable = column.label.empty() ? column.name : column.label;
        for (const auto& [value, text] : column.value_labels)
            labels[column.name + "::" + level_text(value)] = variable + " = " + text;
    }
    return labels;
}

std::string label_or(const Labels& labels, const std::string& name, const std::string& fallback) {
    const auto it = labels.find(name);
    return it == labels.end() ? fallback : it->second;
}

}  // namespace gvcpanel::reports
