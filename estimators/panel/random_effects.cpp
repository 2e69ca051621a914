// Random effects: the n x (K+1) design Z (intercept first) and y are quasi-demeaned with
// theta_i = 1 - sqrt(s2_e / (s2_e + T_i s2_u)) (and the time analogue), then estimated by OLS, so the
// iid covariance is s^2 (Z*'Z*)^-1 with s^2 = e*'e*/(n - K - 1), as plm. Balanced two-way panels use
// Baltagi's (3.12) transformation with theta_total = theta_i + theta_t - 1 + sqrt(s2_e / (s2_e +
// T s2_u + N s2_l)); unbalanced ones the Wansbeek-Kapteyn transformation (two_way_unbalanced.hpp).
#include "estimators/panel/random_effects.hpp"

#include <algorithm>

#include "data/error.hpp"
#include "estimators/degenerate_fit.hpp"
#include "estimators/linear/ols.hpp"
#include "estimators/panel/panel_groups.hpp"
#include "estimators/panel/random_effects_iv.hpp"
#include "estimators/panel/two_way_unbalanced.hpp"

namespace gvcpanel::estimators {

namespace {

// Relative within-entity norm below which a regressor is time-invariant (no Mundlak mean).
constexpr double kInvariantTolerance = 1e-10;

double squared_correlation(const arma::vec& a, const arma::vec& b) {
    const double r = arma::as_scalar(arma::cor(a, b));
    return r * r;
}

// theta per observation for the variance of one effect over groups of `sizes`.
arma::vec theta_of(double s2_e, double s2_effect, const arma::vec& sizes, const std::vector<arma::uword>& codes) {
    arma::vec theta(codes.size());
    for (std::size_t i = 0; i < codes.size(); ++i)
        theta(i) = 1.0 - std::sqrt(s2_e / (s2_e + sizes(codes[i]) * s2_effect));
    return theta;
}

nlohmann::ordered_json summary(const arma::vec& theta, bool balanced) {
    if (balanced) return theta(0);
    return {{"min", theta.min()}, {"mean", arma::mean(theta)}, {"max", theta.max()}};
}

}  // namespace

models::Design with_entity_means(models::Design design) {
    const PanelGroups groups = panel_groups(design, "re --mundlak", TimeUse::optional);
    const arma::mat means = expand(group_means(design.X, groups.entity, groups.entity_size), groups.entity);
    const std::size_t k = design.names.size();
    for (std::size_t j = 0; j < k; ++j) {
        if (design.names[j] == "(Intercept)") continue;
        const arma::vec x = design.X.col(j);
        if (arma::norm(x - means.col(j)) <= kInvariantTolerance * arma::norm(x)) continue;
        design.X.insert_cols(design.X.n_cols, means.col(j));
        design.names.push_back("mean(" + design.names[j] + ")");
    }
    return design;
}

arma::mat gls_transform(const arma::mat& M, const PanelGroups& groups, const QuasiDemeaned& q, PanelEffect effect) {
    const bool individual = effect != PanelEffect::time, time = effect != PanelEffect::individual;
    const VarianceComponents& s2 = q.sigma2;
    if (individual && time && !groups.balanced) {
        // plm.fit's unbalanced two-way GLS; theta_time and theta_total are reported, not used.
        const arma::vec theta_entity =
            1.0 - arma::sqrt(s2.idiosyncratic / (s2.idiosyncratic + groups.entity_size * s2.individual));
        return two_way_gls_transform(M, groups, theta_entity, s2.time / s2.idiosyncratic);
    }
    arma::mat transformed = M;
    if (individual) {
        arma::mat m = expand(group_means(M, groups.entity, groups.entity_size), groups.entity);
        m.each_col() %= q.theta_individual;
        transformed -= m;
    }
    if (time) {
        arma::mat m = expand(group_means(M, groups.period, groups.period_size), groups.period);
        m.each_col() %= q.theta_time;
        transformed -= m;
    }
    if (individual && time) transformed.each_row() += q.theta_total(0) * arma::mean(M, 0);
    return transformed;
}

QuasiDemeaned quasi_demean(models::Design design, const RandomEffectsOptions& options, const arma::mat* instruments) {
    if (options.mundlak) design = with_entity_means(std::move(design));
    const PanelGroups groups = panel_groups(design, "re", time_use(options.effect));
    const auto intercept = std::find(design.names.begin(), design.names.end(), "(Intercept)");
    if (intercept == design.names.end())
        throw Error("--estimator re: the model '" + design.formula + "' needs an intercept");
    // The intercept first, as the variance components expect.
    const auto position = static_cast<arma::uword>(intercept - design.names.begin());
    if (position != 0) {
        design.X.swap_cols(0, position);
        std::swap(design.names[0], design.names[position]);
    }
    QuasiDemeaned out;
    out.sigma2 = variance_components(design.y, design.X, groups, options.effect, options.method, instruments);
    const VarianceComponents& s2 = out.sigma2;
    if (!(s2.idiosyncratic > 0))
        throw Error("--estimator re: the idiosyncratic variance is zero (a perfect fit); no GLS transformation");

    const std::size_t n = design.nobs();
    const bool individual = options.effect != PanelEffect::time, time = options.effect != PanelEffect::individual;
    out.theta_individual.zeros(n);
    out.theta_time.zeros(n);
    if (individual) out.theta_individual = theta_of(s2.idiosyncratic, s2.individual, groups.entity_size, groups.entity);
    if (time) out.theta_time = theta_of(s2.idiosyncratic, s2.time, groups.period_size, groups.period);
    out.theta_total.zeros(n);
    if (individual && time && s2.individual > 0 && s2.time > 0) {
        for (std::size_t r = 0; r < n; ++r)
            out.theta_total(r) = out.theta_individual(r) + out.theta_time(r) - 1.0 +
                                 std::sqrt(s2.idiosyncratic /
                                           (s2.idiosyncratic + groups.entity_size(groups.entity[r]) * s2.individual +
                                            groups.period_size(groups.period[r]) * s2.time));
    }
    const arma::mat transformed = gls_transform(arma::join_rows(design.y, design.X), groups, out, options.effect);
    design.y = transformed.col(0);
    design.X = transformed.cols(1, transformed.n_cols - 1);
    design.has_intercept = true;
    out.design = std::move(design);
    return out;
}

Estimate random_effects(models::Design design, const RandomEffectsOptions& options) {
    require_outcome_variation(design.y, design.has_intercept, "re", design.outcome);
    const bool iv = !design.endogenous.empty();
    if (iv && (options.mundlak || options.effect == PanelEffect::twoways))
        throw Error(std::string("--estimator re with an IV part: ") +
                    (options.mundlak ? "--mundlak is not offered" : "two-way effects are not offered (nor by plm)"));
    const arma::mat instruments = iv ? take_instruments(design) : arma::mat();
    if (options.mundlak) design = with_entity_means(std::move(design));
    const PanelGroups groups = panel_groups(design, "re", time_use(options.effect));
    const arma::vec y = design.y;
    const arma::mat Z = design.X;
    const std::vector<std::string> z_names = design.names;
    const std::size_t n = design.nobs();
    const bool individual = options.effect != PanelEffect::time, time = options.effect != PanelEffect::individual;
    RandomEffectsOptions plain = options;
    plain.mundlak = false;
    QuasiDemeaned q = quasi_demean(std::move(design), plain, iv ? &instruments : nullptr);
    const VarianceComponents& s2 = q.sigma2;
    const arma::vec& theta_id = q.theta_individual;
    const arma::vec& theta_t = q.theta_time;
    const arma::vec y_star = q.design.y;
    Estimate estimate = iv ? random_effects_two_stage(std::move(q.design),
                                                      re_iv_instruments(instruments, groups, q, options), options.iv)
                           : ols(std::move(q.design));
    estimate.estimator = "re";
    auto& stats = estimate.stats;
    for (const char* name : {"loglik", "aic", "bic"}) stats.erase(name);  // not a likelihood of the GLS model
    // Stata's xtreg R2s from xb = z'b in levels (coefficients of the columns OLS kept).
    arma::vec xb(n, arma::fill::zeros);
    for (std::size_t j = 0; j < estimate.names.size(); ++j) {
        const auto at = std::find(z_names.begin(), z_names.end(), estimate.names[j]);
        xb += Z.col(static_cast<arma::uword>(at - z_names.begin())) * estimate.coef(j);
    }
    // plm's r2 (r.squared, type "cor"): the squared correlation of y* and its fit Z*b. Unbalanced,
    // the intercept column 1 - theta_i is not constant and this differs from 1 - RSS*/TSS*. Two-way
    // unbalanced, plm's transformation leaves y and Z in levels: the correlation of y and Z b.
    const bool two_way_unbalanced = individual && time && !groups.balanced;
    const double r2 = two_way_unbalanced ? squared_correlation(y, xb)
                                         : squared_correlation(y_star, y_star - estimate.residuals);
    const double nd = static_cast<double>(n);
    stats["r2"] = r2;
    stats["r2_adj"] = 1.0 - (1.0 - r2) * (nd - 1.0) / stats.at("df_resid").get<double>();
    stats["re_method"] = to_string(options.method);
    stats["effect"] = to_string(options.effect);
    if (individual && time && groups.balanced)
        stats["theta"] = {{"individual", theta_id(0)}, {"time", theta_t(0)}, {"total", q.theta_total(0)}};
    else if (individual && time)  // one level of keys, as the report tables read them
        for (const auto& [name, theta] : {std::pair{"individual", &theta_id}, {"time", &theta_t}, {"total", &q.theta_total}}) {
            const std::string prefix(name);
            stats["theta"][prefix + "_min"] = theta->min();
            stats["theta"][prefix + "_mean"] = arma::mean(*theta);
            stats["theta"][prefix + "_max"] = theta->max();
        }
    else
        stats["theta"] = summary(individual ? theta_id : theta_t, groups.balanced);
    stats["sigma2_idiosyncratic"] = s2.idiosyncratic;
    if (individual) stats["sigma2_individual"] = s2.individual;
    if (time) stats["sigma2_time"] = s2.time;

    const arma::vec y_bar = group_means(y, groups.entity, groups.entity_size);
    const arma::vec xb_bar = group_means(xb, groups.entity, groups.entity_size);
    stats["r2_within"] = squared_correlation(y - expand(y_bar, groups.entity), xb - expand(xb_bar, groups.entity));
    stats["r2_between"] = squared_correlation(y_bar, xb_bar);
    stats["r2_overall"] = squared_correlation(y, xb);
    return estimate;
}

}  // namespace gvcpanel::estimators
