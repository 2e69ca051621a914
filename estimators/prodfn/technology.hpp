// The technology's terms in the log inputs and the output elasticities they imply. Cobb-Douglas: the
// inputs themselves. Translog: the inputs, then for each pair i <= j in input order x_i^2 (named
// `I(l^2)`) or x_i x_j (named `l:k`), as architecture.md names them; the elasticity of input i is
// b_i + 2 b_ii x_i + sum_{j != i} b_ij x_j, which varies by observation.
#pragma once

#include <armadillo>
#include <string>
#include <vector>

namespace gvcpanel::estimators::prodfn {

struct Technology {
    std::vector<std::string> inputs;   // the inputs' names, in the order of the columns given
    bool translog = false;

    std::vector<std::string> term_names() const;
    // n x terms: the terms of `X` (n x inputs, columns in the order of `inputs`).
    arma::mat terms(const arma::mat& X) const;
    // n x inputs: each observation's output elasticities for the term coefficients `beta`.
    arma::mat elasticities(const arma::mat& X, const arma::vec& beta) const;
};

}  // namespace gvcpanel::estimators::prodfn
