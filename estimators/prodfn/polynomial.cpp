#include "estimators/prodfn/polynomial.hpp"

#include <string>

#include "data/error.hpp"

namespace gvcpanel::estimators::prodfn {

arma::mat polynomial_terms(const arma::mat& X, int degree) {
    if (degree < 1 || degree > 4)
        throw Error("--poly " + std::to_string(degree) + ": the first-stage polynomial degree must be 1 to 4");
    // Monomials of degree d are those of degree d-1 times a column at or after their last factor.
    std::vector<arma::vec> terms;
    std::vector<arma::uword> last;
    std::size_t begin = 0;
    for (arma::uword j = 0; j < X.n_cols; ++j) {
        terms.push_back(X.col(j));
        last.push_back(j);
    }
    for (int d = 2; d <= degree; ++d) {
        const std::size_t end = terms.size();
        for (std::size_t t = begin; t < end; ++t)
            for (arma::uword j = last[t]; j < X.n_cols; ++j) {
                terms.push_back(terms[t] % X.col(j));
                last.push_back(j);
            }
        begin = end;
    }
    arma::mat out(X.n_rows, terms.size());
    for (std::size_t t = 0; t < terms.size(); ++t) out.col(t) = terms[t];
    return out;
}

}  // namespace gvcpanel::estimators::prodfn
