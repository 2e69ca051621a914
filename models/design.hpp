// models::Design: a model materialised on its estimation sample. Row i of y, X, weights and of
// every grouping is the same observation, frame row `sample.rows[i]`. Estimators consume it.
#pragma once

#include <armadillo>
#include <cstdint>
#include <string>
#include <vector>

namespace gvcpanel::models {

// Varying slopes of a fixed-effect dimension (fixest's firm[x1, x2] and firm[[x]]): every level
// gets its own coefficient on each of these variables, with its intercept or (firm[[x]]) without.
struct VaryingSlopes {
    std::vector<std::string> variables;  // x1, x2
    arma::mat values;                    // n x variables, row i for observation i
    bool with_intercept = true;          // false for firm[[x]]
};

// A categorical variable on the estimation sample: a code 0..levels-1 per observation.
struct Grouping {
    std::string name;                  // "firm", "industry^year", "firm[year]"
    std::vector<std::int32_t> codes;   // one per observation
    std::int32_t levels = 0;           // number of distinct codes
    std::vector<std::string> level_names;  // label of each code (may be empty when not needed)
    VaryingSlopes slopes = {};         // none for a plain fixed effect or a cluster variable

    bool has_slopes() const { return !slopes.variables.empty(); }
};

// What was left out of the estimation sample, and why.
struct Dropped {
    std::size_t missing = 0;            // a missing value in a used variable
    std::size_t subset = 0;             // excluded by --subset
    std::size_t zero_weight = 0;        // weight exactly zero (no information; as fixest and Stata)
    std::size_t singletons = 0;         // alone in a fixed-effect group
    std::size_t separated = 0;          // perfectly predicted (binary/count models)
    std::vector<std::string> collinear;  // terms dropped for exact collinearity, by name
};

// One column of sunab(cohort, period): the indicator of a cohort at a period relative to its start.
struct SunabCell {
    std::string name;       // fixest's: "year::-3:cohort::2004"
    double relative = 0;    // period - cohort
    double cohort = 0;
    double weight = 0;      // its observations (their weights' sum in a weighted fit): fixest's shares
};

// The bookkeeping that travels with an estimate to the inference layer.
struct Sample {
    std::vector<std::size_t> rows;         // frame row of each observation
    std::vector<std::int32_t> entity;      // panel entity code per observation; empty without --panel
    std::vector<std::int32_t> period;      // panel time code per observation (gaps preserved); may be empty
    std::vector<Grouping> clusters;        // cluster variables the covariance request names
    std::vector<Grouping> fixed_effects;   // the formula's fixed-effects part, one per dimension
    Dropped dropped;
    std::vector<SunabCell> sunab;          // the columns of a sunab() term, in order; empty without
    std::string sunab_period;              // sunab: the period column ("year"), the aggregated rows' prefix
    std::string shared_key;                // names the rows, fixed effects, weights and panel among the
                                           //   designs built with one SharedSamples; empty otherwise
};

struct Design {
    std::string formula;                   // as the user wrote it
    std::string outcome;                   // name of y
    arma::vec y;                           // n
    arma::mat X;                           // n x k
    std::vector<std::string> names;        // k column names, as conventions.md names terms
    bool has_intercept = true;             // X holds "(Intercept)" (never with fixed effects)
    arma::vec weights;                     // n; empty when unweighted
    arma::vec offset;                      // n; empty when none
    std::vector<std::string> endogenous;   // names of the columns of X that are endogenous (IV)
    arma::mat instruments;                 // n x m excluded instruments (IV); empty otherwise
    std::vector<std::string> instrument_names;
    Sample sample;

    std::size_t nobs() const { return y.n_elem; }
};

}  // namespace gvcpanel::models
