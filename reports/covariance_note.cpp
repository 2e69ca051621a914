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

std::string covariance_note(const std::vector<std::string>& vcovs, Below below) {
    static const std::map<Below, std::string> what = {
        {Below::se, "Standard errors in parentheses"},
        {Below::t, "t statistics in parentheses, with standard errors"},
        {Below::p, "p-values in parentheses, with standard errors"},
        {Below::ci, "Confidence intervals in brackets, with standard errors"},
    };
    if (below == Below::none || vcovs.empty()) return "";
    std::vector<std::pair<std::string, std::string>> runs;  // (columns, description)
    std::size_t first = 0;
    for (std::size_t i = 1; i <= vcovs.size(); ++i) {
        if (i < vcovs.size() && describe_covariance(vcovs[i]) == describe_covariance(vcovs[first])) continue;
        runs.emplace_back(columns_text(first, i - 1), describe_covariance(vcovs[first]));
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

}  // namespace gvcpanel::reports
