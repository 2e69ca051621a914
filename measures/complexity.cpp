#include "measures/complexity.hpp"

#include <limits>

#include "data/error.hpp"

namespace gvcpanel::measures {

arma::mat balassa_index(const arma::mat& x) {
    const arma::vec by_country = arma::sum(x, 1);
    const arma::rowvec by_product = arma::sum(x, 0);
    const double total = arma::accu(x);
    arma::mat rca = x.each_col() / by_country;
    rca.each_row() /= by_product / total;
    return rca;
}

arma::mat binary_advantage(const arma::mat& rca, double cutoff) {
    arma::mat M(arma::size(rca), arma::fill::zeros);
    M.elem(arma::find(rca >= cutoff)).ones();
    return M;
}

namespace {

arma::vec standardised(const arma::vec& v) { return (v - arma::mean(v)) / arma::stddev(v); }

Complexity reflections(const arma::mat& M, int iterations) {
    const arma::vec diversity = arma::sum(M, 1), ubiquity = arma::sum(M, 0).t();
    std::vector<arma::vec> kc{diversity}, kp{ubiquity};
    for (int n = 1; n < iterations; ++n) {
        kc.push_back((M * kp[n - 1]) / diversity);
        kp.push_back((M.t() * kc[n - 1]) / ubiquity);
    }
    return {standardised(kc[iterations - 2]), standardised(kp[iterations - 1])};
}

// The eigenvector of the second largest eigenvalue of D_a^-1 M D_b^-1 M', through the symmetric
// D_a^-1/2 M D_b^-1 M' D_a^-1/2.
arma::vec second_eigenvector(const arma::mat& M, const arma::vec& a, const arma::vec& b) {
    const arma::vec root = 1.0 / arma::sqrt(a);
    const arma::mat half = (M.each_row() / arma::sqrt(b).t()).each_col() % root;
    arma::vec values;
    arma::mat vectors;
    if (!arma::eig_sym(values, vectors, half * half.t()))
        throw Error("the eigenvector method of economic complexity failed to converge (eig_sym)");
    return vectors.col(values.n_elem - 2) % root;  // eigenvalues ascending
}

arma::vec with_sign_of(const arma::vec& v, const arma::vec& reference) {
    return arma::as_scalar(arma::cor(v, reference)) < 0 ? arma::vec(-v) : v;
}

}  // namespace

Complexity complexity(const arma::mat& M_all, ComplexityMethod method, int iterations) {
    if (iterations < 2 || iterations % 2)
        throw Error("--iterations " + std::to_string(iterations) + ": the method of reflections needs an even number >= 2");
    const arma::uvec rows = arma::find(arma::sum(M_all, 1) > 0), cols = arma::find(arma::sum(M_all, 0).t() > 0);
    if (rows.n_elem < 3 || cols.n_elem < 3)
        throw Error("economic complexity needs at least 3 countries and 3 products with a revealed comparative advantage");
    const arma::mat M = M_all.submat(rows, cols);
    Complexity kept = reflections(M, iterations);
    if (method == ComplexityMethod::eigenvalues) {
        const arma::vec diversity = arma::sum(M, 1), ubiquity = arma::sum(M, 0).t();
        kept.eci = with_sign_of(standardised(second_eigenvector(M, diversity, ubiquity)), kept.eci);
        kept.pci = with_sign_of(standardised(second_eigenvector(M.t(), ubiquity, diversity)), kept.pci);
    }
    Complexity out;
    out.eci.set_size(M_all.n_rows);
    out.pci.set_size(M_all.n_cols);
    out.eci.fill(std::numeric_limits<double>::quiet_NaN());
    out.pci.fill(std::numeric_limits<double>::quiet_NaN());
    out.eci.elem(rows) = kept.eci;
    out.pci.elem(cols) = kept.pci;
    return out;
}

}  // namespace gvcpanel::measures
