// The second stage of the control-function estimators: the Markov criterion (markov_criterion.hpp)
// minimised by Ceres' Levenberg-Marquardt from several starts, with the exact Jacobian. The best
// start is kept; the result says how many starts converged and how many reached that minimum, so a
// criterion with several local minima is visible rather than hidden.
#pragma once

#include <armadillo>
#include <string>
#include <vector>

#include "estimators/prodfn/markov_criterion.hpp"

namespace gvcpanel::estimators::prodfn {

struct SecondStageOptions {
    int max_iterations = 500;          // Levenberg-Marquardt iterations per start
    double function_tolerance = 1e-15; // relative change of the criterion (Ceres)
    double parameter_tolerance = 1e-13;
    double gradient_tolerance = 1e-30;
    double same_minimum = 1e-6;        // starts whose solution is within this relative distance of
                                       //   the best one (each coefficient) count as having reached it
};

struct SecondStage {
    arma::vec theta;                   // p: the best start's solution
    double criterion = arma::datum::nan;  // sum of squared residuals (prodest's crit) at theta
    int iterations = 0;                // of the best start
    bool converged = false;            // Ceres reported convergence for the best start
    std::string message;               // Ceres' termination message for the best start
    std::size_t starts = 0, starts_converged = 0, starts_at_minimum = 0;
};

SecondStage minimise_markov(const MarkovData& data, const std::vector<arma::vec>& starts,
                            const SecondStageOptions& options = {});

}  // namespace gvcpanel::estimators::prodfn
