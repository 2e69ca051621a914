// Writing a Frame as CSV (RFC 4180, with LF line ends): a header row, numbers in the shortest
// form that reads back to the same double (std::to_chars), missing cells empty, categorical cells
// as their level text, quoted when they hold a comma, a quote, a line break or edge spaces.
#pragma once

#include <ostream>
#include <string>

#include "data/frame.hpp"

namespace gvcpanel::data {

void write_csv(const Frame& frame, std::ostream& out);
// Written whole or not at all (data/atomic_file); an Error names the file when it cannot be written.
void write_csv(const Frame& frame, const std::string& path);

}  // namespace gvcpanel::data
