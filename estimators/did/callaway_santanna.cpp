// From group-time effects to a Result: aggregate, form every parameter's variance from one
// cross-product matrix of the influence columns (V = C' M C / n^2, as R's sum of squared influence
// functions over n^2), replace standard errors by the bootstrap's when asked, and test the
// pre-treatment effects jointly (att_gt's Wald pre-test; for event studies also the event times
// before 0).
#include "estimators/did/callaway_santanna.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include "data/error.hpp"
#include "estimators/did/multiplier_bootstrap.hpp"
#include "estimators/inference/distributions.hpp"
#include "models/levels.hpp"

namespace gvcpanel::estimators::did {

namespace {

// R did reports standard errors at most this small as missing (an influence function of zeros).
const double kZeroSe = 10 * std::sqrt(std::numeric_limits<double>::epsilon());

std::string method_name(DidMethod method) {
    switch (method) {
        case DidMethod::dr: return "doubly robust";
        case DidMethod::ipw: return "inverse probability weighting";
        case DidMethod::reg: return "outcome regression";
    }
    return "";
}

// The joint Wald test that the parameters `which` are zero, chi2(q); a note when it cannot be formed.
std::optional<TestResult> joint_zero_test(const std::string& name, const arma::vec& estimates, const arma::mat& vcov,
                                          const std::vector<arma::uword>& which, std::vector<std::string>& notes) {
    if (which.empty()) return std::nullopt;
    const arma::uvec index(which);
    const arma::vec b = estimates.elem(index);
    const arma::mat V = vcov.submat(index, index);
    if (!V.is_finite() || arma::rcond(V) <= std::numeric_limits<double>::epsilon()) {
        notes.push_back(name + ": not reported, the covariance of the pre-treatment estimates is singular");
        return std::nullopt;
    }
    TestResult test;
    test.name = name;
    test.stat = arma::as_scalar(b.t() * arma::solve(V, b));
    test.df = {double(which.size())};
    test.p = inference::chi2_upper_p(test.stat, test.df[0]);
    return test;
}

}  // namespace

void CsOptions::validate() const {
    if (!(level > 0 && level < 1)) throw Error("cs: the confidence level must lie strictly between 0 and 1");
    if (cells.anticipation < 0) throw Error("--anticipation: must be 0 or more");
    if (aggregation.min_e > aggregation.max_e) throw Error("--min-e is above --max-e");
    if (bootstrap != 0 && bootstrap < 2) throw Error("--bootstrap " + std::to_string(bootstrap) + ": at least 2 draws");
}

Result callaway_santanna(const StaggeredData& data, const CsOptions& options) {
    options.validate();
    const GroupTimeEffects effects = group_time_effects(data, options.cells);
    Result r;
    r.estimator = "cs";
    r.notes = data.notes;
    for (const auto& cell : effects.cells)
        if (!cell.failure.empty())
            r.notes.push_back("ATT(" + models::level_name(cell.group) + "," + models::level_name(cell.time) +
                              ") not estimated: " + cell.failure);
    const auto parameters = aggregate_effects(effects, options.aggregation, r.notes);
    const std::size_t P = parameters.size();
    arma::mat C(effects.influence.columns(), P);
    arma::vec estimates(P);
    for (std::size_t p = 0; p < P; ++p) {
        C.col(p) = parameters[p].coefficients;
        estimates[p] = parameters[p].estimate;
    }
    const double n = double(effects.n_units);
    const arma::mat cross = effects.influence.cross_products();
    r.vcov_matrix = C.t() * cross * C / (n * n);
    r.vcov_matrix = arma::symmatu(r.vcov_matrix);

    arma::vec se(P);
    for (std::size_t p = 0; p < P; ++p) {
        const double variance = r.vcov_matrix(p, p);
        se[p] = std::isnan(estimates[p]) || !(variance > 0) ? std::nan("") : std::sqrt(variance);
        if (se[p] <= kZeroSe) se[p] = std::nan("");
    }
    const arma::vec analytic_se = se;
    double critical = std::nan("");
    if (options.bootstrap > 0) {
        std::vector<bool> band(P);
        for (std::size_t p = 0; p < P; ++p) band[p] = parameters[p].in_band && std::isfinite(analytic_se[p]);
        const BootstrapInference boot = multiplier_bootstrap(
            effects.influence.rademacher_sums(options.bootstrap, options.seed), C, effects.n_units, band, options.level);
        for (std::size_t p = 0; p < P; ++p)
            se[p] = std::isfinite(analytic_se[p]) && boot.se[p] > kZeroSe ? boot.se[p] : std::nan("");
        if (std::any_of(band.begin(), band.end(), [](bool b) { return b; })) critical = boot.critical;
    }

    const double z = inference::two_sided_critical(options.level, std::nan(""));
    for (std::size_t p = 0; p < P; ++p) {
        CoefRow row;
        row.name = parameters[p].name;
        row.estimate = estimates[p];
        row.se = se[p];
        row.stat = row.estimate / row.se;
        row.p = inference::two_sided_p(row.stat, std::nan(""));
        row.ci_low = row.estimate - z * row.se;
        row.ci_high = row.estimate + z * row.se;
        r.coef.push_back(row);
    }
    r.nobs = data.n_observations;
    r.stats["n_units"] = effects.n_units;
    r.stats["n_cohorts"] = effects.groups.size();
    if (options.bootstrap > 0) {
        r.stats["bootstrap_reps"] = options.bootstrap;
        if (std::isfinite(critical)) r.stats["simultaneous_crit"] = critical;
    }

    // att_gt's pre-test: every estimated pre-treatment ATT(g,t), with their analytic covariance.
    std::vector<std::size_t> pre_cells;
    for (std::size_t c = 0; c < effects.cells.size(); ++c) {
        const auto& cell = effects.cells[c];
        if (!cell.post && !cell.reference && !std::isnan(cell.att)) pre_cells.push_back(c);
    }
    if (!pre_cells.empty()) {
        arma::mat cells(effects.influence.columns(), pre_cells.size(), arma::fill::zeros);
        arma::vec atts(pre_cells.size());
        std::vector<arma::uword> all;
        for (std::size_t j = 0; j < pre_cells.size(); ++j) {
            cells(effects.cells[pre_cells[j]].column, j) = 1;
            atts[j] = effects.cells[pre_cells[j]].att;
            if (std::sqrt(cross(effects.cells[pre_cells[j]].column, effects.cells[pre_cells[j]].column)) / n > kZeroSe)
                all.push_back(j);
        }
        const arma::mat pre_vcov = cells.t() * cross * cells / (n * n);
        if (auto test = joint_zero_test("pretrend", atts, pre_vcov, all, r.notes)) r.tests.push_back(*test);
    } else {
        r.notes.push_back("pretrend: no pre-treatment period to test");
    }
    if (options.aggregation.type == Aggregation::dynamic) {
        std::vector<arma::uword> before;
        for (std::size_t p = 0; p < P; ++p)
            if (parameters[p].pre_treatment && std::isfinite(analytic_se[p])) before.push_back(p);
        if (auto test = joint_zero_test("pretrend_event", estimates, r.vcov_matrix, before, r.notes))
            r.tests.push_back(*test);
    }
    const auto& cells = options.cells;
    r.notes.push_back(std::string("comparison group: ") +
                      (cells.control == ControlGroup::never ? "never treated" : "not yet treated") +
                      "; base period: " + (cells.base_period == BasePeriod::varying ? "varying" : "universal") +
                      "; anticipation: " + std::to_string(cells.anticipation) + "; 2x2 estimator: " +
                      method_name(cells.method) +
                      (options.bootstrap ? "; standard errors: multiplier bootstrap" : "; standard errors: analytic"));
    return r;
}

}  // namespace gvcpanel::estimators::did
