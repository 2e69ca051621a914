// The log-likelihood of a single-index model as a function of theta = (beta, ancillary): its value,
// gradient, Hessian, expected information and per-observation scores, assembled from the
// per-observation derivatives in the local parameters (eta, a) by the chain rule
// (d eta / d beta = x_i). X is n x k (one row per observation); ancillary parameters are m global
// values (negbin log alpha, Tobit log sigma, ordered cut points), of which each observation uses
// at most two.
#pragma once

#include <armadillo>
#include <vector>

#include "models/likelihood.hpp"

namespace gvcpanel::estimators {

struct LikelihoodData {
    models::Family family = models::Family::logit;
    const arma::mat* X = nullptr;                  // n x k
    std::vector<models::Observation> observations;  // n
    arma::vec weights;                             // n; empty = 1
    arma::vec offset;                              // n; empty = 0
    std::size_t ancillary = 0;                     // m
};

struct LikelihoodDerivatives {
    double loglik = 0;
    arma::vec gradient;  // k + m
    arma::mat hessian;   // (k + m) x (k + m)
};

class LikelihoodObjective {
public:
    explicit LikelihoodObjective(LikelihoodData data);

    std::size_t n() const { return data_.observations.size(); }
    std::size_t k() const { return data_.X->n_cols; }
    std::size_t parameters() const { return k() + data_.ancillary; }
    const LikelihoodData& data() const { return data_; }
    // True when the Hessian costs no more than the value (analytic GLM derivatives): an optimiser
    // can then evaluate a trial point with derivatives(.., true) instead of loglik.
    bool hessian_is_cheap() const { return glm_; }
    // The GLM log-likelihood's terms free of eta, summed once (Poisson: -sum w log y!; else 0).
    double glm_constant() const { return glm_constant_; }

    arma::vec linear_index(const arma::vec& theta) const;  // eta = X beta + offset
    // NaN when theta is outside the parameter space (e.g. unordered cut points).
    double loglik(const arma::vec& theta) const;
    // Value and gradient; the Hessian too when `hessian` is true.
    LikelihoodDerivatives derivatives(const arma::vec& theta, bool hessian) const;
    // Per-observation score contributions, n x (k + m).
    arma::mat scores(const arma::vec& theta) const;
    // The expected information of beta (k x k), X'WX with R's glm weights (negbin: given alpha,
    // as MASS::glm.nb). Defined for the GLM families and negbin.
    arma::mat expected_information(const arma::vec& theta) const;

private:
    // Local ancillary values of observation i and their global index (-1 = unused slot).
    void locals(const arma::vec& theta, std::size_t i, double* a, int* index) const;
    // GLM families: value, and the gradient (order >= 1) and Hessian (order 2), in one pass over X.
    LikelihoodDerivatives glm_pass(const arma::vec& theta, int order) const;

    LikelihoodData data_;
    int slots_ = 0;             // local ancillary slots per observation
    bool glm_ = false;          // analytic derivatives in eta (logit, probit, poisson, fractional)
    double glm_constant_ = 0;   // the log-likelihood's terms free of eta (Poisson: -sum log y!)
};

}  // namespace gvcpanel::estimators
