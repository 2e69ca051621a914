#include "reports/statistic_rows.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "data/error.hpp"
#include "data/names.hpp"
#include "reports/format_number.hpp"

namespace gvcpanel::reports {

namespace {

using json = nlohmann::ordered_json;

const std::map<std::string, std::string>& statistic_names() {
    static const std::map<std::string, std::string> names = {
        {"nobs", "Observations"},
        {"y_mean", "Mean of dependent variable"},
        {"fe_levels", "FE levels"},
        {"r2", "R-squared"},
        {"r2_adj", "Adjusted R-squared"},
        {"r2_within", "Within R-squared"},
        {"r2_between", "Between R-squared"},
        {"r2_overall", "Overall R-squared"},
        {"rmse", "RMSE"},
        {"f_stat", "F statistic"},
        {"f_p", "F p-value"},
        {"loglik", "Log-likelihood"},
        {"pseudo_r2", "Pseudo R-squared"},
        {"aic", "AIC"},
        {"bic", "BIC"},
        {"deviance", "Deviance"},
        {"df_resid", "Residual df"},
        {"n_clusters", "Clusters"},
        {"theta", "Theta"},
        {"sigma2_idiosyncratic", "Idiosyncratic variance"},
        {"sigma2_individual", "Individual variance"},
        {"sigma2_time", "Time variance"},
        {"n_instruments", "Instruments"},
        {"iterations", "Iterations"},
    };
    return names;
}

const std::map<std::string, std::string>& test_names() {
    static const std::map<std::string, std::string> names = {
        {"wald", "Wald"},
        {"hausman", "Hausman"},
        {"hausman_robust", "Robust Hausman"},
        {"bp_lm", "Breusch-Pagan LM"},
        {"honda", "Honda"},
        {"f_fe", "F test of fixed effects"},
        {"wooldridge_ar1", "Wooldridge AR(1)"},
        {"wooldridge_fd", "Wooldridge FD serial correlation"},
        {"bg_serial", "Breusch-Godfrey"},
        {"pesaran_cd", "Pesaran CD"},
        {"cragg_donald_f", "Cragg-Donald F"},
        {"kp_rk_wald_f", "Kleibergen-Paap Wald F"},
        {"kp_rk_lm", "Kleibergen-Paap LM"},
        {"sargan", "Sargan"},
        {"hansen", "Hansen J"},
        {"endogeneity", "Endogeneity"},
        {"ar1", "AR(1)"},
        {"ar2", "AR(2)"},
        {"lr_slopes", "LR test of slopes"},
    };
    return names;
}

const std::set<std::string>& count_statistics() {
    static const std::set<std::string> counts = {"nobs", "n_clusters", "df_resid", "n_instruments", "iterations",
                                                 "fe_levels"};
    return counts;
}

struct TestKey {
    std::string name;
    std::string field;  // p, stat or df
};

std::optional<TestKey> parse_test_key(const std::string& key) {
    if (key.rfind("test:", 0) != 0) return std::nullopt;
    std::string rest = key.substr(5);
    for (const char* field : {"p", "stat", "df"}) {
        const std::string suffix = std::string(":") + field;
        if (rest.size() > suffix.size() && rest.compare(rest.size() - suffix.size(), suffix.size(), suffix) == 0)
            return TestKey{rest.substr(0, rest.size() - suffix.size()), field};
    }
    return TestKey{rest, "p"};
}

std::pair<std::string, std::string> split_key(const std::string& key) {
    const auto colon = key.find(':');
    if (colon == std::string::npos) return {key, ""};
    return {key.substr(0, colon), key.substr(colon + 1)};
}

// The stats entry of a key ("theta:mean" -> stats.theta.mean), or nullptr.
const json* stats_entry(const estimators::Result& result, const std::string& key) {
    const auto [name, part] = split_key(key);
    if (!result.stats.contains(name)) return nullptr;
    const json& value = result.stats.at(name);
    if (part.empty()) return &value;
    if (!value.is_object() || !value.contains(part)) return nullptr;
    return &value.at(part);
}

// "fe_levels:firm": the levels of one fixed-effect dimension (Result::fixed_effects), or nullptr.
const estimators::FixedEffectSummary* fixed_effect(const estimators::Result& result, const std::string& name) {
    for (const auto& fe : result.fixed_effects)
        if (fe.name == name) return &fe;
    return nullptr;
}

bool has_statistic(const estimators::Result& result, const std::string& key) {
    if (key == "nobs") return true;
    if (const auto [name, part] = split_key(key); name == "fe_levels")
        return part.empty() ? !result.fixed_effects.empty() : fixed_effect(result, part) != nullptr;
    if (const auto test = parse_test_key(key)) return result.test(test->name) != nullptr;
    const json* entry = stats_entry(result, key);
    return entry != nullptr && !entry->is_null();
}

std::string test_label(const TestKey& key) {
    std::string name;
    if (const auto it = test_names().find(key.name); it != test_names().end())
        name = it->second;
    else if (key.name.rfind("first_stage_f:", 0) == 0)
        name = "First-stage F (" + key.name.substr(14) + ")";
    else if (key.name.rfind("sw_f:", 0) == 0)
        name = "Sanderson-Windmeijer F (" + key.name.substr(5) + ")";
    else if (key.name.rfind("diff_hansen:", 0) == 0)
        name = "Difference-in-Hansen (" + key.name.substr(12) + ")";
    else
        name = key.name;
    if (key.field == "p") return name + " p-value";
    if (key.field == "stat") return name + " statistic";
    return name + " df";
}

}  // namespace

std::vector<std::string> statistic_keys(const std::vector<std::string>& requested,
                                        const std::vector<const estimators::Result*>& results) {
    std::vector<std::string> keys;
    auto add = [&keys](const std::string& key) {
        if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
    };
    for (const auto& key : requested) {
        if (const auto test = parse_test_key(key)) {
            const bool any = std::any_of(results.begin(), results.end(),
                                         [&](const estimators::Result* r) { return r->test(test->name) != nullptr; });
            if (!any) {
                std::vector<std::string> present;
                for (const auto* r : results)
                    for (const auto& t : r->tests) present.push_back(t.name);
                throw Error("statistic '" + key + "': no result has a test named '" + test->name + "'" +
                            data::did_you_mean(test->name, present));
            }
            add(key);
            continue;
        }
        bool any = false;
        std::vector<std::string> parts;
        for (const auto* r : results) {
            if (!has_statistic(*r, key)) continue;
            any = true;
            if (key == "fe_levels")
                for (const auto& fe : r->fixed_effects)
                    if (std::find(parts.begin(), parts.end(), fe.name) == parts.end()) parts.push_back(fe.name);
            const json* entry = key == "nobs" || key == "fe_levels" ? nullptr : stats_entry(*r, key);
            if (entry != nullptr && entry->is_object())
                for (const auto& item : entry->items())
                    if (std::find(parts.begin(), parts.end(), item.key()) == parts.end()) parts.push_back(item.key());
        }
        if (!parts.empty())
            for (const auto& part : parts) add(key + ":" + part);
        else if (any)
            add(key);
        else if (!statistic_names().count(split_key(key).first)) {
            std::vector<std::string> known;
            for (const auto& entry : statistic_names()) known.push_back(entry.first);
            for (const auto* r : results)
                for (const auto& item : r->stats.items())
                    if (std::find(known.begin(), known.end(), item.key()) == known.end()) known.push_back(item.key());
            throw Error("statistic '" + key + "' is in none of the results" + data::did_you_mean(key, known) +
                        " (tests are chosen as test:NAME:p)");
        }
    }
    return keys;
}

std::string statistic_label(const std::string& key, const Labels& labels) {
    if (const auto it = labels.find(key); it != labels.end()) return it->second;
    if (const auto test = parse_test_key(key)) return test_label(*test);
    const auto [name, part] = split_key(key);
    const auto it = statistic_names().find(name);
    const std::string base = it == statistic_names().end() ? name : it->second;
    return part.empty() ? base : base + " (" + part + ")";
}

Cell statistic_cell(const estimators::Result& result, const std::string& key, int digits) {
    // Counts are centred rather than aligned on a decimal point they do not have (as esttab).
    if (key == "nobs") return {whole(static_cast<double>(result.nobs)), "", false};
    if (const auto test = parse_test_key(key)) {
        const auto* t = result.test(test->name);
        if (t == nullptr) return {};
        if (test->field == "p") return {fixed(t->p, digits), "", true};
        if (test->field == "stat") return {fixed(t->stat, digits), "", true};
        std::string text;
        for (double df : t->df) text += (text.empty() ? "" : ", ") + whole(df);
        return {text, "", false};
    }
    if (const auto [name, part] = split_key(key); name == "fe_levels") {
        const auto* fe = fixed_effect(result, part);
        return fe == nullptr ? Cell{} : Cell{whole(static_cast<double>(fe->levels)), "", false};
    }
    const json* entry = stats_entry(result, key);
    if (entry == nullptr || !entry->is_number()) return {};
    const bool count = count_statistics().count(split_key(key).first) > 0;
    return {count ? whole(entry->get<double>()) : fixed(entry->get<double>(), digits), "", !count};
}

}  // namespace gvcpanel::reports
