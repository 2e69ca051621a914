// Results that would look valid and are not: a constant outcome, an outcome the fixed effects
// explain, no residual degrees of freedom, fewer observations than coefficients, a single
// observation, variables of extreme magnitude. Through the program, for every estimator family:
// each is an error that says what is degenerate (or, for an outcome the regressors explain
// exactly, a result without t statistics, p-values or stars), and nothing internal-sounding or
// from a library ("internal error", "warning:", "Estimate::") reaches the terminal.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/paths.hpp"
#include "support/run_program.hpp"

namespace gvcpanel::testing {
namespace {

ProgramRun fit(const std::string& arguments) { return run_program("fit " + arguments); }

void expect_nothing_internal(const ProgramRun& run) {
    for (const char* word : {"internal error", "warning:", "Estimate::", "pivoted QR", "solve()", "rank()"})
        EXPECT_EQ(run.err.find(word), std::string::npos) << "'" << word << "' in: " << run.err;
}

// 30 entities x 5 periods: x1, x2, z vary; y_const is 3 everywhere; y_entity is constant within
// each entity; count and binary outcomes; y_exact = 1 + 2 x1 exactly; huge_x = x1 * 1e300; weights
// with one of 1e300; a count of 1e300; tiny_x = x1 * 1e-300 and y_tiny = y * 1e-300.
std::string write_panel(const std::string& dir) {
    const std::string path = dir + "/panel.csv";
    std::ofstream file(path);
    file.precision(17);  // y_exact = 1 + 2 x1 holds to one rounding as read back
    file << "id,t,x1,x2,z,y,y_const,y_entity,count_entity,y_exact,huge_x,w_huge,count_huge,binary,tiny_x,y_tiny\n";
    for (int i = 1; i <= 30; ++i)
        for (int t = 1; t <= 5; ++t) {
            const double x1 = std::sin(i * 1.3 + t * 0.7), x2 = std::cos(i * 0.4 - t * 1.1);
            const double z = x1 + 0.5 * std::sin(i * t * 0.9), y = 1 + x1 - 0.5 * x2 + 0.3 * std::sin(i * 7.1 + t * 3.3);
            file << i << ',' << t << ',' << x1 << ',' << x2 << ',' << z << ',' << y << ",3," << i * 0.5 << ','
                 << i % 4 + 1 << ',' << 1 + 2 * x1 << ',' << x1 * 1e300 << ',' << (i == 1 && t == 1 ? 1e300 : 1.0)
                 << ',' << (i == 2 && t == 2 ? 1e300 : (i + t) % 5) << ',' << (y > 1 ? 1 : 0) << ',' << x1 * 1e-300 << ',' << y * 1e-300 << '\n';
        }
    return path;
}

struct Case {
    std::string arguments;
    std::string message;  // what the error must say
};

TEST(DegenerateFit, EachDegenerateModelIsAnErrorSayingWhatIsDegenerate) {
    const std::string dir = temp_dir(), data = "--data " + write_panel(dir) + " --panel id,t ";
    std::ofstream(dir + "/one.csv") << "id,t,y,x1,x2\n1,1,2.5,1,3\n";
    std::ofstream(dir + "/three.csv") << "id,t,y,x1,x2,z\n1,1,2.5,1,3,1\n2,1,3.5,2,1,5\n3,1,1.5,4,2,2\n";
    const std::string constant = "the outcome 'y_const' does not vary in the estimation sample (every value is 3)";
    const std::vector<Case> cases = {
        {"--model \"y_const ~ x1 + x2\"", constant},
        {"--model \"y_const ~ x1 + x2\" --estimator re", "re: " + constant},
        {"--model \"y_const ~ x1 + x2\" --estimator be", constant},
        {"--model \"y_const ~ x1 + x2\" --estimator fd", "first differences are all zero"},
        {"--model \"y_const ~ x1 + x2 | id\"", constant},
        {"--model \"y_const ~ x1 | x2 ~ z\"", "2sls: " + constant},
        {"--model \"y_const ~ x1 | x2 ~ z\" --estimator liml", "liml: " + constant},
        {"--model \"y_const ~ x1 + x2\" --estimator poisson", "the outcome 'y_const' does not vary"},
        {"--model \"y_const ~ x1 + x2 | id\" --estimator poisson", "poisson: " + constant},
        {"--model \"y_const ~ x1 + x2\" --estimator tobit", "the outcome 'y_const' does not vary"},
        {"--model \"y_const ~ x1 + x2\" --estimator negbin", "the outcome 'y_const' does not vary"},
        {"--model \"y_const ~ l(y_const, 1) + x1\" --estimator diff-gmm --gmm \"y_const:2-3\"",
         "the outcome 'y_const' does not vary"},
        {"--model \"y_entity ~ x1 + x2 | id\"", "does not vary within the levels of 'id'"},
        {"--model \"y_entity ~ x1 + x2\" --estimator fd", "first differences are all zero"},
        {"--model \"count_entity ~ x1 + x2 | id\" --estimator poisson",
         "poisson: the outcome 'count_entity' does not vary within the levels of 'id'"},
        {"--model \"y_entity ~ x1 | id | x2 ~ z\"", "does not vary within the levels of 'id'"},
        {"--model \"huge_x ~ x2\"", "the outcome 'huge_x' reaches"},
        {"--model \"y ~ huge_x + x2\"", "the regressor 'huge_x' reaches"},
        {"--model \"y ~ huge_x + x2 | id\" --vcov cluster:id", "the regressor 'huge_x' reaches"},
        {"--model \"y ~ x2 | huge_x ~ z\"", "the regressor 'huge_x' reaches"},
        {"--model \"y ~ x1 | x2 ~ huge_x\"", "the instrument 'huge_x' reaches"},
        {"--model \"y ~ x1 + x2\" --weights w_huge", "the weights reach 1e+300"},
        {"--model \"y ~ x1 + x2\" --weights w_huge --estimator tobit", "the weights reach 1e+300"},
        {"--model \"count_huge ~ x1 + x2\" --estimator poisson", "the outcome 'count_huge' reaches 1e+300"},
        {"--model \"count_huge ~ x1 + x2 | id\" --estimator poisson", "the outcome 'count_huge' reaches 1e+300"},
        {"--model \"count_huge ~ x1 + x2\" --estimator negbin", "the outcome 'count_huge' reaches 1e+300"},
        {"--model \"binary ~ huge_x + x2\" --estimator logit", "the regressor 'huge_x' reaches"},
        {"--model \"y ~ tiny_x + x2\"", "the regressor 'tiny_x' reaches at most"},
        {"--model \"y ~ tiny_x + x2 | id\"", "the regressor 'tiny_x' reaches at most"},
        {"--model \"binary ~ tiny_x + x2\" --estimator logit", "the regressor 'tiny_x' reaches at most"},
        {"--model \"y_tiny ~ x1 + x2\"", "the outcome 'y_tiny' reaches at most"},
        {"--model \"y ~ x1 | x2 ~ tiny_x\"", "the instrument 'tiny_x' reaches at most"},
    };
    for (const auto& [arguments, message] : cases) {
        SCOPED_TRACE(arguments);
        const ProgramRun run = fit(data + arguments);
        EXPECT_EQ(run.status, 1);
        EXPECT_NE(run.err.find(message), std::string::npos) << run.err << run.out;
        expect_nothing_internal(run);
    }

    const std::vector<Case> small = {
        {"--data " + dir + "/one.csv --model \"y ~ x1\"", "the outcome 'y' has a single observation"},
        {"--data " + dir + "/one.csv --model \"y ~ x1 + x2\" --estimator poisson", "1 observations for 3 coefficients"},
        {"--data " + dir + "/three.csv --model \"y ~ x1 + x2 + I(x1^2)\"", "3 observations for 4 coefficients"},
        {"--data " + dir + "/three.csv --model \"y ~ x1 + x2\"",
         "ols: 3 observations for 3 coefficients: no residual degrees of freedom"},
        {"--data " + dir + "/three.csv --model \"y ~ x1 + x2\" --vcov hc1", "no residual degrees of freedom"},
        {"--data " + dir + "/three.csv --model \"y ~ x1 | x2 ~ z\"", "3 observations for 3 instruments"},
    };
    for (const auto& [arguments, message] : small) {
        SCOPED_TRACE(arguments);
        const ProgramRun run = fit(arguments);
        EXPECT_EQ(run.status, 1);
        EXPECT_NE(run.err.find(message), std::string::npos) << run.err << run.out;
        expect_nothing_internal(run);
    }
}

// Entities of the simulated (unbalanced) panel with too few consecutive years have no usable row,
// or no differenced row, in a dynamic GMM with one lag; their empty products used to reach the
// BLAS, which printed "On entry to DGEMV parameter number 6 had an illegal value" (60 times for
// diff-gmm, 40 for sys-gmm) on standard output, in the middle of the result. They add nothing to
// the fit and nothing is printed.
TEST(DegenerateFit, NoLibraryMessageReachesTheTerminal) {
    const std::string dir = temp_dir(), path = dir + "/simulated.csv";
    ASSERT_EQ(std::system((program() + " simulate --firms 300 --years 12 --seed 2 --out " + path + " >/dev/null").c_str()), 0);
    for (const char* estimator : {"diff-gmm", "sys-gmm"}) {
        SCOPED_TRACE(estimator);
        const ProgramRun run = fit("--data " + path + " --panel firm,year --model \"log_tfp ~ l(log_tfp, 1) + size\" "
                                 "--estimator " + estimator + " --gmm \"log_tfp:2-4\" --two-step");
        EXPECT_EQ(run.status, 0) << run.err;
        EXPECT_EQ(run.out.find("On entry to"), std::string::npos) << run.out;
        EXPECT_EQ(run.err.find("On entry to"), std::string::npos) << run.err;
        expect_nothing_internal(run);
    }
}

// An outcome the regressors explain exactly is estimated (the coefficients are exact), but its
// standard errors are rounding noise: no t statistic, p-value, F test or star.
TEST(DegenerateFit, AnExactFitHasNoTestsAndNoStars) {
    const std::string dir = temp_dir(), data = "--data " + write_panel(dir) + " --panel id,t ";
    for (const std::string model : {"--model \"y_exact ~ x1 + x2\"", "--model \"y_exact ~ x1 + x2\" --vcov hc1"}) {
        SCOPED_TRACE(model);
        const ProgramRun text = fit(data + model);
        ASSERT_EQ(text.status, 0) << text.err;
        const std::string codes = "Signif. codes: ";
        EXPECT_EQ(text.out.find('*', text.out.find("x1")), text.out.find(codes) + codes.size()) << text.out;
        EXPECT_NE(text.err.find("the model fits the outcome exactly"), std::string::npos) << text.err;
        const ProgramRun json = fit(data + model + " --format json");
        ASSERT_EQ(json.status, 0);
        const auto result = nlohmann::json::parse(json.out);
        for (const auto& row : result["coef"]) {
            EXPECT_TRUE(row["stat"].is_null()) << row;
            EXPECT_TRUE(row["p"].is_null()) << row;
        }
        EXPECT_NEAR(result["coef"][1]["estimate"].get<double>(), 2.0, 1e-12);
        EXPECT_TRUE(result["stats"]["f_p"].is_null());
        expect_nothing_internal(text);
    }
}

}  // namespace
}  // namespace gvcpanel::testing
