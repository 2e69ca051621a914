// Quadratic-form estimators of the variance components, as plm's ercomp (plm 2.6). Each method
// takes residuals of auxiliary fits (within, "Between" = OLS on group means repeated per
// observation, or pooled OLS), forms q_w = ||W e||^2 and q_g = ||B_g e||^2, and solves
// M sigma2 = q for the expectations matrix M of those forms; negative variances are set to zero.
// Z is n x (K+1), intercept first; W and B_g are the within and group-mean projections (two-way
// unbalanced: the exact W of estimators/panel/two_way_unbalanced, and the cross terms of M below).
#include "estimators/panel/variance_components.hpp"

#include "data/error.hpp"

namespace gvcpanel::estimators {

ReMethod parse_re_method(const std::string& text) {
    if (text == "swar") return ReMethod::swar;
    if (text == "amemiya") return ReMethod::amemiya;
    if (text == "walhus") return ReMethod::walhus;
    if (text == "nerlove") return ReMethod::nerlove;
    throw Error("--re-method '" + text + "': accepted are swar, amemiya, walhus, nerlove");
}

PanelEffect parse_effect(const std::string& text) {
    if (text == "individual") return PanelEffect::individual;
    if (text == "time") return PanelEffect::time;
    if (text == "twoways") return PanelEffect::twoways;
    throw Error("--effect '" + text + "': accepted are individual, time, twoways");
}

std::string to_string(ReMethod method) {
    switch (method) {
        case ReMethod::swar: return "swar";
        case ReMethod::amemiya: return "amemiya";
        case ReMethod::walhus: return "walhus";
        case ReMethod::nerlove: return "nerlove";
    }
    return "";
}

std::string to_string(PanelEffect effect) {
    switch (effect) {
        case PanelEffect::individual: return "individual";
        case PanelEffect::time: return "time";
        case PanelEffect::twoways: return "twoways";
    }
    return "";
}

namespace {

// Relative norm below which a within-transformed column is constant within groups.
constexpr double kConstantTolerance = 1e-10;

struct Dimension {
    const std::vector<arma::uword>* codes;
    const arma::vec* sizes;
    arma::mat means(const arma::mat& M) const { return group_means(M, *codes, *sizes); }
    arma::mat between(const arma::mat& M) const { return expand(means(M), *codes); }
};

class Panel {
public:
    Panel(const PanelGroups& groups, PanelEffect effect)
        : entity_{&groups.entity, &groups.entity_size}, period_{&groups.period, &groups.period_size},
          groups_(&groups), effect_(effect) {}

