#include "measures/product_space.hpp"

#include <limits>

#include "data/error.hpp"

namespace gvcpanel::measures {

Productivity productivity_levels(const arma::mat& exports, const arma::vec& gdp) {
    const arma::uvec known = arma::find_finite(gdp);
    if (known.is_empty()) throw Error("PRODY needs the GDP per capita of at least one exporter (--gdp)");
    const arma::mat x = exports.rows(known);
    const arma::mat shares = x.each_col() / arma::sum(x, 1);
    Productivity p;
    p.prody = (shares.t() * gdp.elem(known)) / arma::sum(shares, 0).t();
    p.expy.set_size(exports.n_rows);
    p.expy.fill(std::numeric_limits<double>::quiet_NaN());
    p.expy.elem(known) = shares * p.prody;
    return p;
}

arma::mat product_proximity(const arma::mat& M) {
    const arma::rowvec ubiquity = arma::sum(M, 0);
    arma::mat phi = M.t() * M;
    for (std::size_t q = 0; q < phi.n_cols; ++q)
        for (std::size_t p = 0; p < phi.n_rows; ++p) phi(p, q) /= std::max(ubiquity(p), ubiquity(q));
    phi.elem(arma::find_nonfinite(phi)).zeros();  // two products without any country
    return phi;
}

arma::mat density(const arma::mat& M, const arma::mat& phi) {
    arma::mat d = M * phi;  // (M phi)(c, p) = sum_q M_cq phi_qp, phi symmetric
    d.each_row() /= arma::sum(phi, 0);
    return d;
}

}  // namespace gvcpanel::measures
