#include "estimators/likelihood/ceres_logging.hpp"

#include <glog/logging.h>

#include <mutex>

namespace gvcpanel::estimators {

void silence_ceres_warnings() {
    static std::once_flag once;
    std::call_once(once, [] { FLAGS_minloglevel = google::GLOG_FATAL; });
}

}  // namespace gvcpanel::estimators
