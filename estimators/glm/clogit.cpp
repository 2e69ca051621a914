// Conditional logit: drop the groups without outcome variation, then Newton with step halving
// from beta = 0 on the sum of the groups' conditional log-likelihoods (estimators/glm/clogit_group).
// The log-likelihood is concave, so Newton from zero converges unless the outcome is separated
// within the groups; that shows as a step limit reached and is reported as a verdict.
#include "estimators/glm/clogit.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <ranges>
#include <sstream>

#include "data/error.hpp"
#include "estimators/glm/clogit_group.hpp"
#include "estimators/fixed_effects/fe_dof.hpp"
#include "estimators/glm/fe_separation.hpp"
#include "estimators/likelihood/likelihood_ratio.hpp"
#include "estimators/likelihood/separation.hpp"

namespace gvcpanel::estimators {

void ClogitOptions::validate() const {
    if (max_iterations < 1)
        throw Error("clogit options: max_iterations = " + std::to_string(max_iterations) + " must be at least 1");
    if (!(tolerance >= 0)) throw Error("clogit options: tolerance = " + std::to_string(tolerance) + " must be >= 0");
}

namespace {

constexpr int kMaxHalvings = 40;
// Demeaned within groups, a column whose norm falls below this share of its raw norm is constant
// within every group (rounding noise left), so the conditional likelihood cannot identify it.
constexpr double kWithinNormFloor = 1e-7;

// The groups as contiguous blocks: rows sorted by group, and where each group starts.
struct Blocks {
    arma::uvec order;                // sorted position -> row of the design
    std::vector<arma::uword> start;  // groups + 1 offsets into `order`
};

Blocks blocks_of(const models::Grouping& g) {
    Blocks b;
    b.start.assign(static_cast<std::size_t>(g.levels) + 1, 0);
    for (std::int32_t c : g.codes) ++b.start[static_cast<std::size_t>(c) + 1];
    std::partial_sum(b.start.begin(), b.start.end(), b.start.begin());
    std::vector<arma::uword> next(b.start.begin(), b.start.end() - 1);
    b.order.set_size(g.codes.size());
    for (std::size_t i = 0; i < g.codes.size(); ++i) b.order[next[static_cast<std::size_t>(g.codes[i])]++] = i;
    return b;
}

// The design sorted into its groups, with each group's weight.
struct Grouped {
    arma::mat X;
    arma::vec y, offset;
    Blocks blocks;
    arma::vec weight;  // one per group; empty when unweighted
};

struct Totals {
    double loglik = 0;
    arma::vec score;
    arma::mat information;
};

// Sums the groups' conditional log-likelihoods at beta; with `group_scores`, also writes each
// group's weighted score on the row of the group's first observation (in design order).
Totals evaluate(const Grouped& d, const arma::vec& beta, bool with_information, arma::mat* group_scores = nullptr) {
    const arma::vec eta = d.X * beta + d.offset;
    Totals total;
    total.score.zeros(beta.n_elem);
    if (with_information) total.information.zeros(beta.n_elem, beta.n_elem);
    for (std::size_t g = 0; g + 1 < d.blocks.start.size(); ++g) {
        const arma::uword first = d.blocks.start[g], last = d.blocks.start[g + 1] - 1;
        const GroupLikelihood part = clogit_group(d.X.rows(first, last), eta.subvec(first, last),
                                                  d.y.subvec(first, last), with_information);
        const double w = d.weight.is_empty() ? 1.0 : d.weight[g];
        total.loglik += w * part.loglik;
        total.score += w * part.score;
        if (with_information) total.information += w * part.information;
        if (group_scores) group_scores->row(d.blocks.order[first]) = w * part.score.t();
    }
    return total;
}

std::vector<double> group_weights(const models::Design& design, const Blocks& blocks) {
    if (design.weights.is_empty()) return {};
    std::vector<double> weight;
    for (std::size_t g = 0; g + 1 < blocks.start.size(); ++g) {
        const double w = design.weights[blocks.order[blocks.start[g]]];
        for (arma::uword s = blocks.start[g]; s < blocks.start[g + 1]; ++s)
            if (design.weights[blocks.order[s]] != w)
                throw Error("clogit: '" + design.formula + "': weights must be constant within each group of '" +
                            design.sample.fixed_effects.front().name + "' (they weight the group's likelihood)");
        weight.push_back(w);
    }
    return weight;
}

// Columns of X that the groups absorb or that are collinear once group means are removed.
std::vector<std::size_t> unidentified_columns(const arma::mat& X, const Blocks& blocks) {
    arma::mat within = X.rows(blocks.order);
    for (std::size_t g = 0; g + 1 < blocks.start.size(); ++g) {
        auto rows = within.rows(blocks.start[g], blocks.start[g + 1] - 1);
        rows.each_row() -= arma::mean(rows, 0);
    }
    std::vector<std::size_t> absorbed, kept;
    for (arma::uword j = 0; j < X.n_cols; ++j)
        (arma::norm(within.col(j)) <= kWithinNormFloor * arma::norm(X.col(j)) ? absorbed : kept).push_back(j);
    for (std::size_t j : collinear_columns(within.cols(arma::conv_to<arma::uvec>::from(kept))))
        absorbed.push_back(kept[j]);
    std::sort(absorbed.begin(), absorbed.end());
    return absorbed;
}

// Separation shows as a fit whose index spreads without bound within a group: once a group's
// spread exceeds this (conditional probabilities at 0 or 1 to e^-23 ~ 1e-10), the exact check runs.
constexpr double kSuspectSpread = 23.0;

// Quasi-complete separation within groups: a direction d with (x_i - x_j)'d >= 0 for every pair
// of a one i and a zero j of the same group, > 0 for some. Checked only when the fit is suspect,
// by the ReLU iteration (estimators/likelihood/separation) on the pair differences. Returns the pairs
// perfectly predicted.
std::size_t separated_pairs(const Grouped& d, const arma::vec& beta) {
    const arma::vec eta = d.X * beta;
    bool suspect = false;
    for (std::size_t g = 0; g + 1 < d.blocks.start.size() && !suspect; ++g) {
        const arma::vec part = eta.subvec(d.blocks.start[g], d.blocks.start[g + 1] - 1);
        suspect = part.max() - part.min() > kSuspectSpread;
    }
    if (!suspect) return 0;
    std::vector<arma::rowvec> pairs;
    for (std::size_t g = 0; g + 1 < d.blocks.start.size(); ++g)
        for (arma::uword i = d.blocks.start[g]; i < d.blocks.start[g + 1]; ++i)
            for (arma::uword j = d.blocks.start[g]; j < d.blocks.start[g + 1]; ++j)
                if (d.y[i] > 0 && d.y[j] == 0) pairs.push_back(d.X.row(i) - d.X.row(j));
    arma::mat differences(pairs.size(), d.X.n_cols);
    for (std::size_t r = 0; r < pairs.size(); ++r) differences.row(r) = pairs[r];
    return separated_binary_observations(differences, arma::vec(pairs.size(), arma::fill::ones)).size();
}


void check_model(const models::Design& design) {
    const auto& effects = design.sample.fixed_effects;
    if (effects.size() != 1)
        throw Error("clogit: '" + design.formula + "': the groups are the fixed-effects part, which must name exactly one "
                    "variable (found " + std::to_string(effects.size()) + "), e.g. \"y ~ x1 + x2 | firm\"");
    if (effects.front().has_slopes())
        throw Error("clogit: '" + design.formula + "': the groups '" + effects.front().name +
                    "' cannot have varying slopes; write the interactions as terms, e.g. i(firm, x)");
    if (!design.instruments.is_empty() || !design.endogenous.empty())
        throw Error("clogit: '" + design.formula + "': instrumental variables are not available");
    for (std::size_t i = 0; i < design.y.n_elem; ++i)
        if (design.y[i] != 0 && design.y[i] != 1)
            throw Error("clogit: '" + design.formula + "': outcome value " + std::to_string(design.y[i]) +
                        " at observation " + std::to_string(i + 1) + " is not 0 or 1");
}

}  // namespace

Estimate clogit(models::Design design, const ClogitOptions& options) {
    options.validate();
    check_model(design);
    const auto intercept = std::find(design.names.begin(), design.names.end(), "(Intercept)");
    if (intercept != design.names.end()) {
        design.X.shed_col(static_cast<arma::uword>(intercept - design.names.begin()));
        design.names.erase(intercept);
    }
    design.has_intercept = false;

    Estimate estimate;
    {
        const std::int32_t levels_before = design.sample.fixed_effects.front().levels;
        std::vector<std::uint8_t> keep(design.nobs(), 1);
        const std::size_t dropped = flag_fe_separation(design, true, keep);
        if (dropped > 0) {
            design = restrict_rows(design, keep);
            design.sample.dropped.separated += dropped;
            estimate.notes.push_back(std::to_string(levels_before - design.sample.fixed_effects.front().levels) +
                                     " groups (" + std::to_string(dropped) +
                                     " obs) dropped because of all positive or all negative outcomes");
        }
    }
    if (design.nobs() == 0)
        throw Error("clogit: '" + design.formula + "': no group has variation in the outcome");
    Blocks blocks = blocks_of(design.sample.fixed_effects.front());
    const std::vector<std::size_t> unidentified = unidentified_columns(design.X, blocks);
    for (std::size_t j : unidentified | std::views::reverse) {
        estimate.notes.push_back(design.names[j] + " omitted: constant within groups or collinear");
        design.sample.dropped.collinear.push_back(design.names[j]);
        design.X.shed_col(j);
        design.names.erase(design.names.begin() + static_cast<std::ptrdiff_t>(j));
    }

    const std::size_t n = design.nobs(), k = design.X.n_cols;
    Grouped grouped;
    grouped.X = design.X.rows(blocks.order);
    grouped.y = design.y.elem(blocks.order);
    grouped.offset = design.offset.is_empty() ? arma::vec(n, arma::fill::zeros) : arma::vec(design.offset.elem(blocks.order));
    const std::vector<double> weight = group_weights(design, blocks);
    grouped.weight = arma::vec(weight);
    grouped.blocks = std::move(blocks);

    arma::vec beta(k, arma::fill::zeros);
    Totals at = evaluate(grouped, beta, true);
    const double ll_null = at.loglik;
    bool converged = false;
    int iterations = 0;
    std::string message;
    for (int step = 1; k > 0 && step <= options.max_iterations; ++step) {
        arma::vec direction;
        if (!arma::solve(direction, at.information, at.score, arma::solve_opts::likely_sympd + arma::solve_opts::no_approx)) {
            message = "the information matrix is singular";
            break;
        }
        const double decrement = arma::dot(at.score, direction);
        if (decrement < options.tolerance * (1 + std::abs(at.loglik))) {
            converged = true;
            break;
        }
        iterations = step;
        double length = 1;
        bool improved = false;
        for (int halving = 0; halving <= kMaxHalvings && !improved; ++halving) {
            improved = evaluate(grouped, beta + length * direction, false).loglik >= at.loglik;
            if (!improved) length *= 0.5;
        }
        if (!improved) {
            // No increase along an ascent direction: the loglik is flat to rounding here.
            converged = decrement < 1e-10 * (1 + std::abs(at.loglik));
            if (!converged) message = "step halving found no increase of the log-likelihood";
            break;
        }
        beta += length * direction;
        at = evaluate(grouped, beta, true);
    }
    if (k == 0) converged = true;
    if (k > 0) {
        if (const std::size_t pairs = separated_pairs(grouped, beta); pairs > 0) {
            converged = false;
            message = std::to_string(pairs) + " (one, zero) pairs within groups are perfectly predicted by a "
                      "combination of regressors (separation): the estimates are not finite";
        }
    }

    estimate.estimator = "clogit";
    estimate.kind = ModelKind::likelihood;
    estimate.formula = design.formula;
    estimate.outcome = design.outcome;
    estimate.names = design.names;
    estimate.coef = beta;
    estimate.nobs = n;
    estimate.df_fe = fixed_effects_dof(design.sample.fixed_effects).absorbed;
    estimate.has_intercept = false;
    if (!arma::inv_sympd(estimate.bread, at.information)) {
        estimate.bread = arma::mat(k, k, arma::fill::value(NAN));
        converged = false;
        message += (message.empty() ? "" : "; ") + std::string("the information matrix is not positive definite");
    }
    estimate.scores.zeros(n, k);
    evaluate(grouped, beta, false, &estimate.scores);
    estimate.converged = converged;
    if (!converged) {
        std::ostringstream verdict;
        verdict << "clogit: no maximum after " << iterations << " Newton steps";
        if (!message.empty()) verdict << ": " << message;
        estimate.convergence_message = verdict.str();
    }

    const double n_effective = grouped.weight.is_empty() ? static_cast<double>(n) : arma::accu(design.weights);
    auto& stats = estimate.stats;
    stats["loglik"] = at.loglik;
    stats["ll_null"] = ll_null;
    stats["pseudo_r2"] = 1.0 - at.loglik / ll_null;
    stats["aic"] = -2 * at.loglik + 2.0 * static_cast<double>(k);
    stats["bic"] = -2 * at.loglik + std::log(n_effective) * static_cast<double>(k);
    stats["iterations"] = iterations;
    if (k > 0) estimate.tests.push_back(lr_slopes_test(at.loglik, ll_null, k, "likelihood ratio against beta = 0"));
    estimate.sample = std::move(design.sample);
    return estimate;
}

}  // namespace gvcpanel::estimators
