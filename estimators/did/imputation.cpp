// The imputation estimator in four steps: (1) the within fit on the untreated observations, with
// its fixed-effect estimates; (2) yhat(0) for each treated observation whose levels the untreated
// identify (every level present, all in one connected component of the untreated observations'
// fixed-effect graph; others are left out with a note, as did_imputation's autosample); (3) the
// estimands' weights and, through imputation_weights, the implied weights on the untreated;
// (4) BJS's conservative variance: residuals of the untreated fit, and for the treated
// tau_it - tau_bar, tau_bar the cohort x period mean of the effects weighted by (w v)^2, summed by
// unit with the weights w v. The pre-trend test is a second within fit on the untreated with lead
// dummies 1{t - cohort = -h}, clustered by unit, whose leads are tested jointly.
#include "estimators/did/imputation.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <set>

#include "data/error.hpp"
#include "estimators/did/imputation_weights.hpp"
#include "estimators/fixed_effects/demean.hpp"
#include "estimators/fixed_effects/fe_estimates.hpp"
#include "estimators/fixed_effects/within.hpp"
#include "estimators/infer.hpp"
#include "estimators/inference/distributions.hpp"
#include "estimators/inference/vcov_spec.hpp"
#include "models/levels.hpp"

namespace gvcpanel::estimators::did {

namespace {

struct UnionFind {
    std::vector<std::size_t> parent;
    explicit UnionFind(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
    std::size_t find(std::size_t x) {
        while (parent[x] != x) x = parent[x] = parent[parent[x]];
        return x;
    }
    void join(std::size_t a, std::size_t b) { parent[find(a)] = find(b); }
};

// `grouping` restricted to `rows` and renumbered; `map` takes a full code to the new one (-1: absent).
models::Grouping restrict(const models::Grouping& grouping, const std::vector<std::size_t>& rows,
                          std::vector<std::int32_t>& map) {
    map.assign(static_cast<std::size_t>(grouping.levels), -1);
    models::Grouping out;
    out.name = grouping.name;
    for (std::size_t i : rows) {
        auto& code = map[static_cast<std::size_t>(grouping.codes[i])];
        if (code < 0) {
            code = out.levels++;
            if (!grouping.level_names.empty())
                out.level_names.push_back(grouping.level_names[static_cast<std::size_t>(grouping.codes[i])]);
        }
        out.codes.push_back(code);
    }
    return out;
}

// The design on `rows` (the untreated), with extra columns appended to X.
models::Design untreated_design(const models::Design& design, const std::vector<std::size_t>& rows,
                                const std::vector<std::vector<std::int32_t>*>& maps, const arma::mat& extra,
                                const std::vector<std::string>& extra_names, const models::Grouping& unit) {
    const arma::uvec index = arma::conv_to<arma::uvec>::from(rows);
    models::Design out;
    out.formula = design.formula;
    out.outcome = design.outcome;
    out.y = design.y.elem(index);
    out.X = arma::join_rows(design.X.rows(index), extra);
    out.names = design.names;
    out.names.insert(out.names.end(), extra_names.begin(), extra_names.end());
    out.has_intercept = false;
    if (!design.weights.is_empty()) out.weights = design.weights.elem(index);
    for (std::size_t d = 0; d < design.sample.fixed_effects.size(); ++d)
        out.sample.fixed_effects.push_back(restrict(design.sample.fixed_effects[d], rows, *maps[d]));
    std::vector<std::int32_t> unused;
    out.sample.clusters.push_back(restrict(unit, rows, unused));
    for (std::size_t i : rows) {
        out.sample.rows.push_back(design.sample.rows[i]);
        out.sample.entity.push_back(design.sample.entity[i]);
    }
    return out;
}

// The fit on the untreated: the slopes (one per design column, 0 where none), the residuals and
// the fixed-effect estimates. Without covariates the within estimator has nothing to regress: the
// demeaning of y alone gives the residuals and the effects.
struct UntreatedFit {
    arma::vec slope;
    arma::vec residuals;
    FixedEffectEstimates effects;
};

UntreatedFit fit_untreated(models::Design untreated, const std::vector<std::string>& design_names) {
    UntreatedFit out;
    out.slope.zeros(design_names.size());
    if (untreated.X.n_cols == 0) {
        arma::mat y(untreated.y);
        EffectCoefficients coefficients;
        const DemeanSummary summary = demean(y, untreated.sample.fixed_effects, untreated.weights, {}, &coefficients);
        if (!summary.converged)
            throw Error("did-imputation: the fixed effects of the untreated observations: " + summary.message);
        out.residuals = y.col(0);
        out.effects = fixed_effect_estimates(untreated.sample.fixed_effects, coefficients, arma::vec());
        return out;
    }
    const Estimate fit = within(std::move(untreated), WithinOptions{}, out.effects);
    if (!fit.sample.dropped.collinear.empty())
        throw Error("did-imputation: '" + fit.sample.dropped.collinear.front() +
                    "' is collinear with the fixed effects among the untreated observations, so it cannot impute");
    for (std::size_t j = 0; j < fit.names.size(); ++j)
        out.slope[std::size_t(std::find(design_names.begin(), design_names.end(), fit.names[j]) - design_names.begin())] =
            fit.coef[j];
    out.residuals = fit.residuals;
    return out;
}

}  // namespace

Result did_imputation(const models::Design& design, const std::vector<double>& cohort, const std::vector<double>& time,
                      const ImputationOptions& options) {
    const std::size_t n = design.nobs();
    const auto& effects = design.sample.fixed_effects;
    if (effects.empty())
        throw Error("did-imputation: the formula needs its fixed effects after '|', e.g. \"y ~ x | firm + year\"");
    if (options.horizons_given && options.first_horizon > options.last_horizon)
        throw Error("--horizons: the first horizon is after the last");
    const auto w = [&](std::size_t i) { return design.weights.is_empty() ? 1.0 : design.weights[i]; };
    const double last_period = *std::max_element(time.begin(), time.end());
    std::vector<char> treated(n), untreated(n);
    std::vector<double> horizon(n, std::nan(""));
    std::vector<std::size_t> untreated_rows;
    for (std::size_t i = 0; i < n; ++i) {
        const double g = cohort[i];
        const bool ever = std::isfinite(g) && g > 0 && g <= last_period;
        if (ever) horizon[i] = time[i] - g;
        treated[i] = ever && time[i] >= g;
        untreated[i] = !treated[i];
        if (untreated[i]) untreated_rows.push_back(i);
    }
    if (untreated_rows.empty()) throw Error("did-imputation: no untreated observation (never treated, or before the cohort)");
    if (untreated_rows.size() == n) throw Error("did-imputation: no treated observation (t >= cohort)");

    // Units as a grouping (the clusters of the standard errors and of the pre-trend test).
    models::Grouping unit;
    unit.name = options.unit_name;
    {
        std::map<std::int32_t, std::int32_t> code;
        for (std::size_t i = 0; i < n; ++i) {
            const auto [it, added] = code.emplace(design.sample.entity[i], std::int32_t(code.size()));
            unit.codes.push_back(it->second);
        }
        unit.levels = std::int32_t(code.size());
    }

    // (1) The fit on the untreated.
    std::vector<std::vector<std::int32_t>> maps(effects.size());
    std::vector<std::vector<std::int32_t>*> map_pointers;
    for (auto& map : maps) map_pointers.push_back(&map);
    const UntreatedFit untreated_fit = fit_untreated(
        untreated_design(design, untreated_rows, map_pointers, arma::mat(untreated_rows.size(), 0), {}, unit), design.names);
    const arma::vec& slope = untreated_fit.slope;
    const FixedEffectEstimates& fitted_effects = untreated_fit.effects;

    // (2) Imputation where the untreated identify the levels.
    std::vector<std::size_t> offset{0};
    for (const auto& effect : fitted_effects.dimensions) offset.push_back(offset.back() + effect.estimates.n_elem);
    UnionFind components(offset.back());
    for (std::size_t r = 0; r < untreated_rows.size(); ++r)
        for (std::size_t d = 1; d < effects.size(); ++d)
            components.join(offset[0] + std::size_t(maps[0][std::size_t(effects[0].codes[untreated_rows[r]])]),
                            offset[d] + std::size_t(maps[d][std::size_t(effects[d].codes[untreated_rows[r]])]));
    arma::vec effect(n, arma::fill::zeros);
    std::vector<char> imputed(n, 0);
    std::size_t not_imputed = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (!treated[i]) continue;
        double fitted = arma::dot(design.X.row(i), slope);
        bool ok = true;
        std::size_t root = 0;
        for (std::size_t d = 0; d < effects.size() && ok; ++d) {
            const std::int32_t level = maps[d][std::size_t(effects[d].codes[i])];
            ok = level >= 0;
            if (!ok) break;
            const std::size_t node = components.find(offset[d] + std::size_t(level));
            if (d == 0) root = node;
            ok = node == root;
            fitted += fitted_effects.dimensions[d].estimates[std::size_t(level)];
        }
        if (ok && std::isfinite(fitted)) {
            imputed[i] = 1;
            effect[i] = design.y[i] - fitted;
        } else {
            ++not_imputed;
        }
    }

