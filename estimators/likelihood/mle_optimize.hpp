// The optimisers of the maximum-likelihood fit: Newton's method with a backtracking line search
// (the default), and Ceres' L-BFGS line search (GradientProblemSolver), kept for comparison.
#pragma once

#include <armadillo>
#include <string>

#include "estimators/likelihood/likelihood_objective.hpp"

namespace gvcpanel::estimators {

struct OptimizeResult {
    arma::vec theta;
    LikelihoodDerivatives at_solution;  // value, gradient and Hessian at theta
    int iterations = 0;
    bool converged = false;
    std::string message;
};

OptimizeResult newton(const LikelihoodObjective& objective, arma::vec theta, int max_iterations,
                      double tolerance);

OptimizeResult lbfgs(const LikelihoodObjective& objective, arma::vec theta, int max_iterations);

}  // namespace gvcpanel::estimators
