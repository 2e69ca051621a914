// The one exception family for caller mistakes: bad files, bad formulas, unknown names, wrong
// options. The message is complete and user-facing (what and where); only cli/ and the batch runner
// catch it.
#pragma once

#include <stdexcept>
#include <string>

namespace gvcpanel {

class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace gvcpanel