    // (3) The estimands: ATT and one per horizon; their weights a (mean of w-weighted effects) and v.
    std::set<double> present;
    for (std::size_t i = 0; i < n; ++i)
        if (imputed[i]) present.insert(horizon[i]);
    if (present.empty()) throw Error("did-imputation: no treated observation can be imputed (their units or periods have no untreated observation)");
    std::vector<double> horizons;
    for (double h : present)
        if (!options.horizons_given || (h >= std::max(0, options.first_horizon) && h <= options.last_horizon))
            horizons.push_back(h);
    std::vector<std::string> names{"ATT"};
    arma::mat a(n, 1 + horizons.size(), arma::fill::zeros);
    for (std::size_t j = 0; j <= horizons.size(); ++j) {
        if (j > 0) names.push_back("event::" + models::level_name(horizons[j - 1]));
        double total = 0;
        for (std::size_t i = 0; i < n; ++i)
            if (imputed[i] && (j == 0 || horizon[i] == horizons[j - 1])) total += w(i);
        for (std::size_t i = 0; i < n; ++i)
            if (imputed[i] && (j == 0 || horizon[i] == horizons[j - 1])) a(i, j) = 1 / total;
    }
    arma::vec estimate(a.n_cols);
    for (arma::uword j = 0; j < a.n_cols; ++j) {
        double sum = 0;
        for (std::size_t i = 0; i < n; ++i) sum += w(i) * a(i, j) * effect[i];
        estimate[j] = sum;
    }
    std::vector<char> untreated_for_weights = untreated;  // treated but not imputed: weight 0, no role
    const arma::mat v = imputation_weights(effects, design.X, design.weights, untreated_for_weights, a);

