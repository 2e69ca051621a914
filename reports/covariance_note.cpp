#include "reports/covariance_note.hpp"

#include <map>

#include "reports/format_number.hpp"

namespace gvcpanel::reports {

namespace {

std::string join_names(const std::string& plus_separated) {
    std::vector<std::string> names;
    std::size_t start = 0;
    while (true) {
        const auto plus = plus_separated.find('+', start);
        names.push_back(plus_separated.substr(start, plus - start));
        if (plus == std::string::npos) break;
        start = plus + 1;
    }
    std::string text;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0) text += i + 1 == names.size() ? " and " : ", ";
        text += names[i];
    }
    return text;
}

std::string after_colon(const std::string& vcov) {
    const auto colon = vcov.find(':');
    return colon == std::string::npos ? "" : vcov.substr(colon + 1);
}

std::string columns_text(std::size_t first, std::size_t last) {
    std::string text = enclosed('(', std::to_string(first + 1), ')');
    if (last > first) {
        text += '-';
        text += enclosed('(', std::to_string(last + 1), ')');
    }
    return text;
}

}  // namespace

std::string describe_covariance(const std::string& vcov) {
    static const std::map<std::string, std::string> fixed_names = {
        {"iid", "assuming homoskedastic errors (iid)"},
        {"hc0", "heteroskedasticity-robust (HC0)"},
        {"hc1", "heteroskedasticity-robust (HC1)"},
        {"robust", "heteroskedasticity-robust (HC1)"},
        {"hc2", "heteroskedasticity-robust (HC2)"},
        {"hc3", "heteroskedasticity-robust (HC3)"},
        {"pcse", "panel-corrected (Beck-Katz)"},
        {"dk", "Driscoll-Kraay"},
        {"influence", "from the influence functions"},
    };
    if (const auto it = fixed_names.find(vcov); it != fixed_names.end()) return it->second;
    const std::string kind = vcov.substr(0, vcov.find(':'));
    const std::string argument = after_colon(vcov);
    if (kind == "cluster" && !argument.empty()) {
        const bool multiway = argument.find('+') != std::string::npos;
        return std::string(multiway ? "multiway-clustered by " : "clustered by ") + join_names(argument);
    }
    if (kind == "dk" && !argument.empty()) return "Driscoll-Kraay with " + argument + " lags";
    if (kind == "nw" && !argument.empty()) return "Newey-West with " + argument + " lags";
    if (kind == "multiplier" && !argument.empty()) return "multiplier bootstrap (" + argument + " draws)";
    return vcov.empty() ? "of unrecorded type" : vcov;
}

std::string describe_covariance(const estimators::Result& result) {
    return result.vcov_label.empty() ? describe_covariance(result.vcov) : result.vcov_label;
}

namespace {

std::string note_of(const std::vector<std::string>& descriptions, Below below) {
    static const std::map<Below, std::string> what = {
        {Below::se, "Standard errors in parentheses"},
        {Below::t, "t statistics in parentheses, with standard errors"},
        {Below::p, "p-values in parentheses, with standard errors"},
        {Below::ci, "Confidence intervals in brackets, with standard errors"},
    };
    if (below == Below::none || descriptions.empty()) return "";
    std::vector<std::pair<std::string, std::string>> runs;  // (columns, description)
    std::size_t first = 0;
    for (std::size_t i = 1; i <= descriptions.size(); ++i) {
        if (i < descriptions.size() && descriptions[i] == descriptions[first]) continue;
        runs.emplace_back(columns_text(first, i - 1), descriptions[first]);
        first = i;
    }
    if (runs.size() == 1) return what.at(below) + (below == Below::se ? ", " : " ") + runs.front().second + ".";
    std::string text = what.at(below) + ": ";
    for (std::size_t i = 0; i < runs.size(); ++i) {
        if (i > 0) text += "; ";
        text += runs[i].first + " " + runs[i].second;
    }
    return text + ".";
}

}  // namespace

std::string covariance_note(const std::vector<std::string>& vcovs, Below below) {
    std::vector<std::string> descriptions;
    for (const auto& vcov : vcovs) descriptions.push_back(describe_covariance(vcov));
    return note_of(descriptions, below);
}

std::string results_covariance_note(const std::vector<const estimators::Result*>& results, Below below) {
    std::vector<std::string> descriptions;
    for (const auto* result : results) descriptions.push_back(describe_covariance(*result));
    return note_of(descriptions, below);
}

}  // namespace gvcpanel::reports
