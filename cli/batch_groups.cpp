#include "cli/batch_groups.hpp"

#include <map>
#include <string>

#include "cli/batch_fields.hpp"

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

}  // namespace gvcpanel::cli
