// The columns of a fitted design recomputed on its estimation sample with variables changed, and
// their exact derivatives with respect to a variable: what partial effects need (Stata's margins,
// marginaleffects). A variable is a data column used in the formula's terms (or a panel operator
// such as l(x,1), which counts as a variable of its own); every term containing it takes part, so
// d/dx of b1 x + b2 x:z + b3 I(x^2) is b1 + b2 z + 2 b3 x. Factor variables (i(g), text columns)
// are set to a level for every observation instead. Columns are returned in the order of the
// fit's coefficients; a column the fit does not have (a reference level, a term dropped as
// collinear) is left out, exactly as in the design.
#pragma once

#include <armadillo>
#include <map>
#include <string>
#include <vector>

#include "data/frame.hpp"
#include "data/panel_index.hpp"
#include "models/formula.hpp"

namespace gvcpanel::models {

// One variable held at a value for every observation: a number, or a factor's level.
struct Setting {
    std::string variable;
    double number = 0;   // a numeric variable's value
    std::string level;   // a factor variable's level (its name in the coefficient names)
};

struct FormulaVariable {
    std::string name;                 // "size", "governance", "l(upgrading_index,1)"
    bool factor = false;              // i(var) or a text column: changed level by level
    std::vector<std::string> levels;  // factor: the levels present in the sample, in sorted order
    std::string reference;            // factor: ref = L when given, else the smallest level
};

class CounterfactualColumns {
public:
    // `rows`: the frame rows of the fit's sample, in its order; `names`: the fit's coefficients.
    // `panel` is needed when the terms use l(), f() or d().
    CounterfactualColumns(const Formula& formula, const data::Frame& frame, const data::PanelIndex* panel,
                          const std::vector<std::size_t>& rows, const std::vector<std::string>& names);

    std::size_t n() const { return n_; }
    // The variables of the terms, in the order they first appear; a variable used both as a
    // number and as a factor is a factor.
    const std::vector<FormulaVariable>& variables() const { return variables_; }
    const FormulaVariable& variable(const std::string& name) const;

    // n x k: the fit's columns with `settings` applied (none: the design's own columns, bit for bit).
    arma::mat columns(const std::vector<Setting>& settings = {}) const;
    // n x k: d columns / d variable (a numeric variable) with `settings` applied.
    arma::mat derivative(const std::string& variable, const std::vector<Setting>& settings = {}) const;
    // Whether some column of the fit contains the variable.
    bool enters_fit(const std::string& variable) const;

private:
    struct LocalPiece {
        bool factor = false;
        Expr value;                // value piece, with panel operators replaced by their columns
        std::string name;          // value piece: its name; factor piece: the variable
    };
    struct TermPlan {
        std::vector<LocalPiece> pieces;
        std::string name;
        std::vector<std::string> variables;  // the variables its pieces contain
    };

    data::Frame with(const std::vector<Setting>& settings) const;
    // Writes each term's columns into `out` (n x k): `product(term)` gives the part of the
    // term shared by its columns (the product of its value pieces, or its derivative), or nothing
    // when the term does not contribute; factor pieces pick the column of each observation.
    // Returns, per term, whether it wrote into a column of the fit.
    template <typename Product>
    std::vector<bool> fill(const data::Frame& frame, arma::mat& out, Product product) const;
    std::vector<double> evaluate_on(const Expr& expr, const data::Frame& frame) const;
    Expr localise(const Expr& expr, const Formula& formula, const data::Frame& frame, const data::PanelIndex* panel);
    void add_variable(const std::string& name, bool factor);
    void add_column(const data::Column& column);

    std::vector<std::size_t> rows_;            // the frame rows of the sample
    std::size_t n_ = 0;
    std::string source_text_;                  // the formula, for messages of the evaluator
    data::Frame local_;                        // the used columns on the sample rows
    std::vector<TermPlan> terms_;
    std::vector<FormulaVariable> variables_;
    std::map<std::string, std::size_t> column_of_name_;  // fit coefficient -> column
    std::map<std::string, std::string> factor_reference_;
    std::vector<bool> term_in_fit_;                      // some column of the term is the fit's
    int intercept_ = -1;
};

}  // namespace gvcpanel::models
