// Reading formula and subset error messages in tests: the message is "<context>: <what>", then
// the text indented by two spaces, then a caret line; these helpers split it back up.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "data/error.hpp"

namespace gvcpanel::testing {

struct CaretError {
    std::string what;      // the first line
    std::string text;      // the echoed text (second line, indent removed)
    std::size_t column = std::string::npos;  // caret position under the text
};

inline CaretError caret_error(const std::string& message) {
    CaretError out;
    const auto first = message.find('\n');
    out.what = message.substr(0, first);
    if (first == std::string::npos) return out;
    const auto second = message.find('\n', first + 1);
    if (second == std::string::npos) return out;
    out.text = message.substr(first + 3, second - first - 3);
    const auto caret = message.find('^', second + 1);
    if (caret != std::string::npos) out.column = caret - second - 3;
    return out;
}

// The parsed message of the gvcpanel::Error that `action` throws (a test failure if none).
inline CaretError caret_error_of(const std::function<void()>& action) {
    try {
        action();
    } catch (const gvcpanel::Error& error) {
        return caret_error(error.what());
    }
    ADD_FAILURE() << "no gvcpanel::Error was thrown";
    return {};
}

}  // namespace gvcpanel::testing
