// The covariance of an Estimate for one VcovSpec and Ssc, with the distribution its tests use:
// dispatches to one covariance estimator per file (iid.cpp, hc.cpp, cluster.cpp,
// driscoll_kraay.cpp, newey_west.cpp, pcse.cpp); formulas and sources in docs/inference.md.
#pragma once

#include <armadillo>
#include <cmath>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "estimators/estimate.hpp"
#include "estimators/inference/ssc.hpp"
#include "estimators/inference/vcov_spec.hpp"

namespace gvcpanel::estimators::inference {

class BellMcCaffrey;

struct Covariance {
    arma::mat matrix;                  // k x k, in the order of Estimate::names
    double df = std::nan("");          // t and F denominator degrees of freedom; NaN = normal, chi2
    std::vector<std::pair<std::string, std::size_t>> n_clusters;  // G per cluster variable
    std::vector<std::string> notes;    // what the user should know (PSD fix, default lag)
    // cr2/cr3 with --ssc t_df=bm: Satterthwaite df per coefficient and HTZ Wald tests
    // (estimators/inference/bell_mccaffrey); null otherwise (tests use df).
    std::shared_ptr<const BellMcCaffrey> bell_mccaffrey;
    std::string label;                 // what the matrix is when the type's name does not say it
                                       //   (dynamic GMM's robust: clustered by entity); else empty
    bool withheld = false;             // NaN by design (an estimator without analytic standard
                                       //   errors, e.g. op/lp/acf without --bootstrap): no failure
};

// The grouping of a cluster variable: the sample's clusters first, then its fixed effects; an Error
// naming `who` (the option) and the closest names when the sample has none of that name.
const models::Grouping& find_grouping(const Estimate& estimate, const std::string& name, const std::string& who);

// Throws gvcpanel::Error when the estimate lacks what the type needs (leverages for hc2/hc3, a
// cluster variable, panel codes for dk/nw/pcse), naming what is missing.
Covariance covariance(const Estimate& estimate, const VcovSpec& spec, const Ssc& ssc);

}  // namespace gvcpanel::estimators::inference
