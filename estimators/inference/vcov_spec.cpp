#include "estimators/inference/vcov_spec.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>

#include "data/error.hpp"
#include "data/names.hpp"

namespace gvcpanel::estimators::inference {

namespace {

// Every keyword the command line accepts, and the type it names.
const std::map<std::string, VcovType, std::less<>>& keywords() {
    static const auto table = [] {
        std::map<std::string, VcovType, std::less<>> map;
        for (const auto& form : vcov_forms())
            for (const auto keyword : form.keywords) map.emplace(keyword, form.type);
        return map;
    }();
    return table;
}

std::string trim(std::string_view s) {
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    const auto last = s.find_last_not_of(" \t");
    return std::string(s.substr(first, last - first + 1));
}

// "iid (= classical), hc0, ...", for error messages.
std::string accepted_list() {
    std::string list;
    for (const auto& form : vcov_forms()) {
        list += (list.empty() ? "" : ", ") + std::string(form.usage);
        for (std::size_t k = 1; k < form.keywords.size(); ++k)
            list += (k == 1 ? " (= " : ", ") + std::string(form.keywords[k]) + (k + 1 == form.keywords.size() ? ")" : "");
    }
    return list;
}

int parse_lag(std::string_view argument, std::string_view text) {
    int lag = -1;
    const auto* end = argument.data() + argument.size();
    const auto [ptr, ec] = std::from_chars(argument.data(), end, lag);
    if (ec != std::errc() || ptr != end || lag < 0)
        throw Error("--vcov '" + std::string(text) + "': the lag must be a whole number >= 0, not '" +
                    std::string(argument) + "'");
    return lag;
}

}  // namespace

VcovSpec VcovSpec::hc(int which) {
    static constexpr VcovType types[] = {VcovType::hc0, VcovType::hc1, VcovType::hc2, VcovType::hc3};
    if (which < 0 || which > 3) throw Error("VcovSpec::hc: type " + std::to_string(which) + " is not one of 0..3");
    return {types[which], {}, -1, PcseUnit::time};
}

VcovSpec VcovSpec::cluster(std::vector<std::string> variables) {
    if (variables.empty()) throw Error("a cluster covariance needs at least one cluster variable");
    return {VcovType::cluster, std::move(variables), -1, PcseUnit::time};
}

VcovSpec VcovSpec::jackknife(std::vector<std::string> variable) {
    if (variable.size() > 1) throw Error("a jackknife deletes the clusters of one variable at a time, not several");
    return {VcovType::jackknife, std::move(variable), -1, PcseUnit::time};
}

VcovSpec VcovSpec::bias_reduced(VcovType type, std::string variable) {
    if (type != VcovType::cr2 && type != VcovType::cr3) throw Error("VcovSpec::bias_reduced: the type must be cr2 or cr3");
    if (variable.empty()) throw Error("a cr2 or cr3 covariance needs its cluster variable");
    return {type, {std::move(variable)}, -1, PcseUnit::time};
}

VcovSpec VcovSpec::driscoll_kraay(int lag) { return {VcovType::driscoll_kraay, {}, lag, PcseUnit::time}; }

VcovSpec VcovSpec::newey_west(int lag) {
    if (lag < 0) throw Error("a panel Newey-West covariance needs a lag >= 0 (nw:L)");
    return {VcovType::newey_west, {}, lag, PcseUnit::time};
}

std::string VcovSpec::text() const {
    switch (type) {
        case VcovType::iid: return "iid";
        case VcovType::hc0: return "hc0";
        case VcovType::hc1: return "hc1";
        case VcovType::hc2: return "hc2";
        case VcovType::hc3: return "hc3";
        case VcovType::cluster: {
            std::string s = "cluster:";
            for (std::size_t j = 0; j < clusters.size(); ++j) s += (j ? "+" : "") + clusters[j];
            return s;
        }
        case VcovType::driscoll_kraay: return lag < 0 ? "dk" : "dk:" + std::to_string(lag);
        case VcovType::newey_west: return "nw:" + std::to_string(lag);
        case VcovType::pcse: return pcse_unit == PcseUnit::time ? "pcse" : "pcse:group";
        case VcovType::jackknife: return clusters.empty() ? "jackknife" : "jackknife:" + clusters.front();
        case VcovType::cr2: return "cr2:" + clusters.front();
        case VcovType::cr3: return "cr3:" + clusters.front();
    }
    return "iid";
}

const std::vector<VcovForm>& vcov_forms() {
    static const std::vector<VcovForm> table = {
        {"iid", "s^2 (X'WX)^-1; likelihood models: the inverse information (the default)", VcovType::iid,
         {"iid", "classical"}},
        {"hc0", "heteroskedasticity-robust sandwich (White), no small-sample factor", VcovType::hc0, {"hc0"}},
        {"hc1", "hc0 times N/(N-K*) (Stata's robust)", VcovType::hc1, {"hc1", "robust", "hetero"}},
        {"hc2", "hc0 with scores scaled by 1/sqrt(1-h_i) (no absorbed fixed effects)", VcovType::hc2, {"hc2"}},
        {"hc3", "hc0 with scores scaled by 1/(1-h_i) (no absorbed fixed effects)", VcovType::hc3, {"hc3"}},
        {"cluster:VAR[+VAR2]", "clustered by VAR; VAR+VAR2 multi-way (Cameron, Gelbach and Miller)", VcovType::cluster,
         {"cluster"}},
        {"dk[:LAG]", "Driscoll-Kraay: robust to cross-sectional and serial correlation (Bartlett lag)",
         VcovType::driscoll_kraay, {"dk", "scc"}},
        {"nw:LAG", "panel Newey-West: serial correlation within entity up to the lag", VcovType::newey_west, {"nw"}},
        {"pcse[:time|group]", "Beck-Katz panel-corrected standard errors (unweighted least squares)",
         VcovType::pcse, {"pcse"}},
        {"cr2:VAR", "bias-reduced linearization CR2 (Bell-McCaffrey; clubSandwich), least squares",
         VcovType::cr2, {"cr2"}},
        {"cr3:VAR", "CR3, clubSandwich's approximate jackknife, least squares", VcovType::cr3, {"cr3"}},
        {"jackknife[:VAR]", "delete-one-cluster (or observation) jackknife, CV3: refits the model G times",
         VcovType::jackknife, {"jackknife"}},
    };
    return table;
}

VcovSpec parse_vcov(std::string_view text) {
    const std::string whole = trim(text);
    const auto colon = whole.find(':');
    std::string keyword = trim(std::string_view(whole).substr(0, colon));
    std::transform(keyword.begin(), keyword.end(), keyword.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const bool has_argument = colon != std::string::npos;
    const std::string argument = has_argument ? trim(std::string_view(whole).substr(colon + 1)) : "";

    const auto it = keywords().find(keyword);
    if (it == keywords().end()) {
        std::vector<std::string> names;
        for (const auto& entry : keywords()) names.push_back(entry.first);
        throw Error("--vcov '" + whole + "': unknown covariance type '" + keyword + "'" +
                    data::did_you_mean(keyword, names) + "; accepted: " + accepted_list());
    }
    const VcovType type = it->second;
    const bool takes_argument = type == VcovType::cluster || type == VcovType::driscoll_kraay ||
                                type == VcovType::newey_west || type == VcovType::pcse ||
                                type == VcovType::jackknife || type == VcovType::cr2 || type == VcovType::cr3;
    if (has_argument && !takes_argument)
        throw Error("--vcov '" + whole + "': '" + keyword + "' takes no argument; accepted: " +
                    accepted_list());
    switch (type) {
        case VcovType::cluster: {
            if (argument.empty())
                throw Error("--vcov '" + whole +
                            "': name the cluster variable(s): cluster:VAR or cluster:VAR1+VAR2");
            std::vector<std::string> variables;
            std::size_t start = 0;
            while (true) {
                const auto plus = argument.find('+', start);
                const std::string name = trim(std::string_view(argument).substr(start, plus - start));
                if (name.empty())
                    throw Error("--vcov '" + whole + "': empty cluster variable name");
                if (std::find(variables.begin(), variables.end(), name) != variables.end())
                    throw Error("--vcov '" + whole + "': cluster variable '" + name + "' appears twice");
                variables.push_back(name);
                if (plus == std::string::npos) break;
                start = plus + 1;
            }
            return VcovSpec::cluster(std::move(variables));
        }
        case VcovType::driscoll_kraay:
            return VcovSpec::driscoll_kraay(has_argument ? parse_lag(argument, whole) : -1);
        case VcovType::newey_west:
            if (!has_argument)
                throw Error("--vcov '" + whole + "': panel Newey-West needs its lag: nw:LAG");
            return VcovSpec::newey_west(parse_lag(argument, whole));
        case VcovType::pcse: {
            std::string unit = argument;
            std::transform(unit.begin(), unit.end(), unit.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            if (unit.empty() || unit == "time") return VcovSpec::pcse(PcseUnit::time);
            if (unit == "group") return VcovSpec::pcse(PcseUnit::group);
            throw Error("--vcov '" + whole + "': pcse takes time or group (plm's vcovBK cluster), not '" +
                        argument + "'");
        }
        case VcovType::cr2:
        case VcovType::cr3:
            if (argument.empty() || argument.find('+') != std::string::npos)
                throw Error("--vcov '" + whole + "': " + keyword + " takes one cluster variable: " + keyword + ":VAR");
            return VcovSpec::bias_reduced(type, argument);
        case VcovType::jackknife:
            if (has_argument && (argument.empty() || argument.find('+') != std::string::npos))
                throw Error("--vcov '" + whole + "': jackknife deletes the clusters of one variable: jackknife:VAR");
            return VcovSpec::jackknife(has_argument ? std::vector<std::string>{argument} : std::vector<std::string>{});
        default:
            return {type, {}, -1, PcseUnit::time};
    }
}

}  // namespace gvcpanel::estimators::inference
