#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/commands.hpp"
#include "data/error.hpp"
#include "support/paths.hpp"

namespace gvcpanel::cli {

namespace {

std::string read_file(const std::string& path) {
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// A path in single quotes, for a shell command.
std::string quoted(const std::string& path) {
    std::string text(1, '\'');
    text += path;
    text += '\'';
    return text;
}

std::string models() { return testing::fixture("reports/models.json"); }

}  // namespace

TEST(TableCommand, WritesTheGoldenTableFromSavedResults) {
    const std::string dir = testing::temp_dir();
    std::ofstream(dir + "/labels.csv") << read_file(testing::fixture("reports/labels.csv")) << "lp,Labour prod.\n";
    ASSERT_EQ(run_table({testing::fixture("reports/models.json"), testing::fixture("reports/models_lp.json"),
                         "--panel", "Panel A: All firms", "Panel B: Exporters", "--titles", "Pooled", "Firm FE",
                         "Two-way FE", "--group", "OLS:1", "Fixed effects:2", "--labels", dir + "/labels.csv", "--out",
                         dir + "/table.txt"}),
              0);
    EXPECT_EQ(read_file(dir + "/table.txt"), read_file(testing::fixture("reports/table_panels.txt")));
}

TEST(TableCommand, OptionsReachTheTable) {
    const std::string out = testing::temp_dir() + "/table.csv";
    ASSERT_EQ(run_table({models(), testing::fixture("reports/gmm.json"), "--format", "csv", "--stars", "none",
                         "--digits", "2", "--keep", "export_share", "lagged.*", "--rename", "l(tfp,1)=lagged tfp",
                         "--stats", "nobs", "test:hansen:p", "--estimator-row", "no", "--out", out}),
              0);
    EXPECT_EQ(read_file(out),
              ",(1),(2),(3),(4)\n"
              "Dependent variable,tfp,tfp,tfp,tfp\n"
              "export_share,0.51,0.31,0.30,0.15\n"
              ",(0.05),(0.12),(0.16),(0.09)\n"
              "lagged tfp,,,,0.62\n"
              ",,,,(0.08)\n"
              "Firm FE,No,Yes,Yes,No\n"
              "Year FE,No,No,Yes,No\n"
              "Observations,1200,1200,1180,1062\n"
              "Hansen J p-value,,,,0.68\n"
              "Standard errors in parentheses: (1) heteroskedasticity-robust (HC1); (2)-(3) clustered by firm; (4) "
              "heteroskedasticity-robust (HC1).,,,,\n");
}

TEST(TableCommand, EstimatorRowOnRequest) {
    const std::string out = testing::temp_dir() + "/table.csv";
    ASSERT_EQ(run_table({models(), "--format", "csv", "--out", out}), 0);
    EXPECT_EQ(read_file(out).find("Estimator,"), std::string::npos) << "all OLS: no row unless asked";
    ASSERT_EQ(run_table({models(), "--format", "csv", "--estimator-row", "yes", "--out", out}), 0);
    EXPECT_NE(read_file(out).find("Estimator,OLS,OLS,OLS\n"), std::string::npos) << read_file(out);
}

TEST(TableCommand, MistakesAreErrorsThatSayWhat) {
    EXPECT_THROW(run_table({}), Error);
    EXPECT_THROW(run_table({models(), "--format", "docx"}), Error);
    EXPECT_THROW(run_table({models(), "--rename", "nothing"}), Error);
    EXPECT_THROW(run_table({models(), "--group", "OLS:x"}), Error);
    EXPECT_THROW(run_table({models(), "--panel", "A", "B"}), Error);
    EXPECT_THROW(run_table({testing::fixture("reports/labels.csv")}), Error);
    EXPECT_THROW(run_table({models(), "--stats", "r2_withn"}), Error);
    EXPECT_THROW(run_table({models(), "--estimator-row", "maybe"}), Error);
}

TEST(TableCommand, TheProgramRunsItAndWritesJsonToStandardOutput) {
    const std::string out = testing::temp_dir() + "/table.json";
    const std::string command = quoted(testing::program()) + " table " + quoted(models()) + " --format json > " + quoted(out);
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
    const auto json = nlohmann::json::parse(read_file(out));
    EXPECT_EQ(json.at("columns"), 3);
    const std::string bad = quoted(testing::program()) + " table " + quoted(models()) + " --format docx 2> /dev/null";
    EXPECT_NE(std::system(bad.c_str()), 0);
}

}  // namespace gvcpanel::cli
