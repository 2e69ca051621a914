#include "cli/fit_spatial.hpp"

#include "cli/spatial_data.hpp"
#include "data/error.hpp"
#include "estimators/spatial/spatial_effects.hpp"
#include "estimators/spatial/spatial_panel.hpp"

namespace gvcpanel::cli {

namespace {

namespace sp = estimators::spatial;

// SDM and SDEM: W x for every regressor but the intercept, named W:x.
void add_lagged_regressors(sp::SpatialPanel& panel) {
    const arma::uword k = panel.X.n_cols;
    for (arma::uword j = 0; j < k; ++j) {
        if (panel.names[j] == "(Intercept)") continue;
        panel.X = arma::join_rows(panel.X, sp::spatial_lag(panel.W, panel.X.col(j), panel.units));
        panel.names.push_back("W:" + panel.names[j]);
    }
}

// --effects: the direct, indirect and total effects appended to the coefficients, their covariance by
// the delta method (G V G', with the cross terms G V), the simulated SEs in stats.
void add_effects(estimators::Estimate& estimate, const arma::sp_mat& W, const ModelRequest& request) {
    const auto effects = sp::spatial_effects(W, estimate.names, estimate.coef, estimate.iid_vcov, request.effects_draws,
                                             request.seed);
    const arma::mat& V = estimate.iid_vcov;
    const arma::mat& G = effects.gradient;
    const arma::mat joint = arma::join_cols(arma::join_rows(V, V * G.t()), arma::join_rows(G * V, G * V * G.t()));
    arma::vec point(effects.rows.size());
    auto simulated = nlohmann::ordered_json::object();
    for (std::size_t e = 0; e < effects.rows.size(); ++e) {
        estimate.names.push_back(effects.rows[e].name);
        point(e) = effects.rows[e].estimate;
        if (effects.draws > 0) simulated[effects.rows[e].name] = effects.rows[e].se_simulated;
    }
    estimate.coef = arma::join_cols(estimate.coef, point);
    estimate.iid_vcov = 0.5 * (joint + joint.t());
    estimate.bread = estimate.iid_vcov;
    if (effects.draws > 0) {
        estimate.stats["effects_draws"] = effects.draws;
        estimate.stats["effects_simulated_se"] = simulated;
    }
    estimate.notes.push_back("direct, indirect and total effects (LeSage and Pace 2009) with delta-method SEs" +
                             std::string(effects.draws > 0 ? "; simulated SEs (" + std::to_string(effects.draws) +
                                                                 " draws, --seed) in stats.effects_simulated_se"
                                                           : ""));
}

std::string effects_name(sp::FixedEffectsKind effects) {
    switch (effects) {
        case sp::FixedEffectsKind::pooled: return "none (pooled)";
        case sp::FixedEffectsKind::individual: return "individual";
        case sp::FixedEffectsKind::time: return "time";
        case sp::FixedEffectsKind::twoways: return "twoways";
    }
    return "";
}

}  // namespace

bool is_spatial_estimator(const std::string& estimator) {
    return estimator == "sar" || estimator == "sem" || estimator == "sdm" || estimator == "sdem";
}

estimators::Result fit_spatial(const models::ModelSpec& spec, const ModelRequest& request, const data::Frame& frame,
                               const data::PanelIndex* panel, const estimators::InferenceOptions& inference) {
    const std::string& name = spec.estimator;
    if (spec.formula.has_iv() || !spec.weights.empty())
        throw Error("--estimator " + name + ": an IV part and --weights are not available for spatial models");
    if (inference.vcov.type != estimators::inference::VcovType::iid || !request.bootstrap.empty())
        throw Error("--estimator " + name + ": the standard errors are the inverse information matrix (--vcov iid); "
                    "other covariances are not available for spatial models");
    const bool lag = name == "sar" || name == "sdm";
    if (request.spatial_effects && !lag)
        throw Error("--effects: the direct and indirect effects are those of a spatial lag (sar, sdm); in " + name +
                    " the slopes are the effects");
    auto data = spatial_data(spec, frame, panel, request.spatial, "--estimator " + name);
    const auto& design = data.design;
    sp::SpatialOptions options;
    options.model = lag ? sp::SpatialModel::lag : sp::SpatialModel::error;
    options.effects = data.effects;
    options.lee_yu = request.lee_yu;
    if (name == "sdm" || name == "sdem") add_lagged_regressors(data.panel);
    const auto fit = sp::fit_spatial_panel(data.panel, options);

    estimators::Estimate estimate;
    estimate.estimator = name;
    estimate.kind = estimators::ModelKind::likelihood;
    estimate.formula = spec.formula.text;
    estimate.outcome = design.outcome;
    estimate.names = fit.names;
    estimate.coef = fit.coef;
    estimate.bread = fit.vcov;
    estimate.iid_vcov = fit.vcov;
    estimate.nobs = design.nobs();
    estimate.has_intercept = options.effects == sp::FixedEffectsKind::pooled;
    estimate.sample = design.sample;
    estimate.stats["loglik"] = fit.loglik;
    estimate.stats["sigma2"] = fit.sigma2;
    estimate.stats["sigma2_se"] = fit.sigma2_se;
    estimate.stats["spatial_effects"] = effects_name(options.effects);
    estimate.stats["lee_yu"] = options.lee_yu;
    estimate.stats["n_units"] = data.panel.units;
    estimate.stats["n_periods"] = data.panel.periods;
    estimate.stats["log_determinant"] = "eigenvalues";
    estimate.stats["spatial_interval"] = {fit.low, fit.high};
    estimate.notes.push_back(std::string(options.lee_yu ? "Lee-Yu (2010) bias-corrected" : "uncorrected (direct ML; --lee-yu for Lee and Yu's correction)") +
                             " estimates; SEs from the inverse information matrix");
    if (request.spatial_effects) add_effects(estimate, data.panel.W, request);
    if (fit.at_bound) {
        estimate.converged = false;
        estimate.convergence_message = "the spatial parameter is at an end of its interval: the estimates should not be used";
    }
    return estimators::infer(estimate, inference);
}

}  // namespace gvcpanel::cli
