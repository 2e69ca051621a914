// `fit --by g [--permutations B]`: the model fitted per level of g (one result each, labelled
// g=level), and each coefficient's equality across the groups tested three ways (docs/mechanisms.md):
//  - diff:<term>:chow: the fully interacted pooled regression (every coefficient and fixed effect
//    free by group): the groups' fits with a pooled residual variance (iid) or the sandwich of the
//    stacked scores with the linear model's corrections, F(G-1, df);
//  - diff:<term>:suest: the same stacked scores with suest's corrections, chi2(G-1) (robust when the
//    request's covariance is iid);
//  - diff:<term>:perm: two groups: Fisher's permutation test of the difference (--permutations B).
// The tests are attached to the first group's result.
#pragma once

#include <string>
#include <vector>

#include "cli/model_request.hpp"
#include "data/frame.hpp"
#include "estimators/result.hpp"

namespace gvcpanel::cli {

struct ByRequest {
    std::string variable;               // g
    std::size_t permutations = 1000;    // B (every assignment when there are at most B)
};

std::vector<estimators::Result> fit_by(const ModelRequest& request, const ByRequest& by, const data::Frame& frame);

}  // namespace gvcpanel::cli
