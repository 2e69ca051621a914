// Small-sample corrections (`--ssc`), in fixest's vocabulary (conventions.md): which K* enters the
// N/(N-K*) and (N-1)/(N-K*) factors, whether G/(G-1) applies, which G multi-way terms use, and
// which t distribution clustered tests use (and, with them, whether a multi-way cluster covariance
// is made positive semi-definite: fixest's vcov_fix). Parsed from a preset or a comma list.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace gvcpanel::estimators::inference {

enum class FixefCount {
    nested,  // with a cluster covariance, fixed effects nested in a cluster count only as the
             //   absorbed intercept; otherwise as full (fixest, xtreg fe)
    none,    // K* = K, the reported coefficients (plm)
    full,    // K* = K + K_fe (areg, lm with dummies)
};

enum class DfRule {
    min,           // the smallest G (multi-way terms; t(G-1))
    conventional,  // each term its own G_j; t(N-K-K_fe) for tests
    bm,            // t_df only, with cr2/cr3: Satterthwaite (Bell-McCaffrey) df per coefficient and
                   //   HTZ Wald tests (Pustejovsky and Tipton 2018), as clubSandwich
};

// Whose rules fill in what the settings leave open.
enum class SscRules {
    own,     // conventions.md: K_fe exact for one and two dimensions, reghdfe's pairwise rule beyond;
             //   likelihood models without the (N-1)/(N-K*) factor (Stata, ppmlhdfe)
    fixest,  // fixest 0.12: K_fe = the levels minus one per dimension after the first; likelihood
             //   models with (N-1)/(N-K*) on every covariance, iid included
};

struct Ssc {
    SscRules rules = SscRules::own;
    FixefCount fixef = FixefCount::nested;
    std::optional<bool> adj;           // (N-1)/(N-K*) in cluster covariances; unset = the model
                                       //   kind's default (linear yes, likelihood and GMM no)
    std::optional<bool> cluster_adj;   // G/(G-1); unset = the model kind's default (GMM no, else yes)
    DfRule cluster_df = DfRule::min;   // multi-way: G in each inclusion-exclusion term
    DfRule t_df = DfRule::min;         // clustered tests: t(G-1), t(N-K-K_fe), or (cr2/cr3) bm
    bool vcov_fix = true;              // multi-way clusters: negative eigenvalues set to zero (CGM,
                                       //   fixest); 0 keeps the matrix as plm and sandwich do
    bool fixef_exact = false;          // K_fe = the rank of the dummy matrix, however many dimensions
                                       //   (fixest's fixef.force_exact)

    // The preset name when the settings equal one ("default", "fixest", "plm", "areg", "none"),
    // else the comma list of the settings that differ from the default's (after "fixest" when its
    // rules apply).
    std::string text() const;
    bool operator==(const Ssc&) const = default;
};

// Presets default (conventions.md), fixest (fixest 0.12's defaults: rules = fixest), plm
// (fixef=none), areg (fixef=full), none (adj=0,cluster_adj=0, fixef=none), or a comma list
// `fixef=nested|none|full, adj=1|0, cluster_adj=1|0, cluster_df=min|conventional,
// t_df=min|conventional|bm, vcov_fix=1|0, fixef_exact=1|0`, applied over the defaults (a list may
// start with a preset: "plm,t_df=conventional", "fixest,fixef_exact=1"). Unknown keys or values are an Error listing the
// accepted ones.
Ssc parse_ssc(std::string_view text);

}  // namespace gvcpanel::estimators::inference
