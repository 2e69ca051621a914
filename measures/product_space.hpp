// Productivity levels and the product space, as R economiccomplexity 2.0.0:
// - prody_p = sum_c s_cp gdp_c / sum_c s_cp with s_cp = x_cp / x_c, and expy_c = sum_p s_cp prody_p
//   (Hausmann, Hwang and Rodrik 2007), over the countries with a GDP per capita;
// - proximity phi_pq = sum_c M_cp M_cq / max(k_p, k_q) (Hidalgo et al. 2007) and density
//   d_cp = sum_q M_cq phi_pq / sum_q phi_pq (NaN for a product that no country has an advantage in).
#pragma once

#include <armadillo>

namespace gvcpanel::measures {

struct Productivity {
    arma::vec prody;  // products
    arma::vec expy;   // countries (NaN without GDP)
};

// gdp: one per country, NaN where unknown (left out).
Productivity productivity_levels(const arma::mat& exports, const arma::vec& gdp);

arma::mat product_proximity(const arma::mat& M);
arma::mat density(const arma::mat& M, const arma::mat& proximity);

}  // namespace gvcpanel::measures
