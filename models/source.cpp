#include "models/source.hpp"

namespace gvcpanel::models {

namespace {

bool is_utf8_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

}  // namespace

Error Source::error(std::size_t position, const std::string& what) const {
    // The echoed line must stay one line: control bytes (newline, tab) print as spaces. The caret
    // column counts characters, not bytes, so that it sits under a UTF-8 name correctly.
    std::string line;
    line.reserve(text.size());
    std::size_t column = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        line += (c < 0x20 || c == 0x7F) ? ' ' : static_cast<char>(c);
        if (i < position && !is_utf8_continuation(c)) ++column;
    }
    return Error(std::string(context) + ": " + what + "\n  " + line + "\n  " +
                 std::string(column, ' ') + "^");
}

}  // namespace gvcpanel::models
