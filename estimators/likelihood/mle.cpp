// Maximum likelihood for single-index models. Steps: check the outcome for the family; drop
// separated observations and the regressors that separate them (binary and count models; Tobit,
// ordered and fractional models: observations at one bound of the outcome that a regressor such as a
// group dummy pushes there);
// start values (from a linear fit where one is meaningful); Newton (estimators/likelihood/mle_optimize.cpp);
// the same family without slopes for the LR test and McFadden's pseudo R2. The bread is the beta
// block of the inverse joint information, and the scores are beta's with the ancillary parameters
// partialled out (s~_i = B_bb^-1 B_b. s_i), so that bread * sum s~ s~' * bread is exactly the
// beta block of the joint sandwich.
#include "estimators/likelihood/mle.hpp"

#include <boost/math/distributions/normal.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>

#include "data/error.hpp"
#include "estimators/likelihood/likelihood_objective.hpp"
#include "estimators/likelihood/likelihood_ratio.hpp"
#include "estimators/likelihood/mle_optimize.hpp"
#include "estimators/likelihood/separation.hpp"
#include "estimators/ordered_sum.hpp"

namespace gvcpanel::estimators {

namespace {

using models::Family;

std::string frame_row(const models::Design& design, std::size_t i) {
    return design.sample.rows.empty() ? std::to_string(i + 1)
                                      : std::to_string(design.sample.rows[i] + 1);
}

// The outcome must be one the family can take; the message names the first offending row.
void check_outcome(const models::Design& design, Family family) {
    const std::string model(models::to_string(family));
    const arma::vec& y = design.y;
    if (y.n_elem <= design.X.n_cols)
        throw Error(model + ": " + std::to_string(y.n_elem) + " observations for " +
                    std::to_string(design.X.n_cols) +
                    " coefficients (after removing perfectly predicted observations, if any)");
    for (std::size_t i = 0; i < y.n_elem; ++i) {
        const double v = y(i);
        std::string rule;
        if (!std::isfinite(v)) rule = "a finite number";
        else if (models::is_binary(family) && v != 0 && v != 1) rule = "0 or 1";
        else if (family == Family::poisson && v < 0) rule = "a non-negative number";
        else if (family == Family::negbin && (v < 0 || v != std::floor(v))) rule = "a non-negative integer";
        else if (models::is_fractional(family) && (v < 0 || v > 1)) rule = "a share in [0, 1]";
        if (!rule.empty())
            throw Error(model + ": the outcome '" + design.outcome + "' must be " + rule +
                        "; data row " + frame_row(design, i) + " has " + std::to_string(v));
    }
    if (y.n_elem > 0 && arma::all(y == y(0)))
        throw Error(model + ": the outcome '" + design.outcome + "' does not vary (all " +
                    std::to_string(y(0)) + ")");
}

models::Grouping subset(const models::Grouping& g, const arma::uvec& keep) {
    // Codes are renumbered so that a level no longer present is not counted as a cluster.
    models::Grouping out;
    out.name = g.name;
    std::map<std::int32_t, std::int32_t> recode;
    for (arma::uword i : keep) recode.emplace(g.codes[i], 0);
    for (auto& [code, next] : recode) {
        next = out.levels++;
        if (!g.level_names.empty()) out.level_names.push_back(g.level_names[code]);
    }
    for (arma::uword i : keep) out.codes.push_back(recode[g.codes[i]]);
    return out;
}

template <typename T>
std::vector<T> subset(const std::vector<T>& v, const arma::uvec& keep) {
    if (v.empty()) return v;
    std::vector<T> out;
    for (arma::uword i : keep) out.push_back(v[i]);
    return out;
}

// Keeps observations `keep` and columns `columns` of the design.
void restrict(models::Design& d, const arma::uvec& keep, const arma::uvec& columns) {
    d.X = d.X.submat(keep, columns);
    d.y = d.y.elem(keep);
    if (!d.weights.empty()) d.weights = d.weights.elem(keep);
    if (!d.offset.empty()) d.offset = d.offset.elem(keep);
    std::vector<std::string> names;
    for (arma::uword j : columns) names.push_back(d.names[j]);
    d.names = names;
    d.sample.rows = subset(d.sample.rows, keep);
    d.sample.entity = subset(d.sample.entity, keep);
    d.sample.period = subset(d.sample.period, keep);
    for (auto& g : d.sample.clusters) g = subset(g, keep);
    for (auto& g : d.sample.fixed_effects) g = subset(g, keep);
}

int intercept_column(const models::Design& d) {
    const auto it = std::find(d.names.begin(), d.names.end(), "(Intercept)");
    return it == d.names.end() ? -1 : static_cast<int>(it - d.names.begin());
}

arma::uvec all_but(std::size_t size, const std::vector<std::size_t>& removed) {
    std::vector<arma::uword> kept;
    for (std::size_t i = 0; i < size; ++i)
        if (std::find(removed.begin(), removed.end(), i) == removed.end()) kept.push_back(i);
    return arma::uvec(kept);
}

// Drops the observations and regressors of a separation finding, then any regressor the smaller
// sample leaves collinear.
void drop_separated(models::Design& d, Separation found) {
    const std::size_t k = d.X.n_cols;
    d.sample.dropped.separated += found.observations.size();
    const arma::uvec keep = all_but(d.X.n_rows, found.observations);
    std::vector<std::size_t> columns = found.regressors;
    const arma::uvec candidate = all_but(k, columns);
    for (std::size_t j : collinear_columns(d.X.submat(keep, candidate))) {
        columns.push_back(candidate(j));
        found.notes.push_back(d.names[candidate(j)] + " omitted because of collinearity after "
                                                      "dropping separated observations");
    }
    for (std::size_t j : columns) d.sample.dropped.collinear.push_back(d.names[j]);
    restrict(d, keep, all_but(k, columns));
}

// The side of each outcome in the models with bounds: -1 at the lower (Tobit's left limit, the
// lowest category, a share of 0), +1 at the upper, 0 inside; empty for the other models.
arma::vec outcome_sides(const models::Design& d, Family family, const MleOptions& options) {
    double lower = 0, upper = 1;
    if (family == Family::tobit) {
        lower = options.left.value_or(options.right ? -INFINITY : 0.0);
        upper = options.right.value_or(INFINITY);
    } else if (models::is_ordered(family)) {
        lower = d.y.min();
        upper = d.y.max();
    } else if (!models::is_fractional(family)) {
        return {};
    }
    arma::vec side(d.y.n_elem, arma::fill::zeros);
    side.elem(arma::find(d.y <= lower)).fill(-1.0);
    side.elem(arma::find(d.y >= upper)).fill(1.0);
    return side;
}

// Tobit, ordered and fractional models: parameters that only push observations to a bound (a group
// dummy whose outcome is censored, or in an end category, throughout) are not identified, as in
// separation: those observations and regressors are dropped, with a note, and counted as separated.
void drop_separated_at_bounds(models::Design& d, Family family, const MleOptions& options, int intercept,
                              std::vector<std::string>& notes) {
    arma::vec side = outcome_sides(d, family, options);
    if (side.is_empty()) return;
    const bool tobit = family == Family::tobit;
    const std::string lower = tobit ? "left-censored" : models::is_ordered(family) ? "in the lowest category" : "0";
    const std::string upper = tobit ? "right-censored" : models::is_ordered(family) ? "in the highest category" : "1";
    Separation single = separated_at_bounds_by_regressors(d.X, side, d.names, intercept, lower, upper);
    notes.insert(notes.end(), single.notes.begin(), single.notes.end());
    if (!single.observations.empty()) {
        drop_separated(d, std::move(single));
        side = outcome_sides(d, family, options);
    }
    Separation combination;
    combination.observations = separated_at_bounds(d.X, side);
    if (combination.observations.empty()) return;
    notes.push_back(std::to_string(combination.observations.size()) + " observations whose outcome is " + lower +
                    " or " + upper + " are predicted so by a combination of regressors (such as the reference "
                    "level of a factor whose group is there throughout) and not used");
    drop_separated(d, std::move(combination));
}

LikelihoodData likelihood_data(const models::Design& d, Family family, const MleOptions& options,
                               std::size_t categories) {
    LikelihoodData data;
    data.family = family;
    data.X = &d.X;
    data.weights = d.weights;
    data.offset = d.offset;
    const double left = options.left.value_or(options.right ? -INFINITY : 0.0);
    const double right = options.right.value_or(INFINITY);
    std::vector<double> levels;
    if (models::is_ordered(family)) {
        levels = arma::conv_to<std::vector<double>>::from(arma::unique(d.y));
        data.ancillary = categories - 1;
    } else if (family == Family::negbin || family == Family::tobit) {
        data.ancillary = 1;
    }
    data.observations.reserve(d.y.n_elem);
    for (std::size_t i = 0; i < d.y.n_elem; ++i) {
        models::Observation o;
        o.y = d.y(i);
        if (family == Family::tobit) {
            o.left = left;
            o.right = right;
        }
        if (!levels.empty()) {
            o.category = static_cast<std::int32_t>(
                std::lower_bound(levels.begin(), levels.end(), o.y) - levels.begin());
            o.categories = static_cast<std::int32_t>(levels.size());
        }
        data.observations.push_back(o);
    }
    return data;
}

double quantile(double p, bool logistic) {
    return logistic ? std::log(p / (1 - p))
                    : boost::math::quantile(boost::math::normal(), p);
}

// Start values: binary and fractional from the linear probability model (Amemiya's scaling:
// 4 for logit, 2.5 for probit), counts from OLS of log(y + 0.5), Tobit from OLS with
// sigma^2 = RSS/n; ordered models from beta = 0 and the cut points of the observed shares.
arma::vec start_values(const LikelihoodObjective& objective, const models::Design& d, int intercept) {
    const Family family = objective.data().family;
    const std::size_t k = objective.k(), m = objective.data().ancillary;
    arma::vec theta(k + m, arma::fill::zeros);
    const arma::vec& y = d.y;
    const arma::mat& X = d.X;
    arma::vec b;
    // Normal equations: start values need not be exact, and X'X costs a fraction of a QR of X.
    const auto linear_fit = [&](const arma::vec& target) {
        return k > 0 && arma::solve(b, arma::mat(X.t() * X), arma::vec(X.t() * target), arma::solve_opts::no_approx) &&
               b.is_finite();
    };
    if (models::is_binary(family) || models::is_fractional(family)) {
        const double scale = models::has_logistic_link(family) ? 4.0 : 2.5;
        if (intercept >= 0 && linear_fit(y)) {
            theta.head(k) = scale * b;
            theta(intercept) = scale * (b(intercept) - 0.5);
        }
    } else if (models::is_count(family)) {
        if (linear_fit(arma::log(y + 0.5))) theta.head(k) = b;
    } else if (family == Family::tobit) {
        if (linear_fit(y)) theta.head(k) = b;
        const arma::vec e = k > 0 && b.n_elem == k ? arma::vec(y - X * b) : arma::vec(y - arma::mean(y));
        theta(k) = 0.5 * std::log(std::max(arma::dot(e, e) / y.n_elem, 1e-12));
    } else if (models::is_ordered(family)) {
        const arma::vec levels = arma::unique(y);
        const arma::vec w = d.weights.empty() ? arma::vec(y.n_elem, arma::fill::ones) : d.weights;
        double cumulative = 0;
        for (std::size_t j = 0; j + 1 < levels.n_elem; ++j) {
            cumulative += arma::accu(w.elem(arma::find(y == levels(j)))) / arma::accu(w);
            theta(k + j) = quantile(cumulative, family == Family::ologit);
        }
    }
    return theta;
}

OptimizeResult optimize(const LikelihoodObjective& objective, const arma::vec& start,
                        const MleOptions& options) {
    return options.optimizer == Optimizer::newton
               ? newton(objective, start, options.max_iterations, options.tolerance)
               : lbfgs(objective, start, options.max_iterations);
}

// Negative binomial: Poisson first (as Stata's nbreg), then alpha from the moments of its fit.
OptimizeResult fit(const LikelihoodObjective& objective, const models::Design& d,
                   const MleOptions& options, std::size_t categories, int intercept) {
    const Family family = objective.data().family;
    arma::vec start = start_values(objective, d, intercept);
    if (family == Family::negbin) {
        const LikelihoodObjective poisson(likelihood_data(d, Family::poisson, options, categories));
        const OptimizeResult first = optimize(poisson, start_values(poisson, d, intercept), options);
        if (first.theta.is_finite()) start.head(objective.k()) = first.theta;
        const arma::vec mu = arma::exp(poisson.linear_index(first.theta));
        const double alpha = arma::accu(arma::square(d.y - mu) - mu) / arma::accu(arma::square(mu));
        start(objective.k()) = std::log(std::clamp(alpha, 1e-4, 1e4));
    }
    return optimize(objective, start, options);
}

// The log-likelihood of the model with only an intercept for the GLM families (binary, fractional,
// Poisson) without an offset: the score equations reduce to sum w (y - mu) = 0, so mu is the
// (weighted) mean of y and no iteration is needed. Empty for the other models.
std::optional<double> closed_form_null_loglik(const LikelihoodObjective& objective,
                                              const models::Design& d, int intercept) {
    const Family family = objective.data().family;
    const bool glm = models::is_binary(family) || models::is_fractional(family) || family == Family::poisson;
    if (!glm || intercept < 0 || !d.offset.empty()) return std::nullopt;
    const double mean = d.weights.empty() ? arma::mean(d.y) : arma::dot(d.weights, d.y) / arma::accu(d.weights);
    const double eta = family == Family::poisson ? std::log(mean) : quantile(mean, models::has_logistic_link(family));
    double loglik = objective.glm_constant();
    for (std::size_t i = 0; i < d.y.n_elem; ++i) {
        const double l = models::glm_derivatives(family, eta, d.y(i), false).loglik;
        loglik += d.weights.empty() ? l : d.weights(i) * l;
    }
    return loglik;
}

// Suspicion of separation after a binary fit: fitted probabilities at 0 or 1 to 1e-10.
bool fitted_at_bounds(const LikelihoodObjective& objective, const arma::vec& theta) {
    const double bound = models::has_logistic_link(objective.data().family) ? 23.0 : 6.4;
    return arma::any(arma::abs(objective.linear_index(theta)) > bound);
}


double deviance(Family family, const arma::vec& y, const arma::vec& eta, double alpha,
                const arma::vec& w) {
    return ordered_sum(y.n_elem, [&](std::size_t i) {
        const double mu = models::mean_derivatives(family, eta(i)).mu;
        const auto xlogy = [](double a, double b) { return a == 0 ? 0.0 : a * std::log(a / b); };
        double d = 0;
        if (family == Family::poisson) d = 2 * (xlogy(y(i), mu) - (y(i) - mu));
        else if (family == Family::negbin)
            d = 2 * (xlogy(y(i), mu) - (y(i) + 1 / alpha) * std::log((1 + alpha * y(i)) / (1 + alpha * mu)));
        else d = 2 * (xlogy(y(i), mu) + xlogy(1 - y(i), 1 - mu));
        return w.empty() ? d : w(i) * d;
    });
}

}  // namespace

void MleOptions::validate() const {
    if (max_iterations < 1)
        throw Error("mle: max_iterations = " + std::to_string(max_iterations) + " must be at least 1");
    if (!(tolerance >= 0)) throw Error("mle: tolerance = " + std::to_string(tolerance) + " must be >= 0");
    if (left && right && !(*left < *right))
        throw Error("tobit: --left " + std::to_string(*left) + " must be below --right " +
                    std::to_string(*right));
}

Information MleOptions::information_from_name(const std::string& name) {
    if (name == "observed") return Information::observed;
    if (name == "expected") return Information::expected;
    throw Error("--info: unknown value '" + name + "' (accepted: observed, expected)");
}

Estimate mle(models::Design design, Family family, const MleOptions& options) {
    options.validate();
    const std::string model(models::to_string(family));
    if (!design.sample.fixed_effects.empty())
        throw Error(model + ": fixed effects (the part after '|') are not available for this model "
                            "yet; use dummies, e.g. i(firm)");
    if (!design.instruments.empty() || !design.endogenous.empty())
        throw Error(model + ": instrumental variables are not available for likelihood models");
    if (design.y.n_elem == 0) throw Error(model + ": no observations");
    if (options.info == Information::expected &&
        (family == Family::tobit || models::is_ordered(family)))
        throw Error(model + ": --info expected is defined for logit, probit, poisson, negbin, "
                            "fraclogit and fracprobit; use --info observed");
    check_outcome(design, family);

    Estimate estimate;
    int intercept = intercept_column(design);
    if (models::is_ordered(family) && intercept >= 0) {
        restrict(design, arma::regspace<arma::uvec>(0, design.y.n_elem - 1),
                 all_but(design.X.n_cols, {static_cast<std::size_t>(intercept)}));
        intercept = -1;
    }
    if (const auto collinear = collinear_columns(design.X); !collinear.empty()) {
        for (std::size_t j : collinear) {
            design.sample.dropped.collinear.push_back(design.names[j]);
            estimate.notes.push_back(design.names[j] + " omitted because of collinearity");
        }
        restrict(design, arma::regspace<arma::uvec>(0, design.y.n_elem - 1),
                 all_but(design.X.n_cols, collinear));
        intercept = intercept_column(design);
    }
    if (options.detect_separation) {
        drop_separated_at_bounds(design, family, options, intercept, estimate.notes);
        intercept = intercept_column(design);
        check_outcome(design, family);
    }
    if (options.detect_separation && (models::is_binary(family) || models::is_count(family))) {
        Separation found = separated_by_regressors(design.X, design.y, design.names, intercept,
                                                   models::is_count(family));
        estimate.notes.insert(estimate.notes.end(), found.notes.begin(), found.notes.end());
        if (!found.observations.empty()) drop_separated(design, std::move(found));
        intercept = intercept_column(design);
        if (models::is_count(family)) {
            Separation combination;
            combination.observations = separated_count_observations(design.X, design.y);
            if (!combination.observations.empty()) {
                estimate.notes.push_back(std::to_string(combination.observations.size()) +
                                         " observations with y = 0 are separated by a combination "
                                         "of regressors (ppmlhdfe's check) and not used");
                drop_separated(design, std::move(combination));
                intercept = intercept_column(design);
            }
        }
        check_outcome(design, family);
    }
    const std::size_t categories =
        models::is_ordered(family) ? arma::unique(design.y).eval().n_elem : 0;

    std::optional<LikelihoodObjective> objective(likelihood_data(design, family, options, categories));
    OptimizeResult result = fit(*objective, design, options, categories, intercept);
    if (options.detect_separation && models::is_binary(family)) {
        if (fitted_at_bounds(*objective, result.theta)) {
            Separation combination;
            combination.observations = separated_binary_observations(design.X, design.y);
            if (!combination.observations.empty()) {
                estimate.notes.push_back(std::to_string(combination.observations.size()) +
                                         " observations are perfectly predicted by a combination "
                                         "of regressors (quasi-complete separation) and not used");
                drop_separated(design, std::move(combination));
                check_outcome(design, family);
                intercept = intercept_column(design);
                objective.emplace(likelihood_data(design, family, options, categories));
                result = fit(*objective, design, options, categories, intercept);
            }
        }
    }

    const std::size_t k = objective->k(), m = objective->data().ancillary, n = objective->n();
    estimate.estimator = model;
    estimate.kind = ModelKind::likelihood;
    estimate.formula = design.formula;
    estimate.outcome = design.outcome;
    estimate.names = design.names;
    estimate.coef = result.theta.head(k);
    estimate.nobs = n;
    estimate.has_intercept = intercept >= 0;
    estimate.converged = result.converged;
    estimate.convergence_message = result.message;
    estimate.stats["iterations"] = result.iterations;

    // The joint bread; its beta block is the iid covariance.
    arma::mat joint;
    if (!arma::inv_sympd(joint, -result.at_solution.hessian)) {
        joint = arma::mat(k + m, k + m, arma::fill::value(NAN));
        estimate.converged = false;
        estimate.convergence_message += "; the Hessian is not negative definite at the solution "
                                        "(a parameter is not identified)";
    }
    // n x (k + m): moved, not copied, when there are no ancillary parameters.
    arma::mat scores = objective->scores(result.theta);
    const auto beta_scores = [&] { return m == 0 ? std::move(scores) : arma::mat(scores.head_cols(k)); };
    if (options.info == Information::expected) {
        arma::mat bread;
        if (!arma::inv_sympd(bread, objective->expected_information(result.theta)))
            bread = arma::mat(k, k, arma::fill::value(NAN));
        estimate.bread = bread;
        estimate.scores = beta_scores();
    } else if (k > 0) {
        estimate.bread = joint.submat(0, 0, k - 1, k - 1);
        arma::mat bread_inverse;
        if (m == 0 || !arma::inv_sympd(bread_inverse, estimate.bread)) {
            estimate.scores = beta_scores();
        } else {
            estimate.scores = scores * joint.cols(0, k - 1) * bread_inverse;
        }
    }

    for (std::size_t j = 0; j < m; ++j) {
        const double value = result.theta(k + j), se = std::sqrt(joint(k + j, k + j));
        if (family == Family::tobit)
            estimate.ancillary.push_back({"sigma", std::exp(value), std::exp(value) * se});
        else if (family == Family::negbin)
            estimate.ancillary.push_back({"alpha", std::exp(value), std::exp(value) * se});
        else
            estimate.ancillary.push_back({"cut" + std::to_string(j + 1), value, se});
    }

    // The model without slopes: the intercept (if any) and the ancillary parameters.
    const double loglik = result.at_solution.loglik;
    const bool has_slopes = k > (intercept >= 0 ? 1u : 0u);
    if (has_slopes) {
        std::optional<double> loglik_null = closed_form_null_loglik(*objective, design, intercept);
        if (!loglik_null) {
            models::Design null_design;
            null_design.y = design.y;
            null_design.weights = design.weights;
            null_design.offset = design.offset;
            null_design.X = intercept >= 0 ? arma::mat(n, 1, arma::fill::ones) : arma::mat(n, 0);
            const LikelihoodObjective null_objective(likelihood_data(null_design, family, options, categories));
            const OptimizeResult null_fit =
                fit(null_objective, null_design, options, categories, intercept >= 0 ? 0 : -1);
            loglik_null = null_fit.at_solution.loglik;
            if (!null_fit.converged)
                estimate.notes.push_back("the model without slopes did not converge: " + null_fit.message);
        }
        estimate.stats["pseudo_r2"] = 1.0 - loglik / *loglik_null;
        estimate.tests.push_back(lr_slopes_test(loglik, *loglik_null, k - (intercept >= 0 ? 1 : 0),
                                                "likelihood ratio against the model without slopes"));
    }
    const double parameters = static_cast<double>(k + m);
    const double n_effective = design.weights.empty() ? static_cast<double>(n) : arma::accu(design.weights);
    estimate.stats["loglik"] = loglik;
    estimate.stats["aic"] = -2 * loglik + 2 * parameters;
    estimate.stats["bic"] = -2 * loglik + std::log(n_effective) * parameters;
    if (models::is_binary(family) || models::is_fractional(family) || models::is_count(family))
        estimate.stats["deviance"] =
            deviance(family, design.y, objective->linear_index(result.theta),
                     family == Family::negbin ? std::exp(result.theta(k)) : 0.0, design.weights);
    if (models::is_fractional(family))
        estimate.notes.push_back(model + " is a quasi-likelihood (Papke and Wooldridge 1996): "
                                         "use robust or clustered standard errors");
    if (family == Family::tobit) {
        const auto& o = objective->data().observations;
        const auto censored = [&](bool lower) {
            return std::count_if(o.begin(), o.end(), [&](const models::Observation& x) {
                return lower ? x.y <= x.left : x.y >= x.right;
            });
        };
        estimate.notes.push_back(std::to_string(censored(true)) + " left-censored and " +
                                 std::to_string(censored(false)) + " right-censored observations");
    }
    estimate.sample = std::move(design.sample);
    return estimate;
}

}  // namespace gvcpanel::estimators
