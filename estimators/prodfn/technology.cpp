#include "estimators/prodfn/technology.hpp"

namespace gvcpanel::estimators::prodfn {

std::vector<std::string> Technology::term_names() const {
    auto names = inputs;
    if (!translog) return names;
    for (std::size_t i = 0; i < inputs.size(); ++i)
        for (std::size_t j = i; j < inputs.size(); ++j)
            names.push_back(i == j ? "I(" + inputs[i] + "^2)" : inputs[i] + ":" + inputs[j]);
    return names;
}

arma::mat Technology::terms(const arma::mat& X) const {
    if (!translog) return X;
    const std::size_t k = X.n_cols;
    arma::mat T(X.n_rows, k + k * (k + 1) / 2);
    T.cols(0, k - 1) = X;
    std::size_t c = k;
    for (std::size_t i = 0; i < k; ++i)
        for (std::size_t j = i; j < k; ++j) T.col(c++) = X.col(i) % X.col(j);
    return T;
}

arma::mat Technology::elasticities(const arma::mat& X, const arma::vec& beta) const {
    const std::size_t k = X.n_cols;
    arma::mat E(X.n_rows, k);
    for (std::size_t i = 0; i < k; ++i) E.col(i).fill(beta[i]);
    if (!translog) return E;
    std::size_t c = k;
    for (std::size_t i = 0; i < k; ++i)
        for (std::size_t j = i; j < k; ++j, ++c) {
            if (i == j) {
                E.col(i) += 2 * beta[c] * X.col(i);
            } else {
                E.col(i) += beta[c] * X.col(j);
                E.col(j) += beta[c] * X.col(i);
            }
        }
    return E;
}

}  // namespace gvcpanel::estimators::prodfn
