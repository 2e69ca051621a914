// One model to estimate, as the user asked for it on the command line or in a batch file: plain
// text fields, parsed and checked by run_model. `fit` fills one; the batch runner fills many.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace gvcpanel::cli {

struct ModelRequest {
    std::string model;                 // the formula
    std::string estimator;             // empty: ols, or 2sls when the formula has an IV part
    std::string panel;                 // "ID" or "ID,TIME"
    std::string vcov = "iid";          // covariance type (docs/inference.md)
    std::string ssc = "default";       // small-sample corrections
    std::string weights;               // weight column
    std::string subset;                // condition on rows
    std::string offset;                // offset column (Poisson, logit, probit)
    std::vector<std::string> tests;    // Wald restrictions, one test each
    std::vector<std::string> nlcom;    // "name = expression", one delta-method row each
    std::string margins_over;          // "z = 0(0.1)1": effects of the variables interacted with z
    bool diagnostics = false;          // add the specification tests of conventions.md
    bool keep_singletons = false;      // keep fixed-effect groups of one observation
    // Estimator options.
    std::string re_method = "swar";    // re: swar, amemiya, walhus, nerlove
    std::string effect = "individual"; // re, within: individual, time, twoways
    bool mundlak = false;              // re: correlated random effects (entity means added)
    std::string re_iv;                 // re with an IV part: bvk (default) or baltagi
    std::string left;                  // tobit lower limit (empty: 0 unless right is set)
    std::string right;                 // tobit upper limit (empty: none)
    std::string start;                 // nls: "b1=500,b2=1e-4"
    std::string info = "observed";     // likelihood bread: observed or expected information
    bool margins = false;              // average partial effects
    std::vector<std::string> margins_at;  // "z = 0, 0.5, 1": the effects at these values (implies margins)
    std::string save_fe;               // file for the fixed-effect estimates
    std::string save_predictions;      // file for the fitted values, residuals and fixed-effect sums
    bool beta = false;                 // standardised coefficients b sd(x)/sd(y) (linear estimators)
    std::vector<std::string> gmm;      // dynamic GMM instruments "VAR:LO-HI"
    std::string iv;                    // dynamic GMM IV-style instruments
    bool collapse = false;             // dynamic GMM: collapsed instrument matrix
    std::string transform = "fd";      // dynamic GMM: fd or fod
    bool two_step = false;             // dynamic GMM: two-step weights
    // Staggered difference-in-differences (docs/did.md).
    std::string cohort;                // cs, did-imputation: column of the first treated period
    std::string time;                  // cs without --panel (repeated cross-sections): the period column
    std::string control;               // cs: never (when empty) or notyet; op/lp/acf: controls of the
                                       //   productivity law of motion "age export_share"
    std::string anticipation = "0";    // cs: periods before the cohort start already affected
    std::string did_method = "dr";     // cs: dr, ipw or reg
    std::string base_period = "varying";  // cs: varying or universal
    std::string agg;                   // cs: none|simple|group|dynamic|calendar; sunab: period|att|cohort|none
    std::string min_e, max_e;          // cs dynamic: event-time window (empty: no limit)
    std::string bootstrap;             // cs: multiplier bootstrap draws B; threshold: Hansen's bootstrap
                                       //   replications B of the threshold tests; other estimators: covariance
                                       //   from refits, pairs[:B], B, cluster:VAR[:B] (docs/resampling.md)
    std::uint64_t seed = 1;            // random seed of resampling
    // Panel thresholds (docs/threshold.md).
    std::string threshold_var;         // threshold: the variable q whose value selects the regime
    std::string regime;                // threshold: the regime-dependent regressors "x1 x2"
    int thresholds = 1;                // threshold: 1, 2 or 3
    std::string trim = "0.01";         // threshold: the smallest share of observations in a regime
    std::string grid = "all";          // threshold: every distinct value of q, or a number of points
    double level = 0.95;               // threshold: level of the likelihood-ratio regions and intervals
    // Production functions (docs/prodfn.md).
    std::string state;                 // op/lp/acf/wrdg: the state inputs among the model's "k"
    std::string proxy;                 // op/lp/acf/wrdg: the proxy (investment for op, materials for lp)
    std::string exit;                  // op/lp: auto (last year seen before the sample's end) or a 0/1 column
    int poly = 2;                      // op/lp/acf/wrdg: degree of the first-stage polynomial
    bool translog = false;             // acf/wrdg: translog instead of Cobb-Douglas
    bool gross_output = false;         // the proxy is also an input of the model (gross output)
    std::string save_tfp;              // file for id, time, omega and the elasticities
    std::string markups;               // De Loecker-Warzynski markups of the first free input: "auto" (its
                                       //   variable is its log expenditure) or the log expenditure's column
    // Spatial panels (docs/spatial.md).
    std::string spatial;               // sar, sem, sdm, sdem: the weights file (id_i,id_j,w or a dense square CSV)
    bool lee_yu = false;               // sar, sem, sdm, sdem: Lee and Yu's (2010) bias correction
    bool spatial_effects = false;      // sar, sdm: LeSage and Pace's direct, indirect and total effects
    std::size_t effects_draws = 1000;  // sar, sdm --effects: draws of the simulated SEs (0: none)
    // Wild cluster bootstrap (docs/resampling.md): one test per restriction.
    std::vector<std::string> boottest; // "x1", "x1 = x2"
    std::string boot_cluster;          // bootstrap clusters "v" or "v1+v2" (empty: the --vcov clusters)
    std::uint64_t boot_reps = 9999;
    std::string boot_weights = "rademacher";  // rademacher, mammen, webb, normal
    std::string boot_null = "impose";  // impose (WCR) or none (WCU)
    std::string ri;                    // randomization inference "treat:B" (test ri:treat)
    std::string ri_strata;             // its strata variable (empty: none)
    std::string horizons;              // did-imputation: event times A:B
    int threads = 0;                   // 0 = all cores
};

}  // namespace gvcpanel::cli
