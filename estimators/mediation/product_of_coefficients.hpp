// Linear mediation by the product of coefficients (Baron and Kenny 1986; MacKinnon 2008, ch. 3-5):
// with a_k the treatment's coefficient in mediator k's equation, b_k mediator k's and c' the
// treatment's in the outcome equation, the indirect effect through k is a_k b_k, the direct effect
// c', the total c' + sum_k a_k b_k (the total regression's coefficient, exactly, for least squares
// on one sample), the proportion mediated sum a_k b_k / total. Their covariance by the delta method
// from the equations' joint covariance (estimators/inference/delta_method); the Sobel, Aroian and
// Goodman tests of a_k b_k from the SEs of a_k and b_k (MacKinnon et al. 2002, Psych. Methods 7).
#pragma once

#include <armadillo>
#include <string>
#include <vector>

#include "estimators/estimate.hpp"

namespace gvcpanel::estimators::mediation {

// The variables of the mediation model; coefficients are named [equation outcome]term (suest).
struct MediationPaths {
    std::string treatment;
    std::vector<std::string> mediators;
    std::string outcome;
};

// The effects as functions of the joint coefficients: `names` are total, direct, then indirect
// (one mediator) or indirect:m per mediator and indirect (their sum), then prop_mediated;
// `jacobian` is names.size() x coef.n_elem.
struct MediationEffects {
    std::vector<std::string> names;
    arma::vec values;
    arma::mat jacobian;
};

MediationEffects mediation_effects(const MediationPaths& paths, const arma::vec& coef,
                                   const std::vector<std::string>& names);

// sobel, aroian and goodman (":m" appended with several mediators): z = a b / s with
// s^2 = b^2 sa^2 + a^2 sb^2 (Sobel), + sa^2 sb^2 (Aroian), - sa^2 sb^2 (Goodman; NaN when negative),
// sa and sb from the diagonal of `vcov`; two-sided normal p-values.
std::vector<TestResult> indirect_effect_tests(const MediationPaths& paths, const arma::vec& coef,
                                              const arma::mat& vcov, const std::vector<std::string>& names);

}  // namespace gvcpanel::estimators::mediation