    arma::mat within(const arma::mat& M) const { return within_transform(M, *groups_, effect_); }
    const Dimension& entity() const { return entity_; }
    const Dimension& period() const { return period_; }

private:
    Dimension entity_, period_;
    const PanelGroups* groups_;
    PanelEffect effect_;
};

// ||B_g e||^2 = sum_g T_g ebar_g^2.
double between_form(const arma::vec& e, const Dimension& g) {
    const arma::vec m = g.means(e);
    return arma::dot(*g.sizes, arma::square(m));
}

// Least squares; a rank-deficient X (year dummies in a balanced panel's "Between" regression, whose
// entity means are all alike) gets the minimum-norm solution: every solution has the same fit, and
// the fit is all the quadratic forms use.
arma::mat least_squares(const arma::mat& X, const arma::mat& Y) {
    arma::mat B;
    if (arma::solve(B, X, Y, arma::solve_opts::no_approx)) return B;
    return arma::pinv(X) * Y;
}

// Least squares of y on X, or with instruments W two-stage least squares: y on the projection of X
// on the columns of W (plm's twosls).
arma::vec fit_coefficients(const arma::mat& X, const arma::vec& y, const arma::mat* W) {
    if (!W) return least_squares(X, y);
    if (W->n_cols < X.n_cols)
        throw Error("--estimator re: " + std::to_string(W->n_cols) + " instruments for " + std::to_string(X.n_cols) +
                    " coefficients in an auxiliary fit of the variance components");
    return least_squares(*W * least_squares(*W, X), y);
}

// The columns of M whose norm the transformation (T M) keeps, relative to M's.
arma::uvec varying_columns(const arma::mat& M, const arma::mat& TM) {
    std::vector<arma::uword> kept;
    for (arma::uword j = 0; j < M.n_cols; ++j)
        if (arma::norm(TM.col(j)) > kConstantTolerance * std::max(arma::norm(M.col(j)), 1e-300)) kept.push_back(j);
    return arma::uvec(kept);
}

struct WithinFit {
    arma::uvec kept;   // columns of X (Z without intercept) that vary within groups
    arma::vec beta;    // their slopes
    arma::vec residual_pooling;  // y - alpha - X b, alpha = ybar - xbar'b (plm's resid(model = "pooling"))
    double rss = 0;    // ||W y - W X b||^2
    arma::mat wx;      // W X on the kept columns
};

// `instruments`: 2SLS with their within-varying columns, within-transformed.
WithinFit within_fit(const arma::vec& y, const arma::mat& X, const Panel& panel, const arma::mat* instruments) {
    WithinFit fit;
    const arma::mat wx_all = panel.within(X);
    fit.kept = varying_columns(X, wx_all);
    fit.wx = wx_all.cols(fit.kept);
    const arma::vec wy = panel.within(arma::mat(y));
    arma::mat wz;
    if (instruments) {
        const arma::mat wz_all = panel.within(*instruments);
        wz = wz_all.cols(varying_columns(*instruments, wz_all));
    }
    fit.beta = fit.wx.n_cols ? fit_coefficients(fit.wx, wy, instruments ? &wz : nullptr) : arma::vec();
    const arma::vec we = fit.wx.n_cols ? arma::vec(wy - fit.wx * fit.beta) : wy;
    fit.rss = arma::dot(we, we);
    const arma::mat xk = X.cols(fit.kept);
    arma::vec e = fit.wx.n_cols ? arma::vec(y - xk * fit.beta) : y;
    fit.residual_pooling = e - arma::mean(e);
    return fit;
}

// Residuals y - Z b of the OLS (or 2SLS) of the group means on the group means weighted by group
// size (plm's "Between" model).
arma::vec between_residuals(const arma::vec& y, const arma::mat& Z, const Dimension& g, const arma::mat* instruments) {
    const arma::vec sw = arma::sqrt(*g.sizes);
    arma::mat zb = g.means(Z);
    zb.each_col() %= sw;
    const arma::vec yb = g.means(y) % sw;
    arma::mat wb;
    if (instruments) {
        wb = g.means(*instruments);
        wb.each_col() %= sw;
    }
    const arma::vec b = fit_coefficients(zb, yb, instruments ? &wb : nullptr);
    return y - Z * b;
}

double trace_product(const arma::mat& A, const arma::mat& B) { return arma::accu(A % B.t()); }

// sum_g T_g^2 zbar_g zbar_g' (plm's crossprod(Sum(Z), Z)) and sum_g T_g zbar_g zbar_g'.
arma::mat sum_cross(const arma::mat& Z, const Dimension& g) {
    arma::mat m = g.means(Z);
    m.each_col() %= *g.sizes;
    return m.t() * m;
}
arma::mat between_cross(const arma::mat& Z, const Dimension& g) {
    arma::mat m = g.means(Z);
    m.each_col() %= arma::sqrt(*g.sizes);
    return m.t() * m;
}

// Nerlove's effect variance from fixed effects in deviation from their size-weighted mean (plm's
// fixef(type = "dmean")): sum_g T_g f_g^2 / n * G / (G - 1), which is f'f / (G - 1) when balanced.
double nerlove_effect_variance(arma::vec effects, const arma::vec& sizes) {
    const double n = arma::accu(sizes), levels = static_cast<double>(effects.n_elem);
    effects -= arma::dot(effects, sizes) / n;
    return arma::dot(arma::square(effects), sizes) / n * (levels / (levels - 1.0));
}

VarianceComponents nerlove(const arma::vec& y, const arma::mat& X, const Panel& panel, PanelEffect effect,
                           bool balanced, const arma::mat* instruments) {
    // plm 2.6-2's unbalanced two-way Nerlove takes its variances from fixef() of the two-way within
    // model, which there pairs the time effects (in order of first appearance) with the period sizes
    // (in level order): no trustworthy reference, so not offered.
    if (effect == PanelEffect::twoways && !balanced)
        throw Error("--re-method nerlove --effect twoways needs a balanced panel: plm's fixef() mislabels the "
                    "time effects of unbalanced two-way models, so there is no trustworthy reference");
    const WithinFit fit = within_fit(y, X, panel, instruments);
    // The group means of y - X b are the fixed effects (plm's fixef(type = "level")). Two-way
    // balanced, the within residuals average to zero along both dimensions, so these means, once
    // demeaned, are plm's two-way fixef(type = "dmean", effect = "individual" / "time").
    const arma::vec e = fit.wx.n_cols ? arma::vec(y - X.cols(fit.kept) * fit.beta) : y;
    VarianceComponents v;
    v.idiosyncratic = fit.rss / static_cast<double>(y.n_elem);  // Nerlove: within RSS over all observations (plm)
    if (effect != PanelEffect::time)
        v.individual = nerlove_effect_variance(panel.entity().means(e), *panel.entity().sizes);
    if (effect != PanelEffect::individual)
        v.time = nerlove_effect_variance(panel.period().means(e), *panel.period().sizes);
    return v;
}

}  // namespace

VarianceComponents variance_components(const arma::vec& y, const arma::mat& Z, const PanelGroups& groups,
                                       PanelEffect effect, ReMethod method, const arma::mat* instruments) {
    const Panel panel(groups, effect);
    const arma::mat X = Z.cols(1, Z.n_cols - 1);
    if (method == ReMethod::nerlove) return nerlove(y, X, panel, effect, groups.balanced, instruments);

    const double n = static_cast<double>(y.n_elem);
    const double K = static_cast<double>(X.n_cols);
    const double N = static_cast<double>(groups.entity_size.n_elem);
    const double T = static_cast<double>(groups.period_size.n_elem);
    const bool individual = effect != PanelEffect::time, time = effect != PanelEffect::individual;
    const double absorbed = (individual ? N : 0.0) + (time ? T : 0.0) - (individual && time ? 1.0 : 0.0);

    // Residuals of the first (within-form) and second (group-form) auxiliary fits.
    arma::vec e_within, e_individual, e_time;
    WithinFit wfit;
    if (method == ReMethod::walhus) {
        e_within = y - Z * fit_coefficients(Z, y, instruments);
        e_individual = e_time = e_within;
    } else {
        wfit = within_fit(y, X, panel, instruments);
        e_within = wfit.residual_pooling;
        if (method == ReMethod::amemiya) {
            e_individual = e_time = e_within;
        } else {
            if (individual) e_individual = between_residuals(y, Z, panel.entity(), instruments);
            if (time) e_time = between_residuals(y, Z, panel.period(), instruments);
        }
    }
    const double kw = static_cast<double>(wfit.kept.n_elem);
    arma::vec q(3, arma::fill::zeros);
    q(0) = arma::accu(arma::square(panel.within(arma::mat(e_within))));
    if (individual) q(1) = between_form(e_individual, panel.entity());
    if (time) q(2) = between_form(e_time, panel.period());

    // Rows: the within form, the individual and the time group forms; columns: sigma2 of the
    // idiosyncratic, individual and time components (plm's M).
    arma::mat M(3, 3, arma::fill::zeros);
    if (groups.balanced) {
        // plm's dfcor: Swamy-Arora subtracts the slopes (2), Amemiya and Wallace-Hussain do not (1).
        // The slopes of the "Between" regression are those it identifies: plm drops aliased columns
        // (year dummies have the same mean in every entity of a balanced panel).
        const bool swar = method == ReMethod::swar;
        const auto between_rank = [&](const Dimension& g) {
            arma::mat zb = g.means(Z);
            zb.each_col() %= arma::sqrt(*g.sizes);
            return static_cast<double>(arma::rank(zb));
        };
        M(0, 0) = n - absorbed - (swar ? kw : 0.0);
        if (individual) M(1, 0) = swar ? N - between_rank(panel.entity()) : N;
        M(1, 1) = T * M(1, 0);
        if (time) M(2, 0) = swar ? T - between_rank(panel.period()) : T;
        M(2, 2) = N * M(2, 0);
    } else if (method == ReMethod::walhus) {
        const arma::mat zz_inv = arma::inv_sympd(Z.t() * Z);
        const arma::mat wz = panel.within(Z);
        const arma::mat zm_zw = zz_inv * (wz.t() * wz);
        M(0, 0) = n - absorbed - arma::trace(zm_zw);
        // (Z'Z)^-1 Z'S_g Z and (Z'Z)^-1 Z'B_g Z per dimension, S_g the group sums.
        arma::mat zm_zs[3], zm_zb[3];
        const auto group_rows = [&](const Dimension& g, arma::uword row, double levels) {
            zm_zs[row] = zz_inv * sum_cross(Z, g);
            zm_zb[row] = zz_inv * between_cross(Z, g);
            M(0, row) = trace_product(zm_zw, zm_zs[row]);
            M(row, 0) = levels - arma::trace(zm_zb[row]);
            M(row, row) = n - 2.0 * arma::trace(zm_zs[row]) + trace_product(zm_zb[row], zm_zs[row]);
        };
        if (individual) group_rows(panel.entity(), 1, N);
        if (time) group_rows(panel.period(), 2, T);
        if (individual && time) {
            // E||B_i e||^2 in sigma2_time and E||B_t e||^2 in sigma2_individual (plm's M["id", "mu"],
            // M["ts", "eta"]), with Z'B_g S_h Z = (B_g Z)'(S_h Z).
            const arma::mat bi_z = panel.entity().between(Z), bt_z = panel.period().between(Z);
            const arma::mat st_z = expand(panel.period().means(Z).each_col() % *panel.period().sizes, groups.period);
            const arma::mat si_z = expand(panel.entity().means(Z).each_col() % *panel.entity().sizes, groups.entity);
            M(1, 2) = N - 2.0 * arma::trace(zz_inv * (bi_z.t() * st_z)) + trace_product(zm_zb[1], zm_zs[2]);
            M(2, 1) = T - 2.0 * arma::trace(zz_inv * (bt_z.t() * si_z)) + trace_product(zm_zb[2], zm_zs[1]);
        }
    } else if (method == ReMethod::amemiya) {
        M(0, 0) = n - absorbed - kw;
        const arma::mat xm = arma::inv_sympd(wfit.wx.t() * wfit.wx);
        const auto group_rows = [&](const Dimension& g, arma::uword row, double levels) {
            arma::mat xb = g.between(X.cols(wfit.kept));
            xb.each_row() -= arma::mean(xb, 0);
            M(row, 0) = levels - 1.0 + trace_product(xm, xb.t() * xb);
            M(row, row) = n - arma::accu(arma::square(*g.sizes)) / n;
        };
        if (individual) group_rows(panel.entity(), 1, N);
        if (time) group_rows(panel.period(), 2, T);
        if (individual && time) {
            M(1, 2) = N - arma::accu(arma::square(groups.period_size)) / n;
            M(2, 1) = T - arma::accu(arma::square(groups.entity_size)) / n;
        }
    } else {
        M(0, 0) = n - absorbed - kw;
        // (Z'B_g Z)^-1 per dimension, from the "Between" regression.
        arma::mat zb_inv[3];
        const auto group_rows = [&](const Dimension& g, arma::uword row, double levels) {
            zb_inv[row] = arma::inv_sympd(between_cross(Z, g));
            M(row, 0) = levels - K - 1.0;
            M(row, row) = n - trace_product(zb_inv[row], sum_cross(Z, g));
        };
        if (individual) group_rows(panel.entity(), 1, N);
        if (time) group_rows(panel.period(), 2, T);
        if (individual && time) {
            // plm's M["id", "mu"] = N - tr((Z'B_i Z)^-1 (B_i Z)'S_t(B_i Z)), and symmetrically.
            const arma::mat bi_z = panel.entity().between(Z), bt_z = panel.period().between(Z);
            const arma::mat bi_z_by_period = panel.period().means(bi_z).each_col() % *panel.period().sizes;
            const arma::mat bt_z_by_entity = panel.entity().means(bt_z).each_col() % *panel.entity().sizes;
            M(1, 2) = N - trace_product(zb_inv[1], bi_z_by_period.t() * bi_z_by_period);
            M(2, 1) = T - trace_product(zb_inv[2], bt_z_by_entity.t() * bt_z_by_entity);
        }
    }
    std::vector<arma::uword> rows{0};
    if (individual) rows.push_back(1);
    if (time) rows.push_back(2);
    const arma::uvec r(rows);
    const arma::vec s = arma::solve(arma::mat(M.submat(r, r)), arma::vec(q.elem(r)));
    VarianceComponents v;
    v.idiosyncratic = std::max(s(0), 0.0);
    if (individual) v.individual = std::max(s(1), 0.0);
    if (time) v.time = std::max(s(individual ? 2 : 1), 0.0);
    return v;
}

}  // namespace gvcpanel::estimators
