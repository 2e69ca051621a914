// `gvcpanel measures icio|... [options] --out FILE.csv`: computes GVC, trade and cluster measures
// as a tidy panel to join to the estimation data (fit --merge); dispatches to the kind's file.
#include <boost/algorithm/string.hpp>
#include <iostream>
#include <map>

#include "cli/measures.hpp"
#include "data/error.hpp"
#include "data/names.hpp"

namespace gvcpanel::cli {

std::vector<std::string> split_list(const std::string& text) {
    std::vector<std::string> parts, out;
    boost::split(parts, text, boost::is_any_of(", "));
    for (auto& p : parts)
        if (!p.empty()) out.push_back(p);
    return out;
}

int run_measures(const Args& args) {
    static const std::map<std::string, std::pair<int (*)(const Args&), const char*>> kinds = {
        {"icio", {run_measures_icio, "decompositions of gross exports and GVC indicators from an input-output table"}},
        {"cluster", {run_measures_cluster, "location quotients, HHI, Krugman, Ellison-Glaeser, locational Gini"}},
        {"trade", {run_measures_trade, "revealed comparative advantage, PRODY/EXPY, economic complexity, density"}},
    };
    if (args.empty() || args[0] == "--help" || args[0] == "-h") {
        std::ostream& out = args.empty() ? std::cerr : std::cout;
        out << "usage: gvcpanel measures KIND [options] --out FILE.csv   (gvcpanel measures KIND --help)\n\n";
        for (const auto& [name, entry] : kinds) out << "  " << name << "  " << entry.second << "\n";
        return args.empty() ? 2 : 0;
    }
    const auto it = kinds.find(args[0]);
    if (it == kinds.end()) {
        std::vector<std::string> names;
        for (const auto& entry : kinds) names.push_back(entry.first);
        throw Error("unknown kind '" + args[0] + "'" + data::did_you_mean(args[0], names) + " (icio, trade, cluster)");
    }
    return it->second.first(Args(args.begin() + 1, args.end()));
}

}  // namespace gvcpanel::cli
