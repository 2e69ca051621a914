// `gvcpanel batch` end to end through the built program: a bad specification fails alone (its error
// in the store, with the position of a bad filter), the exit status counts failures, a rerun skips
// what is stored, a batch killed with SIGKILL resumes to the same store as an uninterrupted run, and
// the specification curve marks the primary specification.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "reports/plot_spec_curve.hpp"
#include "support/paths.hpp"
#include "support/svg_dots.hpp"

namespace gvcpanel::cli {
namespace {

using Json = nlohmann::ordered_json;

constexpr int kSomeFailed = 4;  // cli/batch.cpp: the status when some specifications failed

int run_batch(const std::string& dir, const std::string& arguments) {
    const int status = std::system((testing::program() + " batch " + arguments + " >> " + dir + "/log.txt 2>&1").c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::vector<Json> store_lines(const std::string& path) {
    std::vector<Json> lines;
    std::ifstream in(path);
    for (std::string line; std::getline(in, line);) lines.push_back(Json::parse(line));
    return lines;
}

std::string write_spec(const std::string& dir, const std::string& text) {
    const std::string path = dir + "/spec.toml";
    std::ofstream(path) << text;
    return path;
}

const char* const kFaulty = R"(
simulate = { firms = 200, years = 8, seed = 3 }
panel = "firm,year"
[defaults]
vcov = "cluster:firm"
interest = ["export_share"]
[[model]]
name = "good"
outcome = "log_tfp"
terms = "export_share + size"
fixed_effects = ["firm + year", "firm"]
[[model]]
name = "bad filter"
formula = "log_tfp ~ export_share | firm"
subset = "year >= && size > 0"
[[model]]
name = "bad column"
formula = "log_tfp ~ export_sharez | firm"
)";

TEST(BatchCommand, OneBadSpecificationFailsAlone) {
    const auto dir = testing::temp_dir();
    EXPECT_EQ(run_batch(dir, write_spec(dir, kFaulty) + " --out " + dir + "/out --jobs 2"), kSomeFailed);
    const auto lines = store_lines(dir + "/out/results.jsonl");
    ASSERT_EQ(lines.size(), 4u);
    std::map<std::string, Json> by_model;
    for (const auto& line : lines) by_model[line["spec"]["model"].get<std::string>()] = line;
    EXPECT_TRUE(by_model["good"].contains("coef"));
    EXPECT_FALSE(by_model["good"].contains("error"));
    ASSERT_TRUE(by_model["bad filter"].contains("error"));
    const auto filter_error = by_model["bad filter"]["error"].get<std::string>();
    EXPECT_NE(filter_error.find('^'), std::string::npos) << filter_error;  // a caret under the position
    ASSERT_TRUE(by_model["bad column"].contains("error"));
    EXPECT_NE(by_model["bad column"]["error"].get<std::string>().find("export_sharez"), std::string::npos);
    EXPECT_TRUE(std::filesystem::exists(dir + "/out/spec_curve.png"));
    EXPECT_TRUE(std::filesystem::exists(dir + "/out/manifest.json"));
    EXPECT_TRUE(std::filesystem::exists(dir + "/out/table_good.tex"));

    // A rerun estimates nothing: the failures are stored too.
    EXPECT_EQ(run_batch(dir, dir + "/spec.toml --out " + dir + "/out"), kSomeFailed);
    EXPECT_EQ(store_lines(dir + "/out/results.jsonl").size(), 4u);
}

const char* const kMany = R"(
simulate = { firms = 1500, years = 12, seed = 5 }
panel = "firm,year"
[defaults]
interest = ["export_share"]
[[model]]
outcome = ["log_tfp", "log_unit_value"]
terms = "export_share + fdi_share"
csw0 = ["size", "capital_intensity", "age"]
fixed_effects = ["firm + year", "firm + industry^year", "firm"]
vcov = ["cluster:firm", "hc1", "iid"]
)";

TEST(BatchCommand, KilledBatchResumesWithNothingLostOrDuplicated) {
    const auto dir = testing::temp_dir();
    const auto spec = write_spec(dir, kMany);
    const std::string killed = dir + "/killed";
    const std::string store = killed + "/results.jsonl";
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        ::execl(testing::program().c_str(), "gvcpanel", "batch", spec.c_str(), "--out", killed.c_str(), "--jobs", "1",
                static_cast<char*>(nullptr));
        ::_exit(127);
    }
    // Kill it once a few specifications are stored (and before all 72 are).
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    std::size_t stored = 0;
    while (std::chrono::steady_clock::now() < deadline) {
        std::ifstream in(store);
        stored = static_cast<std::size_t>(std::count(std::istreambuf_iterator<char>(in), {}, '\n'));
        if (stored >= 5) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status)) << "the batch ended before it could be killed";
    const auto partial = store_lines(store).size();  // whole lines only: a torn line would not parse
    ASSERT_GT(partial, 0u);
    ASSERT_LT(partial, 72u);

