// Where tests find their inputs: ../shared/data (reference values), tests/fixtures (small files of
// our own) and the built `gvcpanel` program (command-line tests).
#pragma once

#include <string>

namespace gvcpanel::testing {

std::string shared_data(const std::string& relative);  // ../shared/data/<relative>
std::string fixture(const std::string& relative);      // tests/fixtures/<relative>
std::string program();                                 // path of the gvcpanel binary
// A fresh empty directory under the system temp folder, unique to this test.
std::string temp_dir();

}  // namespace gvcpanel::testing
