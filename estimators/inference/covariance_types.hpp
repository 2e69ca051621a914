// The covariance estimators behind covariance(), one per file, each returning the matrix with its
// factors applied and its notes (the dispatcher sets the test distribution). Formulas and sources
// are in each file's opening lines and in docs/inference.md.
#pragma once

#include <armadillo>
#include <string>
#include <vector>

#include "estimators/estimate.hpp"
#include "estimators/inference/covariance.hpp"
#include "estimators/inference/ssc.hpp"
#include "estimators/inference/vcov_spec.hpp"
#include "models/design.hpp"

namespace gvcpanel::estimators::inference {

// bread * meat * bread, symmetrised.
arma::mat sandwich(const arma::mat& bread, const arma::mat& meat);

Covariance iid_covariance(const Estimate& estimate, const Ssc& ssc);                   // iid.cpp
Covariance hc_covariance(const Estimate& estimate, VcovType type, const Ssc& ssc);     // hc.cpp
Covariance cluster_covariance(const Estimate& estimate,                                // cluster.cpp
                              const std::vector<const models::Grouping*>& clusters, const Ssc& ssc);
Covariance driscoll_kraay_covariance(const Estimate& estimate, int lag, const Ssc& ssc);  // driscoll_kraay.cpp
Covariance newey_west_covariance(const Estimate& estimate, int lag, const Ssc& ssc);      // newey_west.cpp
Covariance pcse_covariance(const Estimate& estimate, const VcovSpec& spec, const Ssc& ssc);  // pcse.cpp
Covariance bias_reduced_covariance(const Estimate& estimate, const models::Grouping& cluster,  // bias_reduced.cpp
                                   VcovType type, const Ssc& ssc);

}  // namespace gvcpanel::estimators::inference
