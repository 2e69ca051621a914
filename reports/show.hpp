// Whether an optional part of a table or a plot is shown: when it tells things apart (automatic),
// always or never; parsed from "auto", "yes", "no".
#pragma once

#include <string>

namespace gvcpanel::reports {

enum class Show { automatic, always, never };

// "auto", "yes", "no"; anything else is an Error naming `option` and listing these.
Show parse_show(const std::string& text, const std::string& option);

}  // namespace gvcpanel::reports
