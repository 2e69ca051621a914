// Ceres reports a trial step whose residuals overflow (which its line search or trust region then
// rejects) as glog warnings on stderr, pages long, and its termination reason as a glog error. The
// fit's verdict and message (Ceres' summary) already say both, so the solvers keep glog silent
// short of a fatal error.
#pragma once

namespace gvcpanel::estimators {

// Raises glog's minimum level to fatal, once per process; safe to call before every solve.
void silence_ceres_warnings();

}  // namespace gvcpanel::estimators