    EXPECT_EQ(run_batch(dir, spec + " --out " + killed + " --jobs 2"), 0);
    EXPECT_EQ(run_batch(dir, spec + " --out " + dir + "/whole --jobs 2"), 0);
    std::map<std::string, Json> resumed;
    for (const auto& line : store_lines(store)) {
        const auto id = line["id"].get<std::string>();
        EXPECT_FALSE(resumed.count(id)) << "stored twice: " << id;
        resumed[id] = line;
    }
    std::map<std::string, Json> whole;
    for (const auto& line : store_lines(dir + "/whole/results.jsonl")) whole[line["id"].get<std::string>()] = line;
    ASSERT_EQ(resumed.size(), 72u);
    ASSERT_EQ(whole.size(), 72u);
    for (const auto& [id, line] : whole) {
        ASSERT_TRUE(resumed.count(id)) << id;
        ASSERT_TRUE(line.contains("coef")) << id << ": " << line.value("error", "");
        EXPECT_FALSE(line["coef"].empty()) << id;
        EXPECT_EQ(resumed[id], line) << id;
    }
}

const char* const kPrimary = R"(
simulate = { firms = 200, years = 6, seed = 2 }
panel = "firm,year"
[defaults]
interest = ["export_share"]
[[model]]
primary = true
outcome = "log_tfp"
terms = "export_share"
csw0 = ["size", "age"]
fixed_effects = ["firm + year", "firm"]
vcov = ["cluster:firm", "hc1"]
)";

TEST(BatchCommand, SpecificationCurveMarksThePrimarySpecification) {
    const auto dir = testing::temp_dir();
    ASSERT_EQ(run_batch(dir, write_spec(dir, kPrimary) + " --out " + dir + "/out"), 0);
    // The curve sorts by estimate, ties in file order; the primary one is the first specification,
    // so its dot is preceded by exactly the estimates below its own.
    std::vector<double> estimates;
    double primary = 0;
    for (const auto& line : store_lines(dir + "/out/results.jsonl"))
        for (const auto& coef : line["coef"])
            if (coef["name"] == "export_share") {
                estimates.push_back(coef["estimate"].get<double>());
                if (line["spec"]["primary"].get<bool>()) primary = estimates.back();
            }
    ASSERT_EQ(estimates.size(), 12u);
    const auto rank = std::count_if(estimates.begin(), estimates.end(), [&](double e) { return e < primary; });

    const auto dots = testing::svg_dots(testing::read_text(dir + "/out/spec_curve.svg"), reports::kPrimaryColor);
    ASSERT_EQ(dots.size(), estimates.size());
    std::vector<double> xs;
    double marked_x = 0;
    for (const auto& dot : dots) {
        xs.push_back(dot.x);
        if (dot.marked) marked_x = dot.x;
    }
    EXPECT_EQ(std::count_if(dots.begin(), dots.end(), [](const testing::SvgDot& dot) { return dot.marked; }), 1);
    std::sort(xs.begin(), xs.end());
    EXPECT_EQ(std::find(xs.begin(), xs.end(), marked_x) - xs.begin(), rank);
}

TEST(BatchCommand, DryRunListsIdsWithoutEstimating) {
    const auto dir = testing::temp_dir();
    const std::string log = dir + "/log.txt";
    EXPECT_EQ(run_batch(dir, write_spec(dir, kFaulty) + " --out " + dir + "/out --dry-run"), 0);
    std::ifstream in(log);
    std::stringstream text;
    text << in.rdbuf();
    EXPECT_NE(text.str().find("4 specifications"), std::string::npos) << text.str();
    EXPECT_FALSE(std::filesystem::exists(dir + "/out/results.jsonl"));
}

}  // namespace
}  // namespace gvcpanel::cli
