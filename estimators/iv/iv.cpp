// 2SLS, LIML and two-step GMM on the IV system (estimators/iv/iv_system): X is n x k, Z n x L, one
// row per observation. Projections use Q, the thin-QR basis of Z (P_Z A = Q (Q'A)), never
// (Z'Z)^-1. Standard errors as AER's ivreg and Stata's ivregress: s^2 = e'e / (N - K - K_fe) with
// the structural residuals; 2SLS leverage h_i = x_i' (Xhat'Xhat)^-1 xhat_i (AER's hatvalues.ivreg),
// undefined with absorbed effects and for LIML and GMM (hc2/hc3 then fail).
#include "estimators/iv/iv.hpp"

#include <cmath>

#include "data/error.hpp"
#include "estimators/iv/iv_diagnostics.hpp"

namespace gvcpanel::estimators {

namespace {

arma::mat instrument_basis(const IvSystem& system) {
    arma::mat Q, R;
    if (!arma::qr_econ(Q, R, system.Z)) throw Error("IV: the QR factorisation of the instruments failed");
    return Q;
}

arma::mat invert(const arma::mat& cross, const std::string& caller, const std::string& formula) {
    arma::mat inverse;
    if (!arma::inv_sympd(inverse, arma::symmatu(cross)))
        throw Error(caller + ": the instruments do not identify every coefficient of '" + formula +
                    "' (an endogenous regressor is not explained by the excluded instruments)");
    return inverse;
}

// The parts every IV estimate shares; `scores_basis` row i times e_i is the score of observation i.
Estimate iv_estimate(const std::string& name, const IvSystem& system, models::Design& design,
                     const IvOptions& options, const arma::vec& b, const arma::mat& bread,
                     const arma::mat& scores_basis) {
    const arma::uword n = system.n(), k = system.X.n_cols;
    const arma::vec e = system.y - system.X * b;
    Estimate est;
    est.estimator = name;
    est.kind = ModelKind::linear;
    est.formula = design.formula;
    est.outcome = design.outcome;
    est.names = system.names;
    est.coef = b;
    est.bread = bread;
    est.nobs = n;
    est.df_fe = system.df_fe;
    est.has_intercept = system.has_intercept;
    const double rss = arma::dot(e, e);
    const double df_resid = static_cast<double>(n) - static_cast<double>(k) - static_cast<double>(system.df_fe);
    est.sigma2 = rss / df_resid;
    est.residuals = system.sqrt_weights.is_empty() ? e : arma::vec(e / system.sqrt_weights);

    const arma::vec w = system.sqrt_weights.is_empty() ? arma::vec(n, arma::fill::ones)
                                                       : arma::vec(arma::square(system.sqrt_weights));
    const double centre = system.has_intercept || system.df_fe > 0
                              ? arma::dot(w, system.y_levels) / arma::accu(w) : 0.0;
    const double tss = arma::dot(w, arma::square(system.y_levels - centre));
    est.stats["r2"] = 1.0 - rss / tss;
    if (system.df_fe > 0) est.stats["r2_within"] = 1.0 - rss / arma::dot(system.y, system.y);
    est.stats["rmse"] = std::sqrt(rss / arma::accu(w));
    est.stats["df_resid"] = df_resid;
    est.stats["n_instruments"] = system.Z.n_cols;
    if (system.df_fe > 0) est.stats["iterations"] = system.demean_iterations;

    IvDiagnostics diagnostics = iv_diagnostics(system, e, design.sample, options);
    est.stats["first_stage"] = diagnostics.first_stage;
    est.tests = std::move(diagnostics.tests);
    est.notes = std::move(diagnostics.notes);
    if (!system.converged) {
        est.converged = false;
        est.convergence_message = system.message;
    }
    est.scores = scores_basis.each_col() % e;
    est.sample = std::move(design.sample);
    return est;
}

// Smallest eigenvalue of C^-1 A C^-T where C C' = B.
double smallest_relative_eigenvalue(const arma::mat& A, const arma::mat& B) {
    const arma::mat C = arma::chol(arma::symmatu(B), "lower");
    const arma::mat half = arma::solve(arma::trimatl(C), A);
    const arma::mat whole = arma::solve(arma::trimatl(C), arma::mat(half.t()));
    return arma::eig_sym(arma::symmatu(whole)).min();
}

}  // namespace

Estimate two_stage_least_squares(models::Design design, const IvOptions& options) {
    IvSystem system = iv_system(design, options, "2sls");
    const arma::mat Q = instrument_basis(system);
    const arma::mat X_hat = Q * (Q.t() * system.X);
    const arma::mat bread = invert(X_hat.t() * X_hat, "2sls", design.formula);
    const arma::vec b = bread * (X_hat.t() * system.y);
    Estimate est = iv_estimate("2sls", system, design, options, b, bread, X_hat);
    if (system.df_fe == 0) est.leverage = arma::sum((system.X * bread) % X_hat, 1);
    if (options.keep_system) est.iv_system = std::make_shared<const IvSystem>(std::move(system));
    return est;
}

Estimate liml(models::Design design, const IvOptions& options) {
    const IvSystem system = iv_system(design, options, "liml");
    const arma::mat Q = instrument_basis(system);
    const arma::mat W = arma::join_rows(system.y, system.X.cols(system.endogenous));
    arma::mat W_exogenous = W;
    if (system.exogenous.n_elem > 0) {
        arma::mat Q1, R1;
        arma::qr_econ(Q1, R1, system.X.cols(system.exogenous));
        W_exogenous -= Q1 * (Q1.t() * W);
    }
    const arma::mat W_residual = W - Q * (Q.t() * W);
    const double kappa = smallest_relative_eigenvalue(W_exogenous.t() * W_exogenous, W_residual.t() * W_residual);
    const arma::mat X_residual = system.X - Q * (Q.t() * system.X);
    const arma::mat X_k = system.X - kappa * X_residual;
    const arma::mat bread = invert(X_k.t() * system.X, "liml", design.formula);
    const arma::vec b = bread * (X_k.t() * system.y);
    Estimate est = iv_estimate("liml", system, design, options, b, bread, X_k);
    est.stats["kappa"] = kappa;
    return est;
}

Estimate iv_gmm(models::Design design, const IvOptions& options) {
    const IvSystem system = iv_system(design, options, "gmm");
    const arma::mat Q = instrument_basis(system);
    const arma::mat X_hat = Q * (Q.t() * system.X);
    const arma::vec b_first = invert(X_hat.t() * X_hat, "gmm", design.formula) * (X_hat.t() * system.y);
    const inference::VcovSpec weights_spec = options.diagnostics_vcov.clustered() ? options.diagnostics_vcov
                                                                                   : inference::VcovSpec::hc(0);
    const arma::mat S = moment_covariance(system.Z, system.y - system.X * b_first, design.sample, weights_spec);
    arma::mat S_inverse;
    if (!arma::inv_sympd(S_inverse, arma::symmatu(S)))
        throw Error("gmm: the covariance of the moments is singular (more instruments than " +
                    std::string(weights_spec.clustered() ? "clusters" : "observations carry") + ")");
    const arma::mat zx = system.Z.t() * system.X;
    const arma::mat bread = invert(zx.t() * S_inverse * zx, "gmm", design.formula);
    const arma::vec b = bread * (zx.t() * S_inverse * (system.Z.t() * system.y));
    Estimate est = iv_estimate("gmm", system, design, options, b, bread, system.Z * S_inverse * zx);
    est.kind = ModelKind::gmm;
    est.iid_vcov = bread;
    est.notes.push_back("two-step weights " + weights_spec.text() + " from the 2SLS residuals");
    return est;
}

}  // namespace gvcpanel::estimators
