// Olley-Pakes (1996), Levinsohn-Petrin (2003) and Ackerberg-Caves-Frazer (2015): productivity
// omega is an unknown function of the state inputs and a proxy (investment or materials), so a
// first-stage regression of output on a polynomial in them (plus, for OP/LP, the free inputs
// linearly) gives phi = output net of the measurement error; the second stage estimates the input
// coefficients from the innovation xi in omega's Markov law of motion (second_stage.hpp). As R
// prodest 1.0.1 (prodestOP, prodestLP, prodestACF): the same polynomials at --poly 2, the same
// criteria; the controls also enter the law of motion lagged (De Loecker 2013). ACF also takes a
// translog technology.
#pragma once

#include <armadillo>
#include <string>
#include <vector>

#include "estimators/prodfn/production_panel.hpp"
#include "estimators/prodfn/second_stage.hpp"

namespace gvcpanel::estimators::prodfn {

enum class Method { op, lp, acf };

struct ControlFunctionOptions {
    Method method = Method::lp;
    int poly = 2;                     // degree of the first-stage polynomial (--poly)
    bool exit_correction = false;     // OP/LP: the fitted exit probability in the law of motion (--exit)
    bool translog = false;            // ACF: translog terms (technology.hpp)
    // --start: values for some of the second stage's coefficients (ACF: any term; OP/LP: the state
    // inputs), the others as the first stage's start; tried first, before the four usual starts.
    std::vector<std::pair<std::string, double>> start;
    // The bootstrap's replicates: the second stage starts from the full sample's estimate alone (its
    // own coefficients: OP/LP the state inputs', ACF every term's), the usual starts only when that
    // one fails. Empty: the usual starts.
    arma::vec warm_start;
    SecondStageOptions second_stage;
};

struct ProductionFit {
    std::vector<std::string> names;   // the technology's terms: free inputs, state inputs (translog: then
                                      //   their squares and products)
    arma::vec coef;                   // their coefficients (Cobb-Douglas: the output elasticities)
    SecondStage second_stage;
    std::size_t first_stage_rows = 0; // rows of the first stage (the whole panel)
    std::size_t second_stage_rows = 0;  // rows with a lag (and an exit probability)
    arma::vec omega;                  // n: log TFP y - terms'beta (prodest's omega()), every row
    arma::mat elasticities;           // n x inputs: each row's output elasticities
    arma::vec epsilon;                // n: the first stage's residual y - fit (markups correct shares by it)
    std::vector<std::string> notes;
};

ProductionFit control_function(const ProductionPanel& panel, const ControlFunctionOptions& options);

// The inputs' coefficients alone (for the bootstrap): NaN entries when the second stage failed.
arma::vec control_function_coefficients(const ProductionPanel& panel, const ControlFunctionOptions& options);

}  // namespace gvcpanel::estimators::prodfn
