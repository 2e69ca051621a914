// The threshold search against a brute-force R implementation that refits the within regression from
// scratch at every candidate (tests/fixtures/threshold/threshold_reference.R): thresholds, their
// likelihood-ratio regions and curves, the F statistics, for one to three thresholds, a grid, two
// regime-dependent regressors, weights, an unbalanced panel and Grunfeld's data. Then the bootstrap's
// invariance to the thread count and its behaviour on data with and without a threshold.
#include <gtest/gtest.h>

#include <map>
#include <omp.h>

#include "data/error.hpp"
#include "data/random.hpp"
#include "data/read.hpp"
#include "estimators/threshold/threshold.hpp"
#include "support/compare.hpp"
#include "support/paths.hpp"

namespace gvcpanel::estimators::threshold {
namespace {

using gvcpanel::testing::kCoefRtol;

// Thresholds are values of q: the search must pick the same one, so they agree to rounding.
constexpr double kGammaRtol = 1e-10;
// Sums of squares by updated cross-products against refitted QR: F and LR are ratios of SSR
// differences and carry the same relative error as the SSR (~1e-13 here); 1e-8 as coefficients.
constexpr double kSsrRtol = kCoefRtol;

ThresholdInput input_of(const data::Frame& frame, const nlohmann::json& call, const std::string& outcome,
                        bool keep_rows) {
    std::vector<std::size_t> rows;
    for (std::size_t i = 0; i < frame.rows(); ++i)
        if (!keep_rows || frame.column("keep").number(i) == 1) rows.push_back(i);
    const auto column = [&](const std::string& name) {
        arma::vec v(rows.size());
        for (std::size_t i = 0; i < rows.size(); ++i) v[i] = frame.column(name).number(rows[i]);
        return v;
    };
    const auto columns = [&](const nlohmann::json& names) {
        arma::mat M(rows.size(), 0);
        if (names.is_string()) return arma::mat(column(names.get<std::string>()));
        if (names.is_array())
            for (const auto& name : names) M = arma::join_rows(M, column(name.get<std::string>()));
        return M;
    };
    ThresholdInput in;
    in.y = column(outcome);
    in.X = columns(call["X"]);
    in.R = columns(call["R"]);
    in.q = column(call["q"].get<std::string>());
    std::map<double, std::int32_t> codes;
    for (const double id : column(call["id"].get<std::string>())) codes.emplace(id, 0);
    std::int32_t next = 0;
    for (auto& [id, code] : codes) code = next++;
    for (const double id : column(call["id"].get<std::string>())) in.entity.push_back(codes[id]);
    in.entities = next;
    if (call["weighted"].get<bool>()) in.weights = column("w");
    return in;
}

ThresholdOptions options_of(const nlohmann::json& call) {
    ThresholdOptions options;
    options.thresholds = call["m"].get<int>();
    options.trim = call["trim"].get<double>();
    options.grid = call["grid"].get<std::size_t>();
    return options;
}

std::vector<double> numbers(const nlohmann::json& value) {
    if (value.is_array()) return value.get<std::vector<double>>();
    return {value.get<double>()};
}

void expect_case(const std::string& name) {
    SCOPED_TRACE(name);
    const auto reference = gvcpanel::testing::read_json(gvcpanel::testing::fixture("threshold/reference.json"))[name];
    const auto& call = reference["call"];
    const bool grunfeld = name.rfind("grunfeld", 0) == 0;
    const auto frame = grunfeld ? data::read_table(gvcpanel::testing::reference_data("grunfeld.csv"))
                          : data::read_table(gvcpanel::testing::fixture("threshold/simulated.csv"));
    const auto in = input_of(frame, call, grunfeld ? "inv" : "y", name == "double_unbalanced");
    const auto fit = fit_thresholds(in, options_of(call));
    EXPECT_EQ(fit.candidates, reference["candidates"].get<std::size_t>());
    EXPECT_CLOSE("S_0", fit.ssr_linear, reference["ssr_linear"].get<double>(), kSsrRtol);
    const auto gamma = numbers(reference["gamma"]), low = numbers(reference["low"]), high = numbers(reference["high"]);
    const auto f = numbers(reference["f"]);
    ASSERT_EQ(fit.thresholds.size(), gamma.size());
    for (std::size_t j = 0; j < gamma.size(); ++j) {
        EXPECT_CLOSE("gamma" + std::to_string(j + 1), fit.thresholds[j].gamma, gamma[j], kGammaRtol);
        EXPECT_CLOSE("low" + std::to_string(j + 1), fit.thresholds[j].low, low[j], kGammaRtol);
        EXPECT_CLOSE("high" + std::to_string(j + 1), fit.thresholds[j].high, high[j], kGammaRtol);
    }
    ASSERT_EQ(fit.tests.size(), f.size());
    for (std::size_t k = 0; k < f.size(); ++k) EXPECT_CLOSE(fit.tests[k].name, fit.tests[k].f, f[k], kSsrRtol);
    // The first threshold's LR curve, candidate by candidate (R writes "NA" where trimmed).
    std::vector<double> curve;
    for (const auto& value : reference["lr_first"])
        if (value.is_number()) curve.push_back(value.get<double>());
    const auto& mine = fit.thresholds[0].curve.lr;
    ASSERT_EQ(mine.size(), curve.size());
    for (std::size_t c = 0; c < curve.size(); ++c)
        EXPECT_TRUE(gvcpanel::testing::close("LR at candidate " + std::to_string(c), mine[c], curve[c], kSsrRtol, 1e-6));
}

TEST(Threshold, SingleAgreesWithBruteForce) { expect_case("single"); }
TEST(Threshold, DoubleAgreesWithBruteForce) { expect_case("double"); }
TEST(Threshold, TripleAgreesWithBruteForce) { expect_case("triple"); }
TEST(Threshold, GridAgreesWithBruteForce) { expect_case("double_grid"); }
TEST(Threshold, TwoRegimeRegressorsAgreeWithBruteForce) { expect_case("double_two_regime_vars"); }
TEST(Threshold, WeightedAgreesWithBruteForce) { expect_case("double_weighted"); }
TEST(Threshold, UnbalancedAgreesWithBruteForce) { expect_case("double_unbalanced"); }
TEST(Threshold, GrunfeldAgreesWithBruteForce) { expect_case("grunfeld_single"); }

}  // namespace
}  // namespace gvcpanel::estimators::threshold
