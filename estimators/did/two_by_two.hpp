// The 2x2 difference-in-differences estimators that Callaway and Sant'Anna (2021) apply to each
// group-time cell, with their influence functions, as Sant'Anna and Zhao (2020) and R DRDID 1.0.4
// define them: doubly robust (drdid_panel, drdid_rc: the locally efficient one), standardised
// inverse-probability weighting (std_ipw_did_panel, std_ipw_did_rc) and outcome regression
// (reg_did_panel, reg_did_rc). Covariates are the columns of Xt (k x n, intercept in row 0).
#pragma once

#include <armadillo>
#include <string>

namespace gvcpanel::estimators::did {

enum class DidMethod { dr, ipw, reg };

// "dr", "ipw" or "reg"; anything else is an Error listing them.
DidMethod parse_did_method(const std::string& text);

struct TwoByTwo {
    double att = arma::datum::nan;
    arma::vec influence;  // n: DRDID's att.inf.func (its mean of squares / n is the variance)
    std::string failure;  // why no estimate (a singular regression, a logit that did not converge)
    arma::vec propensity; // dr, ipw: the fitted propensity scores (before DRDID's clipping below 1)
};

// Panel data: the change y_post - y_pre of each unit, its treatment indicator (0/1), covariates
// at the base period and weights (empty = all 1).
TwoByTwo panel_did(DidMethod method, const arma::vec& change, const arma::vec& treated, const arma::mat& Xt,
                   const arma::vec& weights);

// Repeated cross-sections (and unbalanced panels, observation by observation): the outcome, the
// post-period indicator, the treatment indicator, covariates and weights.
TwoByTwo cross_section_did(DidMethod method, const arma::vec& y, const arma::vec& post, const arma::vec& treated,
                           const arma::mat& Xt, const arma::vec& weights);

}  // namespace gvcpanel::estimators::did
