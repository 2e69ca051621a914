// `gvcpanel mediate`: the mediator and outcome equations fitted on one sample (the rows complete in
// every variable), the effects by the product of coefficients (estimators/mediation) with
// delta-method standard errors from the equations' joint covariance (suest for hc0/hc1/cluster;
// block-diagonal for iid, as the classical Sobel test), the Sobel, Aroian and Goodman tests, and,
// with --bootstrap, the percentile, BC and BCa intervals of every effect from refits of all the
// equations on each drawn sample (the engine of estimators/resampling). docs/mechanisms.md.
#pragma once

#include <string>
#include <vector>

#include "cli/model_request.hpp"
#include "data/frame.hpp"
#include "estimators/result.hpp"

namespace gvcpanel::cli {

struct MediationRequest {
    ModelRequest options;                // vcov, ssc, panel, subset, weights, bootstrap, seed, threads
    std::string treatment;               // x
    std::vector<std::string> mediators;  // m1, m2, ... (in parallel)
    std::string outcome;                 // y
    std::string controls;                // terms added to every equation: "c1 + log(c2)"
    std::string fe;                      // fixed effects absorbed in every equation: "firm + year"
};

// The equations' requests: one per mediator (m ~ x + controls | fe), the outcome's
// (y ~ x + m1 + ... + controls | fe) and the total effect's (y ~ x + controls | fe), in that order.
std::vector<ModelRequest> mediation_equations(const MediationRequest& request);

struct MediationFit {
    estimators::Result effects;              // rows total, direct, indirect[:m], prop_mediated; tests
    std::vector<estimators::Result> steps;   // Baron-Kenny: total, mediator(s), outcome equations
};

MediationFit fit_mediation(const MediationRequest& request, const data::Frame& frame);

}  // namespace gvcpanel::cli
