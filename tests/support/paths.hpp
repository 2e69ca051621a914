// Where tests find their inputs: ../shared/data (reference values), tests/fixtures (small files of
// our own) and the built `gvcpanel` program (command-line tests); JSON inputs read whole.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace gvcpanel::testing {

std::string shared_data(const std::string& relative);  // ../shared/data/<relative>
std::string fixture(const std::string& relative);      // tests/fixtures/<relative>
std::string program();                                 // path of the gvcpanel binary
// A fresh empty directory under the system temp folder, unique to this test.
std::string temp_dir();
// A JSON file read whole; a missing file is a std::runtime_error naming it.
nlohmann::json read_json(const std::string& path);
// The peer values of one shared reference case: ../shared/data/reference/expected/<name>.json.
nlohmann::json expected(const std::string& name);

}  // namespace gvcpanel::testing