    // (4) Residuals and the conservative variance, summed by unit.
    arma::mat unit_sums(std::size_t(unit.levels), a.n_cols, arma::fill::zeros);
    for (std::size_t r = 0; r < untreated_rows.size(); ++r) {
        const std::size_t i = untreated_rows[r];
        unit_sums.row(std::size_t(unit.codes[i])) += w(i) * untreated_fit.residuals[r] * v.row(i);
    }
    std::map<std::pair<double, double>, std::vector<std::size_t>> cells;  // (cohort, period) -> treated rows
    for (std::size_t i = 0; i < n; ++i)
        if (imputed[i]) cells[{cohort[i], time[i]}].push_back(i);
    for (arma::uword j = 0; j < a.n_cols; ++j)
        for (const auto& [key, rows] : cells) {
            double weight_sum = 0, weighted = 0;
            for (std::size_t i : rows) {
                const double s = (w(i) * v(i, j)) * (w(i) * v(i, j));
                weight_sum += s;
                weighted += s * effect[i];
            }
            const double mean = weight_sum > 0 ? weighted / weight_sum : 0;
            for (std::size_t i : rows) unit_sums(std::size_t(unit.codes[i]), j) += w(i) * v(i, j) * (effect[i] - mean);
        }
    const arma::mat effects_vcov = unit_sums.t() * unit_sums;

