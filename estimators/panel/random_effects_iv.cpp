// Random-effects IV: the instrument sets of G2SLS and EC2SLS and the 2SLS on the GLS-transformed data.
// X* is n x K (intercept column first), W n x L; projections use an orthonormal basis of W's columns
// from a pivoted QR, so that collinear instruments are left out as R's lm.fit (plm's twosls) does.
#include "estimators/panel/random_effects_iv.hpp"

#include <algorithm>
#include <cmath>

#include "data/error.hpp"
#include "estimators/linear/pivoted_qr.hpp"

namespace gvcpanel::estimators {

namespace {

// R's lm.fit tolerance: a pivot below this fraction of the largest is a collinear column.
constexpr double kCollinearPivot = 1e-7;
// Relative norm below which a within-transformed instrument does not vary within groups.
constexpr double kConstantTolerance = 1e-10;

// An orthonormal basis (n x rank) of the columns of W.
arma::mat column_basis(const arma::mat& W) {
    PivotedQr qr(W);
    const arma::vec pivots = arma::abs(arma::diagvec(qr.r()));
    const auto rank = static_cast<arma::uword>(arma::accu(pivots > kCollinearPivot * pivots(0)));
    return std::move(qr).thin_q().cols(0, rank - 1);
}

}  // namespace

arma::mat take_instruments(models::Design& design) {
    std::vector<arma::uword> exogenous;
    for (arma::uword j = 0; j < design.names.size(); ++j)
        if (std::find(design.endogenous.begin(), design.endogenous.end(), design.names[j]) == design.endogenous.end())
            exogenous.push_back(j);
    arma::mat instruments = arma::join_rows(design.X.cols(arma::uvec(exogenous)), design.instruments);
    design.endogenous.clear();
    design.instruments.reset();
    design.instrument_names.clear();
    return instruments;
}

arma::mat re_iv_instruments(const arma::mat& instruments, const PanelGroups& groups, const QuasiDemeaned& q,
                            const RandomEffectsOptions& options) {
    if (options.iv == ReIvMethod::bvk) return gls_transform(instruments, groups, q, options.effect);
    const bool individual = options.effect == PanelEffect::individual;
    const auto& codes = individual ? groups.entity : groups.period;
    const auto& sizes = individual ? groups.entity_size : groups.period_size;
    const arma::mat within = within_transform(instruments, groups, options.effect);
    std::vector<arma::uword> varying;
    for (arma::uword j = 0; j < within.n_cols; ++j)
        if (arma::norm(within.col(j)) > kConstantTolerance * arma::norm(instruments.col(j))) varying.push_back(j);
    return arma::join_rows(within.cols(arma::uvec(varying)), expand(group_means(instruments, codes, sizes), codes));
}

Estimate random_effects_two_stage(models::Design transformed, const arma::mat& W, ReIvMethod method) {
    const arma::mat& X = transformed.X;
    const arma::vec& y = transformed.y;
    const arma::mat Q = column_basis(W);
    if (Q.n_cols < X.n_cols)
        throw Error("--estimator re --re-iv " + to_string(method) + ": " + std::to_string(Q.n_cols) +
                    " independent instruments for " + std::to_string(X.n_cols) + " coefficients of '" +
                    transformed.formula + "'");
    const arma::mat X_hat = Q * (Q.t() * X);
    arma::mat bread;
    if (!arma::inv_sympd(bread, arma::symmatu(X_hat.t() * X_hat)))
        throw Error("--estimator re --re-iv " + to_string(method) + ": the instruments do not identify every "
                    "coefficient of '" + transformed.formula + "'");
    Estimate est;
    est.kind = ModelKind::linear;
    est.formula = transformed.formula;
    est.outcome = transformed.outcome;
    est.names = transformed.names;
    est.coef = bread * (X_hat.t() * y);
    est.bread = bread;
    est.residuals = y - X * est.coef;
    est.scores = X_hat.each_col() % est.residuals;
    est.nobs = transformed.nobs();
    est.has_intercept = true;
    const double df_resid = static_cast<double>(est.nobs) - static_cast<double>(est.k());
    est.sigma2 = arma::dot(est.residuals, est.residuals) / df_resid;
    est.stats["df_resid"] = df_resid;
    est.stats["rmse"] = std::sqrt(arma::dot(est.residuals, est.residuals) / static_cast<double>(est.nobs));
    est.stats["n_instruments"] = Q.n_cols;
    est.stats["re_iv"] = to_string(method);
    est.sample = std::move(transformed.sample);
    return est;
}

}  // namespace gvcpanel::estimators
