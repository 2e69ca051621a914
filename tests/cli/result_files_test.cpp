#include "cli/result_files.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "data/error.hpp"
#include "support/paths.hpp"

namespace gvcpanel::cli {

TEST(ResultFiles, ReadsAnArrayOrOneObject) {
    EXPECT_EQ(read_result_file(testing::fixture("reports/models.json")).size(), 3u);
    const auto gmm = read_result_file(testing::fixture("reports/gmm.json"));
    ASSERT_EQ(gmm.size(), 1u);
    EXPECT_EQ(gmm[0].estimator, "sys-gmm");
    EXPECT_EQ(read_result_files({testing::fixture("reports/models.json"), testing::fixture("reports/gmm.json")}).size(),
              4u);
}

TEST(ResultFiles, ErrorsNameTheFile) {
    const std::string dir = testing::temp_dir();
    std::ofstream(dir + "/broken.json") << "{\"coef\": [";
    std::ofstream(dir + "/other.json") << "{\"a\": 1}";
    std::ofstream(dir + "/empty.json") << "[]";
    for (const std::string name : {"broken.json", "other.json", "empty.json", "missing.json"}) {
        try {
            read_result_file(dir + "/" + name);
            ADD_FAILURE() << name << " was accepted";
        } catch (const Error& e) {
            EXPECT_NE(std::string(e.what()).find(name), std::string::npos) << e.what();
        }
    }
}

}  // namespace gvcpanel::cli