    // The pre-trend regression: leads 1{t - cohort = -h} among the untreated.
    const double available = [&] {
        double most = 0;
        for (std::size_t i : untreated_rows)
            if (std::isfinite(horizon[i])) most = std::max(most, -horizon[i]);
        return most;
    }();
    const bool leads_asked = options.horizons_given && options.first_horizon < 0;
    const int leads = int(std::min<double>(leads_asked ? -options.first_horizon : options.default_leads, available));
    Result lead_result;
    std::vector<std::string> lead_names;
    std::vector<std::string> notes;
    if (leads > 0) {
        arma::mat lead(untreated_rows.size(), std::size_t(leads), arma::fill::zeros);
        for (std::size_t r = 0; r < untreated_rows.size(); ++r)
            for (int h = 1; h <= leads; ++h)
                if (horizon[untreated_rows[r]] == -h) lead(r, std::size_t(h - 1)) = 1;
        for (int h = 1; h <= leads; ++h) lead_names.push_back("event::-" + std::to_string(h));
        std::vector<std::vector<std::int32_t>> unused(effects.size());
        std::vector<std::vector<std::int32_t>*> unused_pointers;
        for (auto& map : unused) unused_pointers.push_back(&map);
        // Untreated outcomes the effects explain exactly (no noise) give leads of exactly zero.
        WithinOptions pre_trend;
        pre_trend.outcome_may_be_absorbed = true;
        const Estimate pre_fit =
            within(untreated_design(design, untreated_rows, unused_pointers, lead, lead_names, unit), pre_trend);
        InferenceOptions inference;
        inference.vcov = inference::VcovSpec::cluster({options.unit_name});
        JointTest test{"pretrend", {}};
        for (const auto& name : lead_names)
            if (std::find(pre_fit.names.begin(), pre_fit.names.end(), name) != pre_fit.names.end())
                test.rows.push_back({name, {{name, 1.0}}});
        if (!test.rows.empty()) inference.joint.push_back(test);
        lead_result = infer(pre_fit, inference);
    } else {
        notes.push_back("pretrend: no untreated observation before a cohort's start to test");
    }

    Result r;
    r.estimator = "did-imputation";
    r.formula = design.formula;
    r.outcome = design.outcome;
    r.vcov = "cluster:" + options.unit_name;
    r.ssc = "none";
    r.dropped = design.sample.dropped;
    r.nobs = untreated_rows.size() + std::size_t(std::count(imputed.begin(), imputed.end(), 1));
    const double z = inference::two_sided_critical(0.95, std::nan(""));
    const auto add = [&](const std::string& name, double b, double se) {
        CoefRow row{name, b, se, b / se, inference::two_sided_p(b / se, std::nan("")), b - z * se, b + z * se};
        r.coef.push_back(row);
    };
    add(names[0], estimate[0], std::sqrt(effects_vcov(0, 0)));
    std::vector<std::size_t> lead_rows;  // positions in lead_result of the leads reported
    if (leads_asked)
        for (int h = leads; h >= 1; --h)
            for (std::size_t j = 0; j < lead_result.coef.size(); ++j)
                if (lead_result.coef[j].name == "event::-" + std::to_string(h)) {
                    r.coef.push_back(lead_result.coef[j]);
                    lead_rows.push_back(j);
                }
    for (std::size_t j = 1; j < names.size(); ++j) add(names[j], estimate[j], std::sqrt(effects_vcov(j, j)));
    // Covariance: the effects' among themselves, the leads' from their regression; none across.
    const std::size_t P = r.coef.size(), L = lead_rows.size();
    r.vcov_matrix.set_size(P, P);
    r.vcov_matrix.fill(arma::datum::nan);
    const auto effect_position = [&](std::size_t j) { return j == 0 ? 0 : L + j; };
    for (std::size_t j = 0; j < names.size(); ++j)
        for (std::size_t k = 0; k < names.size(); ++k)
            r.vcov_matrix(effect_position(j), effect_position(k)) = effects_vcov(j, k);
    for (std::size_t j = 0; j < L; ++j)
        for (std::size_t k = 0; k < L; ++k)
            r.vcov_matrix(1 + j, 1 + k) = lead_result.vcov_matrix(lead_rows[j], lead_rows[k]);
    if (const auto* pretrend = lead_result.test("pretrend")) r.tests.push_back(*pretrend);
    r.fixed_effects.clear();
    for (const auto& e : effects) r.fixed_effects.push_back({e.name, e.levels});
    r.stats["n_treated"] = r.nobs - untreated_rows.size();
    r.stats["n_untreated"] = untreated_rows.size();
    r.stats["n_units"] = unit.levels;
    r.stats["n_clusters"] = {{options.unit_name, unit.levels}};
    r.notes = notes;
    r.notes.insert(r.notes.end(), lead_result.notes.begin(), lead_result.notes.end());
    if (not_imputed)
        r.notes.push_back(std::to_string(not_imputed) + " treated observations cannot be imputed (their unit or "
                          "period has no untreated observation) and are left out");
    if (leads > 0)
        r.notes.push_back("pretrend: leads 1 to " + std::to_string(leads) + " among the untreated, clustered by " +
                          options.unit_name + (leads_asked ? "" : " (--horizons with a negative start chooses them)"));
    return r;
}

}  // namespace gvcpanel::estimators::did
