#include "cli/batch_groups.hpp"

#include <algorithm>
#include <map>
#include <string>

#include "cli/batch_fields.hpp"
#include "models/formula.hpp"

namespace gvcpanel::cli {

std::vector<std::vector<const ExpandedSpec*>> group_by_fit(const std::vector<const ExpandedSpec*>& specs) {
    std::vector<std::vector<const ExpandedSpec*>> groups;
    std::map<std::string, std::size_t> group_of;  // the request without its vcov, as text -> group
    for (const auto* spec : specs) {
        ModelRequest fit = spec->request;
        fit.vcov.clear();
        const auto [it, added] = group_of.emplace(request_json(fit).dump(), groups.size());
        if (added) groups.emplace_back();
        groups[it->second].push_back(spec);
    }
    return groups;
}

namespace {

// The fixed effects as the formula writes them ("" for none, or when it does not parse: that
// specification fails alone wherever it runs).
std::string fixed_effects_part(const std::string& formula) {
    try {
        std::string part;
        for (const auto& effect : models::parse_formula(formula).fixed_effects) part += effect.label() + " ";
        return part;
    } catch (const std::exception&) {
        return "";
    }
}

}  // namespace

void order_by_sample(std::vector<std::vector<const ExpandedSpec*>>& groups) {
    std::map<const ExpandedSpec*, std::string> setting;
    for (const auto& group : groups) {
        const ModelRequest& request = group.front()->request;
        setting[group.front()] = request.subset + '\n' + fixed_effects_part(request.model) + '\n' +
                                 request.weights + '\n' + request.panel;
    }
    std::stable_sort(groups.begin(), groups.end(), [&](const auto& a, const auto& b) {
        return setting.at(a.front()) < setting.at(b.front());
    });
}

}  // namespace gvcpanel::cli
