// `gvcpanel fit --help` lists every estimator, covariance type and formula function from the
// registries the program runs on; `gvcpanel help formula` prints docs/formula.md.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "cli/formula_doc.hpp"
#include "cli/run_model.hpp"
#include "estimators/inference/vcov_spec.hpp"
#include "models/formula_functions.hpp"
#include "support/paths.hpp"

namespace gvcpanel::testing {
namespace {

struct Run {
    int status = -1;
    std::string out, err;
};

std::string slurp(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

Run gvcpanel(const std::string& args) {
    const std::string dir = temp_dir(), out = dir + "/out.txt", err = dir + "/err.txt";
    const int raw = std::system((program() + " " + args + " >" + out + " 2>" + err).c_str());
    return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, slurp(out), slurp(err)};
}

// The line of `text` that starts (after indentation) with `start`, or "".
std::string line_starting(const std::string& text, const std::string& start) {
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);)
        if (line.find_first_not_of(' ') != std::string::npos && line.substr(line.find_first_not_of(' ')).rfind(start, 0) == 0)
            return line;
    return "";
}

TEST(HelpCommand, FitHelpListsEveryEstimatorCovarianceAndFunctionWithItsLine) {
    const auto run = gvcpanel("fit --help");
    ASSERT_EQ(run.status, 0) << run.err;
    for (const auto& estimator : cli::estimator_catalog()) {
        const auto line = line_starting(run.out, estimator.name + " ");
        EXPECT_NE(line.find(estimator.summary), std::string::npos) << "estimator " << estimator.name << "\n" << run.out;
    }
    for (const auto& form : estimators::inference::vcov_forms()) {
        const auto line = line_starting(run.out, std::string(form.usage));
        EXPECT_NE(line.find(std::string(form.summary)), std::string::npos) << "vcov " << form.usage << "\n" << run.out;
        for (const auto keyword : form.keywords) EXPECT_NE(line.find(std::string(keyword)), std::string::npos) << line;
    }
    for (const auto& function : models::formula_functions()) {
        const auto line = line_starting(run.out, std::string(function.usage));
        EXPECT_NE(line.find(std::string(function.summary)), std::string::npos)
            << "function " << function.usage << "\n" << run.out;
    }
    EXPECT_NE(run.out.find("gvcpanel help formula"), std::string::npos);
}

TEST(HelpCommand, HelpFormulaPrintsTheFormulaDocument) {
    const auto run = gvcpanel("help formula");
    ASSERT_EQ(run.status, 0) << run.err;
    EXPECT_EQ(run.out, cli::kFormulaDoc);
    EXPECT_NE(run.out.find("# The model formula"), std::string::npos);
    EXPECT_NE(run.out.find("i(var, ref = L)"), std::string::npos);
    EXPECT_NE(run.out.find("industry^year"), std::string::npos);
}

TEST(HelpCommand, UnknownTopicIsAnErrorNamingTheTopics) {
    const auto run = gvcpanel("help formulas");
    EXPECT_EQ(run.status, 1);
    EXPECT_NE(run.err.find("unknown help topic 'formulas'"), std::string::npos) << run.err;
    EXPECT_NE(run.err.find("did you mean 'formula'"), std::string::npos) << run.err;
    const auto topics = gvcpanel("help");
    EXPECT_EQ(topics.status, 0);
    EXPECT_NE(topics.out.find("formula"), std::string::npos);
}

TEST(HelpCommand, AnUnknownFunctionInAFitNamesTheFunctions) {
    const auto run = gvcpanel("fit --data " + reference_data("grunfeld.csv") + " --model \"inv ~ lgo(value)\"");
    EXPECT_EQ(run.status, 1);
    EXPECT_NE(run.err.find("unknown function 'lgo'"), std::string::npos) << run.err;
    EXPECT_NE(run.err.find("i(var"), std::string::npos) << run.err;
    EXPECT_NE(run.err.find("l(x, k)"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace gvcpanel::testing
