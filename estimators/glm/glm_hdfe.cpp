// IRLS for generalised linear models with absorbed fixed effects (ppmlhdfe, Correia, Guimarães and
// Zylkin 2020; fixest's feglm, Bergé 2018). y, eta, mu are n long; X is n x k, one row per
// observation. Demeaning is a projection M_W, and the previous step's demeaned columns differ
// from the raw ones by a member of the span of the dummies, so demeaning them again (and the
// working outcome shifted by the same member) gives M_W of the new columns from a near start.
#include "estimators/glm/glm_hdfe.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <sstream>

#include "data/error.hpp"
#include "estimators/degenerate_fit.hpp"
#include "estimators/fixed_effects/fe_dof.hpp"
#include "estimators/glm/fe_separation.hpp"
#include "estimators/likelihood/regressor_separation.hpp"

namespace gvcpanel::estimators {

using models::Family;

void GlmHdfeOptions::validate() const {
    auto fail = [](const std::string& field, double value, const std::string& rule) {
        std::ostringstream message;
        message << "glm_hdfe options: " << field << " = " << value << " " << rule;
        throw Error(message.str());
    };
    if (!(tolerance > 0)) fail("tolerance", tolerance, "must be positive");
    if (max_iterations == 0) fail("max_iterations", 0, "must be at least 1");
    if (!(demean_tolerance > 0)) fail("demean_tolerance", demean_tolerance, "must be positive");
    if (!(initial_demean_tolerance >= demean_tolerance))
        fail("initial_demean_tolerance", initial_demean_tolerance, "must be at least demean_tolerance");
}

namespace {

constexpr int kMaxHalvings = 30;
constexpr double kBinaryMuFloor = 1e-15;  // keeps mu(1-mu) and the logs finite under near-separation

double normal_pdf(double eta) { return std::exp(-0.5 * eta * eta) / std::sqrt(2 * std::numbers::pi); }

double mean_of(Family family, double eta) {
    switch (family) {
        case Family::poisson: return std::exp(eta);
        case Family::logit: return std::clamp(1.0 / (1.0 + std::exp(-eta)), kBinaryMuFloor, 1 - kBinaryMuFloor);
        default: return std::clamp(0.5 * std::erfc(-eta * std::numbers::sqrt2 / 2), kBinaryMuFloor, 1 - kBinaryMuFloor);
    }
}

double dmu_deta(Family family, double eta, double mu) {
    switch (family) {
        case Family::poisson: return mu;
        case Family::logit: return mu * (1 - mu);
        default: return std::max(normal_pdf(eta), 1e-300);
    }
}

double variance(Family family, double mu) { return family == Family::poisson ? mu : mu * (1 - mu); }

double unit_deviance(Family family, double y, double mu) {
    if (family == Family::poisson) return 2 * ((y > 0 ? y * std::log(y / mu) : 0.0) - (y - mu));
    return -2 * (y > 0 ? std::log(mu) : std::log(1 - mu));
}

double weight_of(const arma::vec& w, std::size_t i) { return w.is_empty() ? 1.0 : w[i]; }

double loglik_of(Family family, const arma::vec& y, const arma::vec& eta, const arma::vec& w) {
    double total = 0;
    for (std::size_t i = 0; i < y.n_elem; ++i)
        total += weight_of(w, i) * models::loglik(family, eta[i], static_cast<const double*>(nullptr),
                                                  models::Observation{.y = y[i]});
    return total;
}

// The intercept-only model (with the offset): Newton on the one constant.
double null_loglik(Family family, const arma::vec& y, const arma::vec& offset, const arma::vec& w) {
    const std::size_t n = y.n_elem;
    const double ybar = arma::accu(w.is_empty() ? y : y % w) / (w.is_empty() ? double(n) : arma::accu(w));
    double c = family == Family::poisson ? std::log(ybar) : std::log(ybar / (1 - ybar));
    if (family == Family::probit) c *= 0.6;  // the logistic scale is about 1.6 times the normal one
    arma::vec eta(n);
    for (int step = 0; step < 100; ++step) {
        double g = 0, h = 0;
        for (std::size_t i = 0; i < n; ++i) {
            eta[i] = c + (offset.is_empty() ? 0.0 : offset[i]);
            const double mu = mean_of(family, eta[i]), d = dmu_deta(family, eta[i], mu);
            const double v = variance(family, mu);
            g += weight_of(w, i) * (y[i] - mu) * d / v;
            h += weight_of(w, i) * d * d / v;
        }
        c += g / h;
        if (std::abs(g / h) < 1e-13 * (1 + std::abs(c))) break;
    }
    eta = c + (offset.is_empty() ? arma::vec(n, arma::fill::zeros) : offset);
    return loglik_of(family, y, eta, w);
}

// -d2 loglik / deta2 of probit at y (the observed information weight; log-concave, so positive).
double probit_observed_weight(double y, double eta) {
    const double phi = normal_pdf(eta);
    if (y > 0) {
        const double lambda = phi / std::max(0.5 * std::erfc(-eta * std::numbers::sqrt2 / 2), 1e-300);
        return lambda * (lambda + eta);
    }
    const double lambda = phi / std::max(0.5 * std::erfc(eta * std::numbers::sqrt2 / 2), 1e-300);
    return lambda * (lambda - eta);
}

void check_outcome(Family family, const arma::vec& y, const std::string& formula) {
    for (std::size_t i = 0; i < y.n_elem; ++i) {
        const bool ok = family == Family::poisson ? (y[i] >= 0 && std::isfinite(y[i])) : (y[i] == 0 || y[i] == 1);
        if (ok) continue;
        std::ostringstream message;
        message << to_string(family) << " with fixed effects: '" << formula << "': outcome value " << y[i]
                << " at observation " << i + 1 << (family == Family::poisson ? " is not a non-negative number" : " is not 0 or 1");
        throw Error(message.str());
    }
}

// Drops the rows whose outcome is predicted perfectly and returns the notes that count them:
// first the fixed-effect groups without variation (all zero for Poisson), then the rows that a
// combination of the regressors and the fixed effects separates, by ppmlhdfe's ReLU check: for
// Poisson the zeros; for a binary outcome the zeros of y and the zeros of 1 - y (the ones). For
// a binary outcome dropping rows can empty a group's variation or expose the other side, so the
// checks repeat until the regressor checks find nothing.
std::vector<std::string> drop_separated(models::Design& design, Family family, int threads) {
    const bool binary = family != Family::poisson;
    RegressorSeparationOptions check;
    check.threads = threads;
    const auto drop = [&](const std::vector<std::uint8_t>& keep, std::size_t rows) {
        design = restrict_rows(design, keep);
        design.sample.dropped.separated += rows;
    };
    std::size_t in_groups = 0, by_regressors[2] = {0, 0};  // by the outcome the rows have
    for (bool found = true; found;) {
        std::vector<std::uint8_t> keep(design.nobs(), 1);
        if (const std::size_t rows = flag_fe_separation(design, binary, keep); rows > 0) {
            drop(keep, rows);
            in_groups += rows;
        }
        found = false;
        for (const int side : {0, 1}) {
            if (side == 1 && !binary) continue;
            const arma::vec counts = side == 0 ? design.y : arma::vec(1.0 - design.y);
            const auto separated = separated_zeros_with_fe(design.X, counts, design.sample.fixed_effects, check);
            if (separated.empty()) continue;
            keep.assign(design.nobs(), 1);
            for (std::size_t i : separated) keep[i] = 0;
            drop(keep, separated.size());
            by_regressors[side] += separated.size();
            found = binary;
        }
    }
    std::vector<std::string> notes;
    if (in_groups > 0)
        notes.push_back(std::to_string(in_groups) + " observations dropped: their fixed-effect group has " +
                        (binary ? "no variation in the outcome" : "only zero outcomes"));
    for (const int side : {0, 1})
        if (by_regressors[side] > 0)
            notes.push_back(std::to_string(by_regressors[side]) + " observations with y = " + std::to_string(side) +
                            " dropped: a combination of the regressors and the fixed effects predicts them "
                            "perfectly (ppmlhdfe's ReLU check)");
    return notes;
}

std::vector<double*> columns_of(arma::vec& z, arma::mat& X) {
    std::vector<double*> columns{z.memptr()};
    for (arma::uword j = 0; j < X.n_cols; ++j) columns.push_back(X.colptr(j));
    return columns;
}

}  // namespace

Estimate glm_hdfe(models::Design design, Family family, const GlmHdfeOptions& options) {
    options.validate();
    if (family != Family::poisson && family != Family::logit && family != Family::probit)
        throw Error("glm with fixed effects: family '" + std::string(to_string(family)) +
                    "' is not offered (poisson, logit or probit)");
    if (design.sample.fixed_effects.empty())
        throw Error("glm with fixed effects: the model '" + design.formula + "' has no fixed effects");
    for (const auto& effect : design.sample.fixed_effects)
        if (effect.has_slopes())
            throw Error(std::string(to_string(family)) + ": varying slopes ('" + effect.name +
                        "') are absorbed only by --estimator ols and the IV estimators; write them as "
                        "terms instead, e.g. i(firm, x)");
    check_outcome(family, design.y, design.formula);
    const auto intercept = std::find(design.names.begin(), design.names.end(), "(Intercept)");
    if (intercept != design.names.end()) {
        design.X.shed_col(static_cast<arma::uword>(intercept - design.names.begin()));
        design.names.erase(intercept);
    }
    design.has_intercept = false;

    std::vector<std::string> notes;
    if (options.drop_separated) notes = drop_separated(design, family, options.threads);
    const std::size_t n = design.nobs();
    if (n == 0) throw Error("glm with fixed effects: '" + design.formula + "': no observation left after dropping separated groups");
    require_outcome_variation(design.y, true, std::string(to_string(family)), design.outcome);
    require_variation_within_effects(design.y, design.sample.fixed_effects, std::string(to_string(family)),
                                     design.outcome);
    const arma::vec& y = design.y;
    const arma::vec& w0 = design.weights;
    const arma::vec offset = design.offset.is_empty() ? arma::vec(n, arma::fill::zeros) : design.offset;
    const auto& effects = design.sample.fixed_effects;

    // Starting values: ppmlhdfe's mu = (y + mean y)/2; for binary outcomes mu = (y + 1/2)/2.
    arma::vec eta(n), mu(n);
    const double ybar = arma::accu(w0.is_empty() ? y : y % w0) / (w0.is_empty() ? double(n) : arma::accu(w0));
    for (std::size_t i = 0; i < n; ++i) {
        if (family == Family::poisson) {
            mu[i] = 0.5 * (y[i] + ybar);
            eta[i] = std::log(mu[i]);
        } else {
            const double sign = y[i] > 0 ? 1.0 : -1.0;
            eta[i] = sign * (family == Family::logit ? std::log(3.0) : 0.6744897501960817);  // link(0.75)
            mu[i] = mean_of(family, eta[i]);
        }
    }
    double deviance = 0;
    for (std::size_t i = 0; i < n; ++i) deviance += weight_of(w0, i) * unit_deviance(family, y[i], mu[i]);

    arma::vec z(n), z_previous, z_demeaned(n), W(n);
    arma::mat X = design.X;  // demeaned in place, step after step
    arma::vec norm_before(X.n_cols);
    DemeanOptions demean_options;
    demean_options.threads = options.threads;
    demean_options.tolerance = options.initial_demean_tolerance;
    arma::vec beta;
    bool converged = false;
    std::size_t iterations = 0;
    std::string message;
    for (std::size_t step = 1; step <= options.max_iterations && !converged; ++step) {
        iterations = step;
        for (std::size_t i = 0; i < n; ++i) {
            const double d = dmu_deta(family, eta[i], mu[i]);
            z[i] = eta[i] - offset[i] + (y[i] - mu[i]) / d;
            W[i] = weight_of(w0, i) * d * d / variance(family, mu[i]);
        }
        if (step == 1) {
            z_demeaned = z;
            for (arma::uword j = 0; j < X.n_cols; ++j) norm_before[j] = std::sqrt(arma::dot(X.col(j) % W, X.col(j)));
        } else {
            z_demeaned += z - z_previous;
        }
        z_previous = z;
        const DemeanSummary demeaned = demean(columns_of(z_demeaned, X), n, effects, W, demean_options);
        if (!demeaned.converged) message = "demeaning: " + demeaned.message;
        if (step == 1) {
            // Regressors the fixed effects absorb: their demeaned norm is rounding noise. Shed from
            // the last, reported in the user's order.
            std::vector<std::string> absorbed;
            for (arma::uword j = X.n_cols; j-- > 0;) {
                if (std::sqrt(arma::dot(X.col(j) % W, X.col(j))) > 1e-7 * norm_before[j]) continue;
                absorbed.insert(absorbed.begin(), design.names[j]);
                X.shed_col(j);
                design.X.shed_col(j);
                design.names.erase(design.names.begin() + static_cast<std::ptrdiff_t>(j));
            }
            for (const auto& name : absorbed) {
                notes.push_back("'" + name + "' dropped: collinear with the fixed effects");
                design.sample.dropped.collinear.push_back(name);
            }
        }
        const arma::mat XtW = (X.each_col() % W).t();
        const arma::vec e_beta = arma::solve(XtW * X, XtW * z_demeaned, arma::solve_opts::likely_sympd);
        const arma::vec residual = z_demeaned - X * e_beta;
        // The fitted index without offset is z minus the residual of the within regression.
        arma::vec eta_new = offset + z - residual;
        double deviance_new = 0;
        arma::vec mu_new(n);
        // Step halving, as glm and fixest, from the second step on (the starting mu is not a fit).
        bool improved = false;
        for (int halving = 0; halving <= kMaxHalvings && !improved; ++halving) {
            if (halving > 0) eta_new = 0.5 * (eta_new + eta);
            deviance_new = 0;
            for (std::size_t i = 0; i < n; ++i) {
                mu_new[i] = mean_of(family, eta_new[i]);
                deviance_new += weight_of(w0, i) * unit_deviance(family, y[i], mu_new[i]);
            }
            improved = std::isfinite(deviance_new) && (step == 1 || deviance_new <= deviance * (1 + 1e-12));
        }
        if (!improved) {
            message = "step halving found no decrease of the deviance";
            break;
        }
        const double change = std::abs(deviance_new - deviance) / (0.1 + std::abs(deviance_new));
        eta = std::move(eta_new);
        mu = std::move(mu_new);
        deviance = deviance_new;
        beta = e_beta;
        const bool at_final_tolerance = demean_options.tolerance <= options.demean_tolerance;
        if (change < options.tolerance && at_final_tolerance) converged = true;
        demean_options.tolerance = std::clamp(0.1 * change, options.demean_tolerance, demean_options.tolerance);
    }

    // The bread at the solution: X demeaned with the weights of the final mu (observed information
    // for probit, as conventions.md asks; for the canonical links the two coincide).
    arma::vec u(n);
    for (std::size_t i = 0; i < n; ++i) {
        const double d = dmu_deta(family, eta[i], mu[i]), v = variance(family, mu[i]);
        W[i] = weight_of(w0, i) * (family == Family::probit ? probit_observed_weight(y[i], eta[i]) : d * d / v);
        u[i] = weight_of(w0, i) * (y[i] - mu[i]) * d / v;
    }
    demean_options.tolerance = options.demean_tolerance;
    {
        std::vector<double*> columns;
        for (arma::uword j = 0; j < X.n_cols; ++j) columns.push_back(X.colptr(j));
        const DemeanSummary demeaned = demean(columns, n, effects, W, demean_options);
        if (!demeaned.converged) message = "demeaning: " + demeaned.message;
    }
    const arma::mat information = (X.each_col() % W).t() * X;

    Estimate estimate;
    estimate.estimator = std::string(to_string(family));
    estimate.kind = ModelKind::likelihood;
    estimate.formula = design.formula;
    estimate.outcome = design.outcome;
    estimate.names = design.names;
    estimate.coef = beta;
    estimate.linear_predictor = eta;
    if (!arma::inv_sympd(estimate.bread, information)) {
        estimate.bread = arma::pinv(information);
        message += (message.empty() ? "" : "; ") + std::string("the information matrix is singular (collinear regressors?)");
        converged = false;
    }
    estimate.scores = X.each_col() % u;
    estimate.nobs = n;
    const FixedEffectDof dof = fixed_effects_dof(effects);
    estimate.df_fe = dof.absorbed;
    estimate.has_intercept = false;
    estimate.notes = std::move(notes);

    const double loglik = loglik_of(family, y, eta, w0);
    const double ll_null = null_loglik(family, y, design.offset, w0);
    auto& stats = estimate.stats;
    stats["loglik"] = loglik;
    stats["deviance"] = deviance;
    stats["ll_null"] = ll_null;
    stats["pseudo_r2"] = 1.0 - loglik / ll_null;
    stats["df_resid"] = static_cast<double>(n) - static_cast<double>(estimate.k()) - static_cast<double>(dof.absorbed);
    stats["iterations"] = iterations;
    if (!converged) {
        estimate.converged = false;
        std::ostringstream verdict;
        verdict << "IRLS did not converge in " << iterations << " steps (relative deviance change above "
                << options.tolerance << ")";
        if (!message.empty()) verdict << "; " << message;
        estimate.convergence_message = verdict.str();
    } else if (!message.empty()) {
        estimate.converged = false;
        estimate.convergence_message = message;
    }
    estimate.sample = std::move(design.sample);
    return estimate;
}

}  // namespace gvcpanel::estimators
