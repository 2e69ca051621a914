// Where tests find their inputs: tests/reference/data and tests/reference/expected (public datasets
// and peer values, in the repository), tests/fixtures (small files of our own), ../shared/data
// (third-party files that may not be copied: NIST StRD, the second wave's example datasets; a test
// that needs them skips when they are absent) and the built `gvcpanel` program; JSON read whole.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace gvcpanel::testing {

std::string reference_data(const std::string& relative);  // tests/reference/data/<relative>
std::string shared_data(const std::string& relative);     // ../shared/data/<relative>
// Whether ../shared/data/<folder> is there (tests of third-party data skip without it).
bool has_shared(const std::string& folder);
std::string fixture(const std::string& relative);      // tests/fixtures/<relative>
std::string program();                                 // path of the gvcpanel binary
// A fresh empty directory under the system temp folder, unique to this test.
std::string temp_dir();
// A JSON file read whole; a missing file is a std::runtime_error naming it.
nlohmann::json read_json(const std::string& path);
// The peer values of one reference case: tests/reference/expected/<name>.json.
nlohmann::json expected(const std::string& name);

}  // namespace gvcpanel::testing

// Skips the calling test, naming the folder, when ../shared/data/<folder> is absent.
#define GVCPANEL_REQUIRE_SHARED(folder)                                                            \
    do {                                                                                           \
        if (!::gvcpanel::testing::has_shared(folder))                                              \
            GTEST_SKIP() << "needs ../shared/data/" << (folder)                                    \
                         << " beside the checkout (third-party data, not in the repository)";     \
    } while (false)
