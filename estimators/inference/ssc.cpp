#include "estimators/inference/ssc.hpp"

#include <map>
#include <vector>

#include "data/error.hpp"
#include "data/names.hpp"

namespace gvcpanel::estimators::inference {

namespace {

std::string trim(std::string_view s) {
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    const auto last = s.find_last_not_of(" \t");
    return std::string(s.substr(first, last - first + 1));
}

const std::map<std::string, Ssc>& presets() {
    static const std::map<std::string, Ssc> table = {
        {"default", Ssc{}},
        {"fixest", Ssc{.rules = SscRules::fixest, .fixef = FixefCount::nested, .adj = {}, .cluster_adj = {}}},
        {"plm", Ssc{.fixef = FixefCount::none, .adj = {}, .cluster_adj = {}}},
        {"areg", Ssc{.fixef = FixefCount::full, .adj = {}, .cluster_adj = {}}},
        {"none", Ssc{.fixef = FixefCount::none, .adj = false, .cluster_adj = false}},
    };
    return table;
}

const char* kAccepted =
    "accepted: a preset (default, fixest, plm, areg, none) or a comma list of fixef=nested|none|full, "
    "adj=1|0, cluster_adj=1|0, cluster_df=min|conventional, t_df=min|conventional|bm, vcov_fix=1|0, "
    "fixef_exact=1|0";

bool parse_flag(const std::string& key, const std::string& value, std::string_view text) {
    if (value == "1" || value == "true" || value == "yes") return true;
    if (value == "0" || value == "false" || value == "no") return false;
    throw Error("--ssc '" + std::string(text) + "': " + key + " must be 1 or 0, not '" + value + "'");
}

DfRule parse_df_rule(const std::string& key, const std::string& value, std::string_view text) {
    if (value == "min") return DfRule::min;
    if (value == "conventional") return DfRule::conventional;
    if (value == "bm" && key == "t_df") return DfRule::bm;
    throw Error("--ssc '" + std::string(text) + "': " + key + " must be min or conventional" +
                (key == "t_df" ? " or bm" : "") + ", not '" + value + "'");
}

const char* name(FixefCount f) {
    switch (f) {
        case FixefCount::nested: return "nested";
        case FixefCount::none: return "none";
        case FixefCount::full: return "full";
    }
    return "nested";
}

const char* name(DfRule d) { return d == DfRule::min ? "min" : d == DfRule::bm ? "bm" : "conventional"; }

}  // namespace

std::string Ssc::text() const {
    for (const auto& [preset, settings] : presets())
        if (settings == *this) return preset;
    const Ssc defaults;
    std::string s = rules == SscRules::fixest ? "fixest" : "";
    const auto add = [&s](const std::string& item) { s += (s.empty() ? "" : ",") + item; };
    if (fixef != defaults.fixef) add(std::string("fixef=") + name(fixef));
    if (adj) add(std::string("adj=") + (*adj ? "1" : "0"));
    if (cluster_adj) add(std::string("cluster_adj=") + (*cluster_adj ? "1" : "0"));
    if (cluster_df != defaults.cluster_df) add(std::string("cluster_df=") + name(cluster_df));
    if (t_df != defaults.t_df) add(std::string("t_df=") + name(t_df));
    if (vcov_fix != defaults.vcov_fix) add(std::string("vcov_fix=") + (vcov_fix ? "1" : "0"));
    if (fixef_exact != defaults.fixef_exact) add(std::string("fixef_exact=") + (fixef_exact ? "1" : "0"));
    return s;
}

Ssc parse_ssc(std::string_view text) {
    Ssc ssc;
    std::size_t start = 0;
    bool first = true;
    while (start <= text.size()) {
        const auto comma = text.find(',', start);
        const std::string item = trim(text.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
        start = comma == std::string_view::npos ? text.size() + 1 : comma + 1;
        if (item.empty()) throw Error("--ssc '" + std::string(text) + "': empty setting; " + kAccepted);
        const auto eq = item.find('=');
        if (eq == std::string::npos) {
            const auto it = presets().find(item);
            if (it == presets().end() || !first) {
                std::vector<std::string> names = {"fixef", "adj", "cluster_adj", "cluster_df", "t_df", "vcov_fix",
                                                  "fixef_exact"};
                for (const auto& p : presets()) names.push_back(p.first);
                throw Error("--ssc '" + std::string(text) + "': '" + item +
                            (it == presets().end() ? "' is not a preset or setting" + data::did_you_mean(item, names)
                                                   : "' is a preset and may only come first") +
                            "; " + kAccepted);
            }
            ssc = it->second;
            first = false;
            continue;
        }
        first = false;
        const std::string key = trim(std::string_view(item).substr(0, eq));
        const std::string value = trim(std::string_view(item).substr(eq + 1));
        if (key == "fixef") {
            if (value == "nested") ssc.fixef = FixefCount::nested;
            else if (value == "none") ssc.fixef = FixefCount::none;
            else if (value == "full") ssc.fixef = FixefCount::full;
            else throw Error("--ssc '" + std::string(text) + "': fixef must be nested, none or full, not '" + value + "'");
        } else if (key == "adj") {
            ssc.adj = parse_flag(key, value, text);
        } else if (key == "cluster_adj") {
            ssc.cluster_adj = parse_flag(key, value, text);
        } else if (key == "cluster_df") {
            ssc.cluster_df = parse_df_rule(key, value, text);
        } else if (key == "t_df") {
            ssc.t_df = parse_df_rule(key, value, text);
        } else if (key == "vcov_fix") {
            ssc.vcov_fix = parse_flag(key, value, text);
        } else if (key == "fixef_exact") {
            ssc.fixef_exact = parse_flag(key, value, text);
        } else {
            throw Error("--ssc '" + std::string(text) + "': unknown setting '" + key + "'" +
                        data::did_you_mean(key, {"fixef", "adj", "cluster_adj", "cluster_df", "t_df", "vcov_fix",
                                                 "fixef_exact"}) +
                        "; " + kAccepted);
        }
    }
    return ssc;
}

}  // namespace gvcpanel::estimators::inference
