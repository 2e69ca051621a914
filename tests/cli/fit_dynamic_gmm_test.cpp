// `gvcpanel fit` with dynamic GMM on the simulated panel: standard output holds the result and
// nothing else (issue 16: an entity with level rows only once made OpenBLAS print 110 lines of
// "** On entry to DGEMV parameter number 6 had an illegal value" into the JSON; entities without any
// equation did the same in difference GMM), and `robust` is
// described as what it is, clustered by the panel's entity (it was labelled HC1).
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>

#include "support/paths.hpp"

namespace gvcpanel::testing {
namespace {

std::string read_text(const std::string& path) {
    std::ifstream in(path);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

int run(const std::string& command) {
    const int status = std::system(command.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

const std::string kModel =
    " --estimator sys-gmm --panel firm,year"
    " --model \"upgrading_index ~ l(upgrading_index,1) + local_sourcing + export_share + i(year)\""
    " --gmm \"upgrading_index:2-4\" --collapse --vcov robust";

// The panel, simulated once for the tests of this file.
const std::string& simulated_panel() {
    static const std::string path = [] {
        const std::string data = temp_dir() + "/panel.csv";
        EXPECT_EQ(run(program() + " simulate --firms 1000 --years 16 --seed 7 --out " + data + " 2>/dev/null"), 0);
        return data;
    }();
    return path;
}

TEST(FitDynamicGmm, StandardOutputIsExactlyOneJsonDocument) {
    const std::string dir = temp_dir(), out = dir + "/out.json";
    ASSERT_EQ(run(program() + " fit --data " + simulated_panel() + kModel + " --two-step --format json >" + out +
                  " 2>" + dir + "/err.txt"),
              0)
        << read_text(dir + "/err.txt");
    const std::string text = read_text(out);
    // One document: parse() refuses anything before or after it (such as xerbla's lines).
    nlohmann::json result;
    ASSERT_NO_THROW(result = nlohmann::json::parse(text)) << text.substr(0, 200);
    ASSERT_TRUE(result.is_object());
    EXPECT_EQ(result.at("estimator"), "sys-gmm");
    EXPECT_EQ(text.find("On entry to"), std::string::npos);
}

TEST(FitDynamicGmm, EntitiesWithoutEquationsAddNothing) {
    // Difference GMM on the same panel: firms with too few years for l(y,1) and its instruments have
    // no equation at all; their 0-row products reached dgemv (illegal argument 6, an abort).
    const std::string dir = temp_dir(), out = dir + "/diff.json";
    ASSERT_EQ(run(program() + " fit --data " + simulated_panel() +
                  " --estimator diff-gmm --panel firm,year"
                  " --model \"upgrading_index ~ l(upgrading_index,1) + local_sourcing + export_share\""
                  " --gmm \"upgrading_index:2-4\" --vcov robust --format json >" + out + " 2>" + dir + "/err.txt"),
              0)
        << read_text(dir + "/err.txt");
    nlohmann::json result;
    ASSERT_NO_THROW(result = nlohmann::json::parse(read_text(out)));
    EXPECT_EQ(result.at("estimator"), "diff-gmm");
    EXPECT_TRUE(result.at("converged").get<bool>());
}

TEST(FitDynamicGmm, RobustIsDescribedAsClusteredByTheEntity) {
    const std::string dir = temp_dir();
    ASSERT_EQ(run(program() + " fit --data " + simulated_panel() + kModel + " >" + dir + "/one.txt"), 0);
    EXPECT_NE(read_text(dir + "/one.txt").find("Standard errors: clustered by firm, one-step robust (1000 firm clusters)"),
              std::string::npos)
        << read_text(dir + "/one.txt");
    ASSERT_EQ(run(program() + " fit --data " + simulated_panel() + kModel + " --two-step --format json >" + dir +
                  "/two.json"),
              0);
    ASSERT_EQ(run(program() + " table " + dir + "/two.json >" + dir + "/table.txt"), 0);
    const std::string table = read_text(dir + "/table.txt");
    EXPECT_NE(table.find("clustered by firm, Windmeijer-corrected two-step"), std::string::npos) << table;
    EXPECT_EQ(table.find("HC1"), std::string::npos) << table;
}

}  // namespace
}  // namespace gvcpanel::testing
