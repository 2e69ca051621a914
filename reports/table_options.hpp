// What a regression table shows: the plain options of reports::Table, each with its default.
// Defaults follow what journals print (esttab, etable): 3 decimals, standard errors in
// parentheses, stars * 0.10 ** 0.05 *** 0.01, N and R-squared rows, fixed-effect indicator rows.
#pragma once

#include <string>
#include <vector>

#include "reports/covariance_note.hpp"
#include "reports/labels.hpp"
#include "reports/show.hpp"
#include "reports/layout.hpp"
#include "reports/stars.hpp"
#include "reports/term_selection.hpp"

namespace gvcpanel::reports {

struct TableOptions {
    int digits = 3;                         // decimals of estimates, their uncertainty and statistics
    Stars stars;                            // significance stars; no levels = no stars
    Below below = Below::se;                // what sits in parentheses below each estimate
    TermSelection terms;                    // keep, drop, order and rename coefficient rows
    Labels labels;                          // display names of terms, outcomes, fixed effects, statistics
    std::vector<std::string> titles;        // one per model column; empty = no title row
    std::vector<ColumnGroup> groups;        // spanning headings; their spans add up to the columns
    bool numbers = true;                    // the row of model numbers (1) (2) ...
    bool outcome = true;                    // the dependent-variable row
    Show estimator = Show::automatic;       // the "Estimator" row (automatic: when the columns' estimators
                                            //   or IV stages differ)
    bool margins = true;                    // partial effects (--margins) as rows below the coefficients
    bool fixed_effects = true;              // one "Firm FE  Yes/No" row per fixed effect
    std::vector<std::string> stats = {"nobs", "y_mean", "r2", "r2_within", "fe_levels", "n_clusters"};
                                            // statistic keys, see statistic_rows.hpp; a key no
                                            //   result has gives no row
    bool covariance_note = true;            // the automatic note on the covariance type
    std::vector<std::string> notes;         // further notes, after the automatic ones

    void validate() const;
    // The checks that need the number of model columns (titles, groups).
    void validate(std::size_t columns) const;
};

// "se", "t", "p", "ci", "none"; anything else is an Error listing these.
Below parse_below(const std::string& text);

}  // namespace gvcpanel::reports
