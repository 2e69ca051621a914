#include "reports/term_selection.hpp"

#include <algorithm>
#include <regex>

#include "data/error.hpp"
#include "data/names.hpp"

namespace gvcpanel::reports {

bool selects(const std::string& entry, const std::string& name, const std::string& option) {
    if (entry == name) return true;
    try {
        return std::regex_match(name, std::regex(entry, std::regex::ECMAScript));
    } catch (const std::regex_error& e) {
        throw Error(option + ": '" + entry + "' is neither a term name nor a valid regular expression (" +
                    e.what() + ")");
    }
}

std::string renamed(const std::string& name, const TermSelection& selection) {
    for (const auto& [from, to] : selection.rename)
        if (from == name) return to;
    return name;
}

void TermSelection::validate() const {
    for (std::size_t i = 0; i < rename.size(); ++i) {
        if (rename[i].first.empty() || rename[i].second.empty())
            throw Error("rename[" + std::to_string(i) + "] is '" + rename[i].first + "=" + rename[i].second +
                        "'; both the old and the new name must be given (old=new)");
        for (std::size_t k = 0; k < i; ++k)
            if (rename[k].first == rename[i].first)
                throw Error("rename: '" + rename[i].first + "' is renamed twice");
    }
}

namespace {

void check_selects_something(const std::vector<std::string>& entries, const std::vector<std::string>& names,
                             const std::string& option) {
    for (const auto& entry : entries) {
        const bool any = std::any_of(names.begin(), names.end(),
                                     [&](const std::string& name) { return selects(entry, name, option); });
        if (!any) throw Error(option + ": '" + entry + "' selects no term" + data::did_you_mean(entry, names));
    }
}

bool selected_by_any(const std::vector<std::string>& entries, const std::string& name, const std::string& option) {
    return std::any_of(entries.begin(), entries.end(),
                       [&](const std::string& entry) { return selects(entry, name, option); });
}

}  // namespace

std::vector<std::string> select_terms(const std::vector<std::string>& names, const TermSelection& selection) {
    check_selects_something(selection.keep, names, "keep");
    check_selects_something(selection.drop, names, "drop");
    check_selects_something(selection.order, names, "order");
    std::vector<std::string> shown;
    for (const auto& name : names) {
        if (!selection.keep.empty() && !selected_by_any(selection.keep, name, "keep")) continue;
        if (selected_by_any(selection.drop, name, "drop")) continue;
        shown.push_back(name);
    }
    std::vector<std::string> ordered;
    for (const auto& entry : selection.order)
        for (const auto& name : shown)
            if (selects(entry, name, "order") && std::find(ordered.begin(), ordered.end(), name) == ordered.end())
                ordered.push_back(name);
    for (const auto& name : shown)
        if (std::find(ordered.begin(), ordered.end(), name) == ordered.end()) ordered.push_back(name);
    return ordered;
}

}  // namespace gvcpanel::reports
