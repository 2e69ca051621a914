// The text of a formula or subset expression, for error messages that point at a position: the
// message, then the text on one line with a caret under the offending character.
#pragma once

#include <string>
#include <string_view>

#include "data/error.hpp"

namespace gvcpanel::models {

struct Source {
    std::string_view text;     // the formula or expression as the user wrote it
    std::string_view context;  // what it is, for the message: "formula", "subset"

    // "<context>: <what>\n  <text>\n  <spaces>^" with the caret under byte offset `position`
    // (one past the end for "unexpected end").
    Error error(std::size_t position, const std::string& what) const;
};

}  // namespace gvcpanel::models
