// Separation at the bounds of an outcome (issue 16, item 6): a group dummy whose outcome is censored
// throughout (Tobit), or the reference group's, has no finite estimate; the group is dropped with a
// note and counted in dropped.separated, and the fit equals the fit without those groups. The ReLU
// check itself on hand-built data with a known answer.
#include "estimators/likelihood/separation.hpp"

#include <gtest/gtest.h>

#include <set>

#include "data/read.hpp"
#include "estimators/likelihood/mle.hpp"
#include "models/build_design.hpp"
#include "models/model_spec.hpp"
#include "support/compare.hpp"
#include "support/paths.hpp"

namespace gvcpanel::estimators {
namespace {

// The same optimum found twice by Newton from different data orders of the same sample: rounding.
constexpr double kSameFitRtol = 1e-8;

data::Frame synthetic() { return data::read_csv(testing::reference_data("synthetic_panel.csv")); }

// Firms whose y_cens is at the lower limit 0 in every year (14 of the 300 in synthetic_panel.csv).
std::set<std::int64_t> censored_firms(const data::Frame& frame) {
    std::map<std::int64_t, bool> all_censored;
    const auto& firm = frame.column("firm");
    const auto& y = frame.column("y_cens");
    for (std::size_t i = 0; i < frame.rows(); ++i) {
        const auto f = static_cast<std::int64_t>(firm.number(i));
        const bool censored = y.number(i) <= 0;
        all_censored[f] = all_censored.count(f) ? all_censored[f] && censored : censored;
    }
    std::set<std::int64_t> out;
    for (const auto& [f, yes] : all_censored)
        if (yes) out.insert(f);
    return out;
}

Estimate tobit(const std::string& subset, const data::Frame& frame) {
    auto spec = models::parse_model("y_cens ~ x1 + x2 + i(firm)");
    spec.subset = subset;
    return mle(models::build_design(spec, frame), models::Family::tobit);
}

void expect_same_slopes(const Estimate& fit, const Estimate& without) {
    ASSERT_TRUE(fit.converged) << fit.convergence_message;
    ASSERT_TRUE(without.converged) << without.convergence_message;
    for (const char* name : {"x1", "x2"}) {
        const auto j = std::find(fit.names.begin(), fit.names.end(), name) - fit.names.begin();
        const auto l = std::find(without.names.begin(), without.names.end(), name) - without.names.begin();
        EXPECT_CLOSE(name, fit.coef(j), without.coef(l), kSameFitRtol);
    }
    EXPECT_CLOSE("sigma", fit.ancillary[0].estimate, without.ancillary[0].estimate, kSameFitRtol);
}

std::string excluding(const std::set<std::int64_t>& firms) {
    std::string condition;
    for (auto f : firms) condition += (condition.empty() ? "" : " && ") + std::string("firm != ") + std::to_string(f);
    return condition;
}

TEST(SeparationAtBounds, TobitGroupsCensoredThroughoutAreDropped) {
    const data::Frame frame = synthetic();
    const auto firms = censored_firms(frame);
    ASSERT_EQ(firms.size(), 14u);
    ASSERT_GT(*firms.begin(), 1);  // firm 1, the reference, has uncensored years
    const Estimate fit = tobit("", frame);
    EXPECT_EQ(fit.sample.dropped.separated, 8 * firms.size());
    for (auto f : firms) {
        const std::string name = "firm::" + std::to_string(f);
        EXPECT_EQ(std::count(fit.names.begin(), fit.names.end(), name), 0) << name;
        EXPECT_EQ(std::count(fit.sample.dropped.collinear.begin(), fit.sample.dropped.collinear.end(), name), 1) << name;
    }
    EXPECT_NE(fit.notes.front().find("only where the outcome is left-censored"), std::string::npos) << fit.notes.front();
    expect_same_slopes(fit, tobit(excluding(firms), frame));
}

TEST(SeparationAtBounds, TheReferenceGroupCensoredThroughoutIsFoundToo) {
    // From firm 9 on, firm 9 (censored in every year) is the reference level: no dummy of its own
    // pushes it to the limit, the intercept and every other dummy together do.
    const data::Frame frame = synthetic();
    const auto firms = censored_firms(frame);
    ASSERT_EQ(*firms.begin(), 9);
    const Estimate fit = tobit("firm >= 9", frame);
    EXPECT_EQ(fit.sample.dropped.separated, 8 * firms.size());
    expect_same_slopes(fit, tobit("firm >= 9 && " + excluding(firms), frame));
}

TEST(SeparationAtBounds, ReluFindsRowsPushedToEitherBound) {
    // Rows 0-1 at the lower bound only in group a, rows 4-5 at the upper bound only in group c;
    // group b has both and an inside row.
    arma::mat X = {{1, 0, 0}, {1, 0, 0}, {0, 1, 0}, {0, 1, 0}, {0, 0, 1}, {0, 0, 1}, {0, 1, 0}};
    const arma::vec side = {-1, -1, -1, 1, 1, 1, 0};
    const auto rows = separated_at_bounds(X, side);
    EXPECT_EQ(rows, (std::vector<std::size_t>{0, 1, 4, 5}));
    const arma::vec mixed = {-1, 1, -1, 1, 1, -1, 0};
    EXPECT_TRUE(separated_at_bounds(X, mixed).empty());
}

}  // namespace
}  // namespace gvcpanel::estimators
