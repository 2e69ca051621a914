// Revealed comparative advantage and economic complexity, as R economiccomplexity 2.0.0:
// - rca: Balassa's index (x_cp / x_c) / (x_p / x), and its binary form M = [rca >= cutoff];
// - eci/pci by the method of reflections (Hidalgo and Hausmann 2009): k_c,0 = diversity,
//   k_p,0 = ubiquity, k_c,n = sum_p M k_p,n-1 / k_c,0 and k_p,n = sum_c M k_c,n-1 / k_p,0 for
//   `iterations` steps; eci = the standardised k_c of step iterations - 2, pci = k_p of the last;
// - eci/pci by the eigenvector method: the eigenvector of the second largest eigenvalue of
//   D_c^-1 M D_p^-1 M' (countries) and D_p^-1 M' D_c^-1 M (products), from the symmetric matrix
//   similar to each (eig_sym), standardised, its sign that of a positive correlation with the
//   reflections' index (as economiccomplexity corrects it).
// Countries without any product of advantage, and products without any country, are left out
// (NaN), as economiccomplexity drops them. Standardised = mean 0, sample standard deviation 1.
#pragma once

#include <armadillo>

namespace gvcpanel::measures {

arma::mat balassa_index(const arma::mat& exports);                       // NaN where a country or product exports nothing
arma::mat binary_advantage(const arma::mat& rca, double cutoff = 1.0);  // 1 where rca >= cutoff

struct Complexity {
    arma::vec eci;  // countries
    arma::vec pci;  // products
};

enum class ComplexityMethod { reflections, eigenvalues };

Complexity complexity(const arma::mat& M, ComplexityMethod method, int iterations = 20);

}  // namespace gvcpanel::measures
