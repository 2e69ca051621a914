// --nlcom "name = expression": a nonlinear combination g(b) of the coefficients with its standard
// error by the delta method, Var g(b) = J V J' with J = dg/db evaluated exactly (forward-mode
// differentiation of the NLS expression program, not finite differences), as Stata's nlcom
// (Greene, Econometric Analysis, 4.6). Inference uses the fit's own distribution: t(df) when df is
// finite (linear models, as nlcom after regress), the normal otherwise.
#pragma once

#include <armadillo>
#include <string>
#include <string_view>
#include <vector>

#include "estimators/inference/wald.hpp"
#include "estimators/result.hpp"

namespace gvcpanel::estimators::inference {

struct NonlinearCombination {
    std::string name;        // the row's name (left of '=')
    std::string expression;  // as written (right of '=')
    double value = 0;        // g(b)
    arma::rowvec gradient;   // dg/db, one entry per coefficient
};

// Evaluates "name = expression" at `coef`; the expression uses + - * / ^, unary minus, numbers,
// pi, log exp sqrt abs sin cos tan atan and the coefficient names `names` as the result writes them
// ("x1", "[y]x", "log(k)", "(Intercept)"). A missing
// name or '=', an unknown name or function is an Error naming the --nlcom text.
NonlinearCombination evaluate_nlcom(std::string_view text, const arma::vec& coef,
                                    const std::vector<std::string>& names);

// The result row of `text`: estimate g(b), se sqrt(J V J'), stat, p and the interval at `level`
// under t(df) (df finite) or the normal (df NaN).
CoefRow nlcom_row(std::string_view text, const arma::vec& coef, const arma::mat& vcov,
                  const std::vector<std::string>& names, double df, double level);

// --test with nonlinear restrictions (Stata's testnl): "g1(b) = h1(b), g2(b) = h2(b)" linearised at
// b, R = J (the Jacobian of g - h) and r = J b - (g - h)(b), so that wald_test's R b - r is g - h
// and R V R' is J V J': the delta-method Wald statistic. Errors as evaluate_nlcom's.
Restrictions nonlinear_restrictions(std::string_view text, const arma::vec& coef,
                                    const std::vector<std::string>& names);

}  // namespace gvcpanel::estimators::inference
