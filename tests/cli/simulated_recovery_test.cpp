// Every recovery formula of the simulated panel's truth file runs through `gvcpanel fit` exactly as
// written and recovers its parameters within sampling error. An entry is any object of the truth
// JSON with a `recovered_by` member {estimator, formula, options, parameters} (docs/simulated-panel.md),
// so entries added to the simulated panel later are checked without touching this test.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/paths.hpp"

namespace gvcpanel::testing {
namespace {

// Sampling error: |estimate - truth| within four standard errors (two-sided 6e-5 per parameter under
// normality, so with about 60 parameters on the fixed seed-1 panel a failure means a bias, not chance).
constexpr double kSamplingSe = 4.0;

std::string read_text(const std::string& path) {
    std::ifstream in(path);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::string shell_quoted(const std::string& text) {
    std::string out = "'";
    for (const char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

struct Entry {
    std::string where;            // path of the entry in the truth JSON, for messages
    nlohmann::json recovered_by;
};

// Every object with a `recovered_by` member, depth first.
void collect(const nlohmann::json& node, const std::string& where, std::vector<Entry>& out) {
    if (node.is_object()) {
        if (node.contains("recovered_by")) out.push_back({where, node.at("recovered_by")});
        for (const auto& [key, value] : node.items()) collect(value, where + "/" + key, out);
    } else if (node.is_array()) {
        for (std::size_t i = 0; i < node.size(); ++i) collect(node[i], where + "/" + std::to_string(i), out);
    }
}

// "--a b --c" -> {"--a", "b", "--c"}: the truth file's options are separated by single spaces.
std::vector<std::string> split_options(const std::string& options) {
    std::vector<std::string> out;
    std::istringstream in(options);
    for (std::string word; in >> word;) out.push_back(word);
    return out;
}

TEST(SimulatedRecovery, EveryFormulaOfTheTruthFileRunsAsWrittenAndRecoversItsParameters) {
    const std::string dir = temp_dir();
    const std::string cd = "cd " + shell_quoted(dir) + " && ";
    ASSERT_EQ(std::system((cd + shell_quoted(program()) + " simulate --out panel.csv >/dev/null 2>&1").c_str()), 0);
    std::vector<Entry> entries;
    collect(read_json(dir + "/panel.truth.json"), "", entries);
    ASSERT_GE(entries.size(), 6u) << "the panel's six outcomes each name their recovery";

    for (std::size_t k = 0; k < entries.size(); ++k) {
        const auto& [where, recovery] = entries[k];
        SCOPED_TRACE(where + ": " + recovery.dump());
        std::string command = cd + shell_quoted(program()) + " fit --data panel.csv --estimator " +
                              shell_quoted(recovery.at("estimator").get<std::string>()) + " --model " +
                              shell_quoted(recovery.at("formula").get<std::string>());
        for (const auto& option : split_options(recovery.at("options").get<std::string>()))
            command += " " + shell_quoted(option);
        const std::string result = "result" + std::to_string(k) + ".json", errors = "errors" + std::to_string(k);
        command += " --format json --out " + result + " >/dev/null 2>" + errors;
        const int status = std::system(command.c_str());
        ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << command << "\n" << read_text(dir + "/" + errors);

        const auto fit = read_json(dir + "/" + result);
        const auto& parameters = recovery.at("parameters");
        ASSERT_FALSE(parameters.empty()) << "an entry names the parameters its formula recovers";
        for (const auto& [name, truth] : parameters.items()) {
            const nlohmann::json* row = nullptr;
            for (const char* part : {"coef", "ancillary"})
                if (fit.contains(part) && fit.at(part).is_array())
                    for (const auto& r : fit.at(part))
                        if (r.at("name") == name) row = &r;
            ASSERT_NE(row, nullptr) << name << " is not a row of the result";
            const double estimate = row->at("estimate").get<double>(), se = row->at("se").get<double>();
            ASSERT_TRUE(std::isfinite(se) && se > 0) << name << " has no standard error";
            EXPECT_LE(std::abs(estimate - truth.get<double>()), kSamplingSe * se)
                << name << ": estimate " << estimate << ", truth " << truth.get<double>() << ", se " << se
                << " (z = " << (estimate - truth.get<double>()) / se << ")";
        }
    }
}

}  // namespace
}  // namespace gvcpanel::testing
