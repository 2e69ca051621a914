// The conditional (fixed-effects) logit likelihood of one group (Chamberlain 1980): the
// probability of the observed set of ones among all sets of the same size k1,
// exp(sum_{y=1} eta) / sum_{|S|=k1} exp(sum_S eta). The denominator has C(m, k1) terms; the
// recursion of Gail, Lubin and Rubinstein (1981), B(t,k) = B(t-1,k) + exp(eta_t) B(t-1,k-1),
// gives it, its gradient and its Hessian in O(m k1 p^2). X is m x p (the group's rows).
#pragma once

#include <armadillo>

namespace gvcpanel::estimators {

struct GroupLikelihood {
    double loglik = 0;        // conditional log-likelihood of the group
    arma::vec score;          // p: sum_{y=1} x - E[sum_S x]
    arma::mat information;    // p x p: Var(sum_S x) (the negative Hessian); empty unless asked
};

// y holds 0/1 and varies within the group; eta = X b + offset.
GroupLikelihood clogit_group(const arma::mat& X, const arma::vec& eta, const arma::vec& y,
                             bool with_information);

}  // namespace gvcpanel::estimators
