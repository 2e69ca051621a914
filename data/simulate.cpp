// The simulated cluster-GVC panel. Firms are drawn into region x industry clusters (denser
// clusters attract more and better firms), live a run of consecutive years (entry and exit make
// the panel unbalanced), and carry a firm effect alpha_i that also raises their linkages, so that
// pooled and fixed-effects estimates differ as in real data. Outcomes follow OutcomeTruth's linear
// index; every draw comes from data::Random in a fixed order, so a seed fixes the panel.
#include "data/simulate.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "data/error.hpp"
#include "data/memory.hpp"
#include "data/names.hpp"
#include "data/random.hpp"

namespace gvcpanel::data {

namespace {

// Peak memory of simulate() per firm-year (firms x years bounds the rows): 22 columns drawn and
// moved into the frame; measured 178 bytes (gvcpanel simulate --firms 100000 --years 16: 285 MB).
constexpr double kBytesPerFirmYear = 200;

// The regressors of the outcome equations, in the order of kTermNames.
enum Term {
    kIntercept,
    kLocalSourcing,
    kLocalBuyerTies,
    kClusterDensity,
    kExportShare,
    kFdiShare,
    kGvcParticipation,
    kGvcByDensity,
    kSize,
    kAge,
    kCapitalIntensity,
    kGovernanceHierarchy,
    kGovernanceMarket,
    kGovernanceModular,
    kGovernanceRelational,
    kLaggedUpgrading,
    kTermCount
};

const std::array<const char*, kTermCount> kTermNames = {"(Intercept)",
                                                        "local_sourcing",
                                                        "local_buyer_ties",
                                                        "cluster_density",
                                                        "export_share",
                                                        "fdi_share",
                                                        "gvc_participation",
                                                        "gvc_participation:cluster_density",
                                                        "size",
                                                        "age",
                                                        "capital_intensity",
                                                        "governance::hierarchy",
                                                        "governance::market",
                                                        "governance::modular",
                                                        "governance::relational",
                                                        "l(upgrading_index,1)"};

// Gereffi, Humphrey and Sturgeon (2005). Formulas drop the smallest level in sorted order,
// "captive", so the governance coefficients are differences from captive chains.
const std::vector<std::string> kGovernanceLevels = {"market", "modular", "relational", "captive",
                                                    "hierarchy"};
const std::array<int, 5> kGovernanceTerm = {kGovernanceMarket, kGovernanceModular,
                                            kGovernanceRelational, -1, kGovernanceHierarchy};

using Coefficients = std::array<double, kTermCount>;

double logistic(double x) {
    return 1.0 / (1.0 + std::exp(-x));
}

// "R01", "I12": two digits, as validate() keeps the counts below 100.
std::string numbered(char prefix, int number) {
    return std::string(1, prefix) + char('0' + number / 10) + char('0' + number % 10);
}

OutcomeTruth outcome_truth(std::string outcome, std::string model,
                           std::vector<TrueCoefficient> coefficients) {
    OutcomeTruth truth;
    truth.outcome = std::move(outcome);
    truth.model = std::move(model);
    truth.coefficients = std::move(coefficients);
    return truth;
}

// The coefficients of `truth` but those named: what its recovery formula estimates.
std::vector<TrueCoefficient> all_but(const OutcomeTruth& truth, std::initializer_list<std::string_view> left_out) {
    std::vector<TrueCoefficient> out;
    for (const auto& c : truth.coefficients)
        if (std::find(left_out.begin(), left_out.end(), c.term) == left_out.end()) out.push_back(c);
    return out;
}

// The true parameters of every outcome equation (year effects are drawn and added later).
std::vector<OutcomeTruth> outcome_equations() {
    std::vector<OutcomeTruth> out;

    auto tfp = outcome_truth("log_tfp", "linear",
                             {{"(Intercept)", 0.5},
                              {"local_sourcing", 0.30},
                              {"local_buyer_ties", 0.02},
                              {"cluster_density", 0.15},
                              {"export_share", 0.25},
                              {"fdi_share", 0.20},
                              {"gvc_participation", 0.40},
                              {"gvc_participation:cluster_density", 0.10},
                              {"size", 0.05},
                              {"age", -0.005},
                              {"capital_intensity", 0.10}});
    tfp.firm_effect_loading = 0.8;
    tfp.shock_loading = 1.0;
    tfp.error_sd = 0.15;
    tfp.estimator = "2sls";
    tfp.formula =
        "log_tfp ~ local_sourcing + local_buyer_ties + cluster_density + export_share + fdi_share"
        " + size + capital_intensity | firm + year | gvc_participation +"
        " gvc_participation:cluster_density ~ tariff_shock + tariff_shock:cluster_density";
    tfp.note =
        "age is absorbed by firm + year (age = year - founding year); OLS with the same "
        "fixed effects overstates the gvc_participation terms, which move with v";
    tfp.recovered = all_but(tfp, {"(Intercept)", "age"});
    out.push_back(tfp);

    auto unit_value = outcome_truth("log_unit_value", "linear",
                                    {{"(Intercept)", 1.0},
                                     {"export_share", 0.30},
                                     {"gvc_participation", 0.20},
                                     {"local_buyer_ties", 0.03},
                                     {"governance::hierarchy", 0.10},
                                     {"governance::market", -0.10},
                                     {"governance::modular", -0.02},
                                     {"governance::relational", 0.05},
                                     {"size", -0.02}});
    unit_value.firm_effect_loading = 0.5;
    unit_value.shock_loading = 0.5;
    unit_value.error_sd = 0.15;
    unit_value.estimator = "2sls";
    unit_value.formula =
        "log_unit_value ~ export_share + local_buyer_ties + governance + size"
        " | firm + year | gvc_participation ~ tariff_shock";
    unit_value.note = "governance coefficients are differences from captive chains";
    unit_value.recovered = all_but(unit_value, {"(Intercept)"});
    out.push_back(unit_value);

    auto event = outcome_truth("upgrade_event", "logit",
                               {{"(Intercept)", -3.0},
                                {"gvc_participation", 0.80},
                                {"cluster_density", 0.20},
                                {"gvc_participation:cluster_density", 0.30},
                                {"local_sourcing", 0.60},
                                {"export_share", 0.20},
                                {"size", 0.10}});
    event.firm_effect_loading = 0.5;
    event.estimator = "clogit";
    event.formula =
        "upgrade_event ~ gvc_participation + cluster_density + "
        "gvc_participation:cluster_density + local_sourcing + export_share + size + "
        "i(year) | firm";
    event.note =
        "the year dummies estimate year_effects; logit with firm dummies is biased by the "
        "incidental-parameter problem at this T, pooled logit by the omitted firm effect";
    event.recovered = all_but(event, {"(Intercept)"});
    event.recovers_year_effects = true;
    out.push_back(event);

    auto patents = outcome_truth("patents", "poisson",
                                 {{"(Intercept)", -1.5},
                                  {"gvc_participation", 0.60},
                                  {"cluster_density", 0.20},
                                  {"gvc_participation:cluster_density", 0.15},
                                  {"local_buyer_ties", 0.05},
                                  {"size", 0.30}});
    patents.firm_effect_loading = 0.5;
    patents.estimator = "poisson";
    patents.formula =
        "patents ~ gvc_participation + cluster_density + "
        "gvc_participation:cluster_density + local_buyer_ties + size | firm + year";
    patents.note = "Poisson with firm and year effects (PPML) is consistent for the slopes";
    patents.recovered = all_but(patents, {"(Intercept)"});
    out.push_back(patents);

    auto dva = outcome_truth("dva_share", "tobit",
                             {{"(Intercept)", 0.85},
                              {"gvc_participation", -0.60},
                              {"local_sourcing", 0.25},
                              {"export_share", -0.10},
                              {"fdi_share", -0.20}});
    dva.random_effect_sd = 0.10;
    dva.error_sd = 0.20;
    dva.estimator = "tobit";
    dva.formula =
        "dva_share ~ gvc_participation + local_sourcing + export_share + fdi_share + "
        "i(year)";
    dva.fit_options = "--left 0 --right 1 --vcov cluster:firm";
    dva.note =
        "latent index clipped to [0, 1]; pooled Tobit is "
        "consistent because the firm effect u_i is independent of the regressors; its sigma "
        "is sqrt(error_sd^2 + random_effect_sd^2); u_i correlates a firm's errors, hence the "
        "covariance clustered by firm";
    dva.recovered = all_but(dva, {});
    dva.recovered.push_back({"sigma", std::sqrt(dva.error_sd * dva.error_sd + dva.random_effect_sd * dva.random_effect_sd)});
    dva.recovers_year_effects = true;
    out.push_back(dva);

    auto dynamic = outcome_truth("upgrading_index", "dynamic",
                                 {{"(Intercept)", 0.2},
                                  {"l(upgrading_index,1)", 0.5},
                                  {"local_sourcing", 0.30},
                                  {"export_share", 0.20}});
    dynamic.firm_effect_loading = 0.6;
    dynamic.error_sd = 0.30;
    dynamic.estimator = "sys-gmm";
    dynamic.formula = "upgrading_index ~ l(upgrading_index,1) + local_sourcing + export_share + i(year)";
    dynamic.fit_options =
        "--panel firm,year --gmm upgrading_index:2-4 --gmm local_sourcing:1-3 --gmm export_share:1-3 "
        "--collapse --two-step --vcov robust";
    dynamic.note =
        "local_sourcing and export_share rise with alpha_i, so their levels are invalid instruments "
        "of the levels equation (the default --iv puts them there: the lag comes out near 0.8); as "
        "GMM-style variables they instrument it by their differences, which alpha_i does not move. "
        "The first year of each firm starts at its stationary level (mean stationarity for system "
        "GMM). The intercept absorbs the mean of 0.6 alpha_i and the year effect of the first "
        "levels year. Within OLS is biased (Nickell), pooled OLS overstates the lag (about 0.92)";
    dynamic.recovered = all_but(dynamic, {"(Intercept)"});
    out.push_back(dynamic);
    return out;
}

// Year effects: a common trend plus noise, zero in the first year.
struct YearEffectProcess {
    double trend;
    double noise_sd;
};
const std::array<YearEffectProcess, 6> kYearEffects = {
    {{0.02, 0.05}, {0.01, 0.05}, {0.03, 0.10}, {0.03, 0.05}, {-0.01, 0.02}, {0.02, 0.05}}};

Coefficients dense(const OutcomeTruth& truth) {
    Coefficients beta{};
    for (const auto& c : truth.coefficients) {
        const auto it = std::find_if(kTermNames.begin(), kTermNames.end(),
                                     [&](const char* name) { return c.term == name; });
        beta[static_cast<std::size_t>(it - kTermNames.begin())] = c.value;
    }
    return beta;
}

double dot(const Coefficients& beta, const Coefficients& x) {
    double sum = 0.0;
    for (std::size_t k = 0; k < beta.size(); ++k) sum += beta[k] * x[k];
    return sum;
}

// The columns as they are filled, one entry per firm-year.
struct Columns {
    std::vector<std::int64_t> firm, year, age, local_buyer_ties, upgrade_event, patents;
    std::vector<std::int32_t> region, industry, cluster, governance;
    std::vector<double> cluster_density, local_sourcing, export_share, fdi_share, gvc_participation,
        tariff_shock, size, capital_intensity, log_tfp, log_unit_value, dva_share, upgrading_index;
};

Column labelled(Column column, std::string label) {
    column.label = std::move(label);
    return column;
}

}  // namespace

void SimulationOptions::validate() const {
    auto fail = [](const std::string& field, const std::string& value, const std::string& rule) {
        throw Error("simulation option " + field + " = " + value + ": " + rule);
    };
    if (firms < 1) fail("firms", std::to_string(firms), "must be at least 1");
    if (years < 2) fail("years", std::to_string(years), "must be at least 2 (a panel needs time)");
    if (regions < 1 || regions > 99)
        fail("regions", std::to_string(regions), "must be between 1 and 99");
    if (industries < 1 || industries > 99)
        fail("industries", std::to_string(industries), "must be between 1 and 99");
    if (!(missing_share >= 0.0 && missing_share < 1.0))
        fail("missing_share", std::to_string(missing_share), "must be in [0, 1)");
    require_memory(static_cast<double>(firms) * static_cast<double>(years) * kBytesPerFirmYear,
                   "the simulated panel of " + std::to_string(firms) + " firms x " + std::to_string(years) + " years");
}

double OutcomeTruth::coefficient(std::string_view term) const {
    std::vector<std::string> terms;
    for (const auto& c : coefficients) {
        if (c.term == term) return c.value;
        terms.push_back(c.term);
    }
    throw Error("the simulated " + outcome + " has no term '" + std::string(term) + "'" +
                did_you_mean(term, terms));
}

const OutcomeTruth& SimulationTruth::outcome(std::string_view name) const {
    std::vector<std::string> names;
    for (const auto& o : outcomes) {
        if (o.outcome == name) return o;
        names.push_back(o.outcome);
    }
    throw Error("the simulated panel has no outcome '" + std::string(name) + "'" +
                did_you_mean(name, names));
}

namespace {

nlohmann::ordered_json recovery_json(const OutcomeTruth& o) {
    nlohmann::ordered_json parameters = nlohmann::ordered_json::object();
    for (const auto& p : o.recovered) parameters[p.term] = p.value;
    return {{"estimator", o.estimator}, {"formula", o.formula}, {"options", o.fit_options}, {"parameters", parameters}};
}

}  // namespace

nlohmann::ordered_json SimulationTruth::to_json() const {
    using json = nlohmann::ordered_json;
    json out;
    out["options"] = {{"firms", options.firms},
                      {"years", options.years},
                      {"seed", options.seed},
                      {"first_year", options.first_year},
                      {"regions", options.regions},
                      {"industries", options.industries},
                      {"missing_share", options.missing_share}};
    out["firm_effect"] = {{"sd", firm_effect_sd},
                          {"on_cluster_agglomeration", firm_effect_on_density}};
    out["shock_sd"] = shock_sd;
    out["first_stage"] = {{"outcome", "gvc_participation"},
                          {"model", "logistic share"},
                          {"tariff_shock", first_stage.tariff_shock_effect},
                          {"shock", first_stage.shock_effect},
                          {"noise_sd", first_stage.noise_sd}};
    json list = json::array();
    for (const auto& o : outcomes) {
        json coefficients = json::object();
        for (const auto& c : o.coefficients) coefficients[c.term] = c.value;
        json year_effects = json::object();
        for (std::size_t t = 0; t < o.year_effects.size(); ++t)
            year_effects["year::" +
                         std::to_string(options.first_year + static_cast<std::int64_t>(t))] =
                o.year_effects[t];
        list.push_back(
            {{"outcome", o.outcome},
             {"model", o.model},
             {"coefficients", coefficients},
             {"firm_effect_loading", o.firm_effect_loading},
             {"random_effect_sd", o.random_effect_sd},
             {"shock_loading", o.shock_loading},
             {"error_sd", o.error_sd},
             {"year_effects", year_effects},
             {"recovered_by", recovery_json(o)},
             {"note", o.note}});
    }
    out["outcomes"] = list;
    out["staggered_policy"] = staggered_policy.to_json(options.first_year);
    return out;
}

namespace {

// The clusters and industries every firm shares, drawn before the firms.
struct Environment {
    std::size_t years = 0, industries = 0;
    std::vector<double> agglomeration;    // d_c, one per cluster
    std::vector<double> cluster_weight;   // firms choose clusters in proportion to exp(0.5 d_c)
    std::vector<double> density;          // cluster_density, cluster-major by year
    std::vector<double> industry_tariff;  // the industry-year part of tariff_shock
};

Environment draw_environment(const SimulationOptions& options, Random& random) {
    Environment env;
    env.years = static_cast<std::size_t>(options.years);
    env.industries = static_cast<std::size_t>(options.industries);
    const std::size_t clusters = static_cast<std::size_t>(options.regions) * env.industries;
    env.agglomeration.resize(clusters);
    env.cluster_weight.resize(clusters);
    for (std::size_t c = 0; c < clusters; ++c) {
        env.agglomeration[c] = random.normal();
        env.cluster_weight[c] = std::exp(0.5 * env.agglomeration[c]);
    }
    // Density is the agglomeration's time-varying measure: a trend and cluster-year news.
    env.density.resize(clusters * env.years);
    for (std::size_t c = 0; c < clusters; ++c)
        for (std::size_t t = 0; t < env.years; ++t)
            env.density[c * env.years + t] =
                1.0 + 0.4 * env.agglomeration[c] + 0.02 * double(t) + 0.15 * random.normal();
    env.industry_tariff.resize(env.industries * env.years);
    for (auto& tariff : env.industry_tariff) tariff = random.normal();
    return env;
}

void draw_year_effects(SimulationTruth& truth, std::size_t years, Random& random) {
    for (std::size_t k = 0; k < truth.outcomes.size(); ++k) {
        auto& effects = truth.outcomes[k].year_effects;
        effects.assign(years, 0.0);
        for (std::size_t t = 1; t < years; ++t)
            effects[t] =
                kYearEffects[k].trend * double(t) + kYearEffects[k].noise_sd * random.normal();
    }
}

// What stays fixed for a firm: its cluster, its years, its firm effect and the propensities
// (on the logit or log scale) around which its linkages vary from year to year.
struct Firm {
    std::size_t cluster = 0, entry = 0, exit = 0;
    double alpha = 0.0;
    std::int64_t age_at_entry = 0;
    double size_at_entry = 0.0, growth = 0.0, capital = 0.0;
    double sourcing = 0.0, ties = 0.0, gvc = 0.0, exporting = 0.0, foreign = 0.0;
    std::vector<double> governance_weights;
    std::vector<double> own_effect;  // u_i of each outcome
    std::int32_t governance = 0;     // in the entry year
};

Firm draw_firm(const Environment& env, const SimulationTruth& truth, Random& random) {
    Firm f;
    f.cluster = random.categorical(env.cluster_weight);
    const double d = env.agglomeration[f.cluster];
    f.alpha = truth.firm_effect_on_density * d + truth.firm_effect_sd * random.normal();
    // Entry and exit: 35% of firms draw an entry year (uniform over all but the last year) and,
    // independently, 35% an exit year after it; every firm has at least two years.
    f.entry = random.bernoulli(0.35) ? random.below(env.years - 1) : 0;
    f.exit = random.bernoulli(0.35) ? f.entry + 1 + random.below(env.years - 1 - f.entry)
                                    : env.years - 1;
    f.age_at_entry = random.poisson(12.0);
    // Each linkage rises with alpha (and the local ones with the cluster's agglomeration).
    f.size_at_entry = 3.0 + 0.5 * f.alpha + random.normal(0.0, 0.8);
    f.growth = random.normal(0.02, 0.03);
    f.capital = 4.0 + 0.3 * f.alpha + random.normal(0.0, 0.5);
    f.sourcing = -0.3 + 0.4 * d + 0.3 * f.alpha + random.normal(0.0, 0.5);
    f.ties = 0.8 + 0.3 * d + 0.2 * f.alpha + random.normal(0.0, 0.3);
    f.gvc = -0.3 + 0.3 * f.alpha + 0.2 * d + random.normal(0.0, 0.6);
    f.exporting = -0.8 + 0.5 * f.alpha + 0.5 * (f.gvc + 0.3) + random.normal(0.0, 0.5);
    f.foreign = -1.8 + 0.4 * f.alpha + random.normal(0.0, 0.8);
    f.governance_weights = {1.0, std::exp(0.4 * f.gvc), std::exp(0.3 * f.alpha),
                            std::exp(0.5 * f.gvc - 0.3 * f.alpha), std::exp(f.foreign + 1.0)};
    f.own_effect.resize(truth.outcomes.size());
    for (std::size_t k = 0; k < f.own_effect.size(); ++k)
        f.own_effect[k] = truth.outcomes[k].random_effect_sd * random.normal();
    f.governance = static_cast<std::int32_t>(random.categorical(f.governance_weights));
    return f;
}

// Appends the firm's years to `col`: this year's linkages, then the outcomes from their indexes.
void draw_firm_years(std::int64_t id, Firm& f, const Environment& env, const SimulationTruth& truth,
                     const std::vector<Coefficients>& beta, Random& random, Columns& col) {
    const auto& options = truth.options;
    const double rho = truth.outcome("upgrading_index").coefficient("l(upgrading_index,1)");
    const auto sd = [&](std::size_t k) { return truth.outcomes[k].error_sd; };
    const double nan = std::nan("");
    double previous_upgrading = 0.0;
    for (std::size_t t = f.entry; t <= f.exit; ++t) {
        const double shock = random.normal(0.0, truth.shock_sd);
        Coefficients x{};
        x[kIntercept] = 1.0;
        x[kClusterDensity] = env.density[f.cluster * env.years + t];
        x[kLocalSourcing] = logistic(f.sourcing + random.normal(0.0, 0.4));
        x[kLocalBuyerTies] = double(random.poisson(std::exp(f.ties + random.normal(0.0, 0.2))));
        const double tariff =
            0.6 * env.industry_tariff[(f.cluster % env.industries) * env.years + t] +
            0.8 * random.normal();
        x[kGvcParticipation] = logistic(f.gvc + truth.first_stage.tariff_shock_effect * tariff +
                                        truth.first_stage.shock_effect * shock +
                                        random.normal(0.0, truth.first_stage.noise_sd));
        x[kGvcByDensity] = x[kGvcParticipation] * x[kClusterDensity];
        x[kExportShare] = logistic(f.exporting + random.normal(0.0, 0.3));
        x[kFdiShare] = logistic(f.foreign + random.normal(0.0, 0.4));
        x[kSize] = f.size_at_entry + f.growth * double(t - f.entry) + random.normal(0.0, 0.1);
        x[kAge] = double(f.age_at_entry) + double(t - f.entry);
        x[kCapitalIntensity] = f.capital + random.normal(0.0, 0.2);
        if (t > f.entry && random.bernoulli(0.06))
            f.governance = static_cast<std::int32_t>(random.categorical(f.governance_weights));
        if (const int g = kGovernanceTerm[static_cast<std::size_t>(f.governance)]; g >= 0)
            x[g] = 1.0;

        std::array<double, 6> index{};
        for (std::size_t k = 0; k < index.size(); ++k) {
            const auto& o = truth.outcomes[k];
            index[k] = dot(beta[k], x) + o.firm_effect_loading * f.alpha + f.own_effect[k] +
                       o.year_effects[t] + o.shock_loading * shock;
        }
        col.log_tfp.push_back(index[0] + random.normal(0.0, sd(0)));
        col.log_unit_value.push_back(index[1] + random.normal(0.0, sd(1)));
        col.upgrade_event.push_back(random.bernoulli(logistic(index[2])));
        col.patents.push_back(random.poisson(std::exp(index[3])));
        col.dva_share.push_back(std::clamp(index[4] + random.normal(0.0, sd(4)), 0.0, 1.0));
        // A firm's first year starts at its stationary level given that year's index.
        const double upgrading =
            t == f.entry
                ? index[5] / (1.0 - rho) + random.normal(0.0, sd(5) / std::sqrt(1.0 - rho * rho))
                : index[5] + rho * previous_upgrading + random.normal(0.0, sd(5));
        col.upgrading_index.push_back(upgrading);
        previous_upgrading = upgrading;

        col.firm.push_back(id);
        col.year.push_back(options.first_year + static_cast<std::int64_t>(t));
        col.region.push_back(static_cast<std::int32_t>(f.cluster / env.industries));
        col.industry.push_back(static_cast<std::int32_t>(f.cluster % env.industries));
        col.cluster.push_back(static_cast<std::int32_t>(f.cluster));
        col.cluster_density.push_back(x[kClusterDensity]);
        col.local_sourcing.push_back(random.bernoulli(options.missing_share) ? nan
                                                                             : x[kLocalSourcing]);
        col.local_buyer_ties.push_back(static_cast<std::int64_t>(x[kLocalBuyerTies]));
        col.export_share.push_back(x[kExportShare]);
        col.fdi_share.push_back(random.bernoulli(options.missing_share) ? nan : x[kFdiShare]);
        col.gvc_participation.push_back(x[kGvcParticipation]);
        col.tariff_shock.push_back(tariff);
        col.governance.push_back(f.governance);
        col.size.push_back(x[kSize]);
        col.age.push_back(static_cast<std::int64_t>(x[kAge]));
        col.capital_intensity.push_back(
            random.bernoulli(options.missing_share) ? nan : x[kCapitalIntensity]);
    }
}

Frame to_frame(Columns&& col, const SimulationOptions& options) {
    std::vector<std::string> regions, industries, clusters;
    for (int r = 1; r <= options.regions; ++r) regions.push_back(numbered('R', r));
    for (int i = 1; i <= options.industries; ++i) industries.push_back(numbered('I', i));
    for (const auto& r : regions)
        for (const auto& i : industries) clusters.push_back(r + "-" + i);

    Frame f;
    f.source = "simulated panel (seed " + std::to_string(options.seed) + ")";
    f.add(labelled(Column::integer("firm", std::move(col.firm)), "Firm id"));
    f.add(labelled(Column::integer("year", std::move(col.year)), "Year"));
    f.add(labelled(Column::categorical("region", std::move(col.region), regions), "Region"));
    f.add(
        labelled(Column::categorical("industry", std::move(col.industry), industries), "Industry"));
    f.add(labelled(Column::categorical("cluster", std::move(col.cluster), clusters),
                   "Cluster (region x industry)"));
    f.add(labelled(Column::numeric("cluster_density", std::move(col.cluster_density)),
                   "Cluster density (agglomeration index)"));
    f.add(labelled(Column::numeric("local_sourcing", std::move(col.local_sourcing)),
                   "Share of inputs sourced in the cluster"));
    f.add(labelled(Column::integer("local_buyer_ties", std::move(col.local_buyer_ties)),
                   "Number of buyers in the cluster"));
    f.add(labelled(Column::numeric("export_share", std::move(col.export_share)),
                   "Export share of sales"));
    f.add(labelled(Column::numeric("fdi_share", std::move(col.fdi_share)),
                   "Foreign ownership share"));
    f.add(labelled(Column::numeric("gvc_participation", std::move(col.gvc_participation)),
                   "GVC participation (share)"));
    f.add(labelled(Column::numeric("tariff_shock", std::move(col.tariff_shock)),
                   "Tariff shock (excluded instrument)"));
    f.add(labelled(Column::categorical("governance", std::move(col.governance), kGovernanceLevels),
                   "GVC governance type"));
    f.add(labelled(Column::numeric("size", std::move(col.size)), "Size (log employment)"));
    f.add(labelled(Column::integer("age", std::move(col.age)), "Age (years)"));
    f.add(labelled(Column::numeric("capital_intensity", std::move(col.capital_intensity)),
                   "Capital intensity (log capital per worker)"));
    f.add(labelled(Column::numeric("log_tfp", std::move(col.log_tfp)), "Log TFP"));
    f.add(labelled(Column::numeric("log_unit_value", std::move(col.log_unit_value)),
                   "Log export unit value"));
    f.add(labelled(Column::integer("upgrade_event", std::move(col.upgrade_event)),
                   "Upgrading event (0/1)"));
    f.add(labelled(Column::integer("patents", std::move(col.patents)), "Patents"));
    f.add(labelled(Column::numeric("dva_share", std::move(col.dva_share)),
                   "Domestic value-added share of exports"));
    f.add(labelled(Column::numeric("upgrading_index", std::move(col.upgrading_index)),
                   "Upgrading index"));
    return f;
}

}  // namespace

Simulation simulate(const SimulationOptions& options) {
    options.validate();
    Random random(options.seed);
    Simulation out;
    SimulationTruth& truth = out.truth;
    truth.options = options;
    truth.firm_effect_sd = 1.0;
    truth.firm_effect_on_density = 0.3;
    truth.shock_sd = 0.25;
    truth.first_stage = {-0.6, 1.2, 0.3};
    truth.outcomes = outcome_equations();

    const Environment env = draw_environment(options, random);
    draw_year_effects(truth, env.years, random);
    for (auto& o : truth.outcomes)
        if (o.recovers_year_effects)
            for (std::size_t t = 1; t < o.year_effects.size(); ++t)
                o.recovered.push_back({"year::" + std::to_string(options.first_year + static_cast<std::int64_t>(t)),
                                       o.year_effects[t]});
    std::vector<Coefficients> beta;
    for (const auto& o : truth.outcomes) beta.push_back(dense(o));
    Columns col;
    for (std::int64_t id = 1; id <= options.firms; ++id) {
        Firm firm = draw_firm(env, truth, random);
        draw_firm_years(id, firm, env, truth, beta, random, col);
    }
    out.frame = to_frame(std::move(col), options);
    truth.staggered_policy = add_staggered_policy(out.frame, options.seed, options.first_year, options.years);
    return out;
}

}  // namespace gvcpanel::data
