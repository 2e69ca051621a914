#include "estimators/result.hpp"

#include <cmath>
#include <limits>

#include "data/error.hpp"
#include "data/names.hpp"

namespace gvcpanel::estimators {

using json = nlohmann::ordered_json;

namespace {

// NaN and infinities have no JSON form: they are written as null (conventions.md).
json number(double x) { return std::isfinite(x) ? json(x) : json(nullptr); }

double number_from(const json& j, const char* key) {
    if (!j.contains(key) || j.at(key).is_null()) return std::numeric_limits<double>::quiet_NaN();
    return j.at(key).get<double>();
}

json coef_row_to_json(const CoefRow& c) {
    json row = {{"name", c.name},         {"estimate", number(c.estimate)}, {"se", number(c.se)},
                {"stat", number(c.stat)}, {"p", number(c.p)},               {"ci_low", number(c.ci_low)},
                {"ci_high", number(c.ci_high)}};
    if (!std::isnan(c.beta)) row["beta"] = number(c.beta);
    if (std::isfinite(c.weight)) row["weight"] = c.weight;
    return row;
}

CoefRow coef_row_from_json(const json& c) {
    return {c.at("name").get<std::string>(), number_from(c, "estimate"), number_from(c, "se"),
            number_from(c, "stat"),          number_from(c, "p"),        number_from(c, "ci_low"),
            number_from(c, "ci_high"),       number_from(c, "beta"),
            number_from(c, "weight")};
}

}  // namespace

json to_json(const TestResult& t) {
    json j;
    j["name"] = t.name;
    if (!t.restriction.empty()) j["restriction"] = t.restriction;
    j["stat"] = number(t.stat);
    if (t.df.size() == 1)
        j["df"] = number(t.df[0]);
    else {
        j["df"] = json::array();
        for (double d : t.df) j["df"].push_back(number(d));
    }
    j["p"] = number(t.p);
    for (const auto& [key, value] : t.extra.items()) j[key] = value;
    if (!t.note.empty()) j["note"] = t.note;
    if (!t.unavailable.empty()) j["unavailable"] = t.unavailable;
    return j;
}

namespace {

TestResult test_from_json(const json& j) {
    TestResult t;
    t.name = j.at("name").get<std::string>();
    t.restriction = j.value("restriction", "");
    t.stat = number_from(j, "stat");
    if (j.contains("df") && j.at("df").is_array())
        for (const auto& d : j.at("df")) t.df.push_back(d.is_null() ? std::nan("") : d.get<double>());
    else if (j.contains("df"))
        t.df.push_back(number_from(j, "df"));
    t.p = number_from(j, "p");
    t.note = j.value("note", "");
    for (const auto& [key, value] : j.items())
        if (key != "name" && key != "restriction" && key != "stat" && key != "df" && key != "p" && key != "note" &&
            key != "unavailable")
            t.extra[key] = value;
    t.unavailable = j.value("unavailable", "");
    return t;
}

json interval_pair(double low, double high) { return json::array({number(low), number(high)}); }

void pair_from(const json& j, const char* key, double& low, double& high) {
    if (!j.contains(key) || !j.at(key).is_array() || j.at(key).size() != 2) return;
    const auto& pair = j.at(key);
    low = pair.at(0).is_null() ? std::nan("") : pair.at(0).get<double>();
    high = pair.at(1).is_null() ? std::nan("") : pair.at(1).get<double>();
}

json bootstrap_to_json(const BootstrapSummary& b) {
    json j;
    j["scheme"] = b.scheme;
    j["reps"] = b.replications;
    j["failed"] = b.failed;
    j["seed"] = b.seed;
    j["level"] = b.level;
    j["intervals"] = json::array();
    for (const auto& i : b.intervals)
        j["intervals"].push_back({{"name", i.name},
                                  {"percentile", interval_pair(i.percentile_low, i.percentile_high)},
                                  {"bc", interval_pair(i.bc_low, i.bc_high)},
                                  {"bca", interval_pair(i.bca_low, i.bca_high)}});
    if (!b.failures.empty()) j["failures"] = b.failures;
    return j;
}

BootstrapSummary bootstrap_from_json(const json& j) {
    BootstrapSummary b;
    b.scheme = j.value("scheme", "");
    b.replications = j.value("reps", std::size_t{0});
    b.failed = j.value("failed", std::size_t{0});
    b.seed = j.value("seed", std::uint64_t{0});
    b.level = j.value("level", 0.95);
    if (j.contains("intervals"))
        for (const auto& i : j.at("intervals")) {
            BootstrapInterval interval;
            interval.name = i.value("name", "");
            pair_from(i, "percentile", interval.percentile_low, interval.percentile_high);
            pair_from(i, "bc", interval.bc_low, interval.bc_high);
            pair_from(i, "bca", interval.bca_low, interval.bca_high);
            b.intervals.push_back(interval);
        }
    if (j.contains("failures")) b.failures = j.at("failures").get<std::vector<std::string>>();
    return b;
}

}  // namespace

const CoefRow& Result::coefficient(const std::string& name) const {
    std::vector<std::string> names;
    for (const auto& row : coef) {
        if (row.name == name) return row;
        names.push_back(row.name);
    }
    throw Error("no coefficient '" + name + "' in the result" + data::did_you_mean(name, names));
}

const TestResult* Result::test(const std::string& name) const {
    for (const auto& t : tests)
        if (t.name == name) return &t;
    return nullptr;
}

json to_json(const Result& r) {
    json j;
    if (!r.stage.empty()) j["stage"] = r.stage;
    j["formula"] = r.formula;
    j["outcome"] = r.outcome;
    j["estimator"] = r.estimator;
    j["vcov"] = r.vcov;
    if (!r.vcov_label.empty()) j["vcov_label"] = r.vcov_label;
    j["ssc"] = r.ssc;
    j["nobs"] = r.nobs;
    j["dropped"] = {{"missing", r.dropped.missing},
                    {"subset", r.dropped.subset},
                    {"zero_weight", r.dropped.zero_weight},
                    {"singletons", r.dropped.singletons},
                    {"collinear", r.dropped.collinear},
                    {"separated", r.dropped.separated}};
    j["coef"] = json::array();
    for (const auto& c : r.coef) j["coef"].push_back(coef_row_to_json(c));
    j["ancillary"] = json::array();
    for (const auto& a : r.ancillary)
        j["ancillary"].push_back(
            {{"name", a.name}, {"estimate", number(a.estimate)}, {"se", number(a.se)}});
    j["vcov_matrix"] = json::array();
    for (arma::uword i = 0; i < r.vcov_matrix.n_rows; ++i) {
        json row = json::array();
        for (arma::uword k = 0; k < r.vcov_matrix.n_cols; ++k) row.push_back(number(r.vcov_matrix(i, k)));
        j["vcov_matrix"].push_back(row);
    }
    j["stats"] = r.stats;
    j["fixed_effects"] = json::array();
    for (const auto& fe : r.fixed_effects)
        j["fixed_effects"].push_back({{"name", fe.name}, {"levels", fe.levels}});
    j["tests"] = json::array();
    for (const auto& t : r.tests) j["tests"].push_back(to_json(t));
    if (!r.nlcom.empty()) {
        j["nlcom"] = json::array();
        for (const auto& c : r.nlcom) {
            json row = coef_row_to_json(c);
            row["kind"] = "nlcom";
            j["nlcom"].push_back(row);
        }
    }
    if (!r.margins.empty()) j["margins"] = margins_to_json(r.margins);
    if (r.bootstrap) j["bootstrap"] = bootstrap_to_json(*r.bootstrap);
    j["converged"] = r.converged;
    if (!r.convergence_message.empty()) j["convergence_message"] = r.convergence_message;
    if (!r.notes.empty()) j["notes"] = r.notes;
    return j;
}

Result result_from_json(const json& j) {
    if (!j.is_object() || !j.contains("coef"))
        throw Error("not a gvcpanel result: expected a JSON object with a \"coef\" array");
    Result r;
    r.stage = j.value("stage", "");
    r.formula = j.value("formula", "");
    r.outcome = j.value("outcome", "");
    r.estimator = j.value("estimator", "");
    r.vcov = j.value("vcov", "");
    r.vcov_label = j.value("vcov_label", "");
    r.ssc = j.value("ssc", "");
    r.nobs = j.value("nobs", std::size_t{0});
    if (j.contains("dropped")) {
        const auto& d = j.at("dropped");
        r.dropped.missing = d.value("missing", std::size_t{0});
        r.dropped.subset = d.value("subset", std::size_t{0});
        r.dropped.zero_weight = d.value("zero_weight", std::size_t{0});
        r.dropped.singletons = d.value("singletons", std::size_t{0});
        r.dropped.separated = d.value("separated", std::size_t{0});
        if (d.contains("collinear")) r.dropped.collinear = d.at("collinear").get<std::vector<std::string>>();
    }
    for (const auto& c : j.at("coef")) r.coef.push_back(coef_row_from_json(c));
    if (j.contains("nlcom"))
        for (const auto& c : j.at("nlcom")) r.nlcom.push_back(coef_row_from_json(c));
    if (j.contains("ancillary"))
        for (const auto& a : j.at("ancillary"))
            r.ancillary.push_back(
                {a.at("name").get<std::string>(), number_from(a, "estimate"), number_from(a, "se")});
    if (j.contains("vcov_matrix") && j.at("vcov_matrix").is_array()) {
        const auto& m = j.at("vcov_matrix");
        r.vcov_matrix.set_size(m.size(), m.empty() ? 0 : m.at(0).size());
        for (std::size_t i = 0; i < m.size(); ++i)
            for (std::size_t k = 0; k < m.at(i).size(); ++k)
                r.vcov_matrix(i, k) = m.at(i).at(k).is_null() ? std::nan("") : m.at(i).at(k).get<double>();
    }
    if (j.contains("stats")) r.stats = j.at("stats");
    if (j.contains("fixed_effects"))
        for (const auto& fe : j.at("fixed_effects"))
            r.fixed_effects.push_back({fe.at("name").get<std::string>(), fe.value("levels", std::int64_t{0})});
    if (j.contains("tests"))
        for (const auto& t : j.at("tests")) r.tests.push_back(test_from_json(t));
    if (j.contains("margins")) r.margins = margins_from_json(j.at("margins"));
    if (j.contains("bootstrap")) r.bootstrap = bootstrap_from_json(j.at("bootstrap"));
    r.converged = j.value("converged", true);
    r.convergence_message = j.value("convergence_message", "");
    if (j.contains("notes")) r.notes = j.at("notes").get<std::vector<std::string>>();
    return r;
}

}  // namespace gvcpanel::estimators
