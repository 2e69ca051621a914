// Two-way within and random-effects GLS transformations of unbalanced panels (Wansbeek and Kapteyn
// 1989): every n x T product with the period dummies is a sum by period or an expansion by period,
// so memory stays O(n k + T^2).
#include "estimators/panel/two_way_unbalanced.hpp"

#include <cmath>

namespace gvcpanel::estimators {

arma::mat entity_quasi_demean(const arma::mat& M, const PanelGroups& groups, const arma::vec& weight) {
    arma::mat means = group_means(M, groups.entity, groups.entity_size);
    means.each_col() %= weight;
    return M - expand(means, groups.entity);
}

arma::mat period_sums(const arma::mat& M, const PanelGroups& groups) {
    arma::mat sums = group_means(M, groups.period, groups.period_size);
    sums.each_col() %= groups.period_size;
    return sums;
}

arma::mat period_cross(const PanelGroups& groups, const arma::vec& weight) {
    // Q'Q = I - (2w - w^2) B_i, so D'Q'QD = diag(N_t) - sum_i (2w_i - w_i^2) / T_i d_i d_i', d_i the
    // periods of entity i: built from the sparse N x T incidence matrix.
    const arma::uword n = groups.entity.size();
    arma::umat locations(2, n);
    for (arma::uword r = 0; r < n; ++r) {
        locations(0, r) = groups.entity[r];
        locations(1, r) = groups.period[r];
    }
    const arma::sp_mat incidence(locations, arma::vec(n, arma::fill::ones), groups.entity_size.n_elem,
                                 groups.period_size.n_elem);
    const arma::vec c = (2.0 * weight - arma::square(weight)) / groups.entity_size;
    const arma::sp_mat scaled = arma::sp_mat(arma::diagmat(c)) * incidence;
    return arma::diagmat(groups.period_size) - arma::mat(incidence.t() * scaled);
}

arma::mat two_way_within(const arma::mat& M, const PanelGroups& groups) {
    const arma::vec ones(groups.entity_size.n_elem, arma::fill::ones);
    const arma::mat W1 = entity_quasi_demean(M, groups, ones);
    // D'W1 D has rank T - 1 (its rows sum to zero) on a connected panel: the pseudo-inverse gives
    // the projection, as lm.fit's pivoting does.
    const arma::mat H = arma::pinv(period_cross(groups, ones)) * period_sums(W1, groups);
    return W1 - entity_quasi_demean(expand(H, groups.period), groups, ones);
}

arma::mat two_way_gls_transform(const arma::mat& M, const PanelGroups& groups, const arma::vec& theta,
                                double phi) {
    const arma::mat M_star = entity_quasi_demean(M, groups, theta);
    arma::vec lambda;
    arma::mat V;
    arma::eig_sym(lambda, V, period_cross(groups, theta));
    // g = (1 - s) / lambda with s = (1 + phi lambda)^-1/2, written without the 0/0 at lambda = 0:
    // then 2g - lambda g^2 = phi / (1 + phi lambda), the eigenvalues of (I/phi + A)^-1.
    arma::vec g(lambda.n_elem);
    for (arma::uword j = 0; j < lambda.n_elem; ++j) {
        const double l = std::max(lambda(j), 0.0);
        const double s = 1.0 / std::sqrt(1.0 + phi * l);
        g(j) = phi * s * s / (1.0 + s);
    }
    const arma::mat G = V * arma::diagmat(g) * V.t();
    const arma::mat H = G * period_sums(entity_quasi_demean(M_star, groups, theta), groups);
    return M_star - entity_quasi_demean(expand(H, groups.period), groups, theta);
}

}  // namespace gvcpanel::estimators
