// The reference part of `gvcpanel fit --help`: every estimator, covariance type and formula
// function with its one line, read from the registries that the parsers themselves use
// (estimator_catalog in cli/run_model.cpp, vcov_forms in estimators/inference/vcov_spec.cpp,
// formula_functions in models/formula_functions.cpp), so that the help cannot fall behind them.
#pragma once

#include <string>

namespace gvcpanel::cli {

std::string fit_reference_help();

}  // namespace gvcpanel::cli
