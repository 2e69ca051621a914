// The instrument sets of random-effects IV (--re-iv), as plm's inst.method names them.
#pragma once

#include <string>

#include "data/error.hpp"

namespace gvcpanel::estimators {

enum class ReIvMethod {
    bvk,      // Balestra and Varadharajan-Krishnakumar's G2SLS: the instruments quasi-demeaned
    baltagi,  // Baltagi's EC2SLS: the instruments within-transformed and as group means
};

// "bvk", "baltagi"; anything else is an Error listing them.
inline ReIvMethod parse_re_iv(const std::string& text) {
    if (text == "bvk") return ReIvMethod::bvk;
    if (text == "baltagi") return ReIvMethod::baltagi;
    throw Error("--re-iv '" + text + "': accepted are bvk, baltagi");
}

inline std::string to_string(ReIvMethod method) { return method == ReIvMethod::bvk ? "bvk" : "baltagi"; }

}  // namespace gvcpanel::estimators
