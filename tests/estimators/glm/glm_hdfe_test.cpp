// IRLS with absorbed fixed effects against the dummy-variable MLE (estimators::mle with i(firm)
// and i(year) terms) on the synthetic panel, and its user errors.
#include "estimators/glm/glm_hdfe.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "data/error.hpp"
#include "data/read.hpp"
#include "estimators/glm/fe_separation.hpp"
#include "estimators/likelihood/mle.hpp"
#include "models/build_design.hpp"
#include "models/model_spec.hpp"
#include "support/compare.hpp"
#include "support/paths.hpp"

namespace gvcpanel {
namespace {

using estimators::Estimate;

// Both fits converge far below this (Newton decrement 1e-20; IRLS deviance change 1e-14); what is
// left is the demeaning tolerance and the order of summation.
constexpr double kAgreeRtol = 1e-7;

const data::Frame& synthetic() {
    static const data::Frame frame = data::read_csv(testing::reference_data("synthetic_panel.csv"));
    return frame;
}

models::Design design(const std::string& formula) {
    return models::build_design(models::parse_model(formula), synthetic());
}

estimators::GlmHdfeOptions tight() {
    estimators::GlmHdfeOptions options;
    options.tolerance = 1e-14;
    options.demean_tolerance = 1e-13;
    return options;
}

void expect_agree(const Estimate& absorbed, const Estimate& dummies) {
    ASSERT_TRUE(absorbed.converged) << absorbed.convergence_message;
    ASSERT_TRUE(dummies.converged) << dummies.convergence_message;
    EXPECT_EQ(absorbed.nobs, dummies.nobs);
    for (std::size_t j = 0; j < absorbed.names.size(); ++j) {
        const auto at = std::find(dummies.names.begin(), dummies.names.end(), absorbed.names[j]);
        ASSERT_NE(at, dummies.names.end()) << absorbed.names[j];
        const auto k = static_cast<arma::uword>(at - dummies.names.begin());
        EXPECT_CLOSE(absorbed.names[j], absorbed.coef(j), dummies.coef(k), kAgreeRtol);
        EXPECT_CLOSE(absorbed.names[j] + " se", std::sqrt(absorbed.bread(j, j)), std::sqrt(dummies.bread(k, k)), kAgreeRtol);
    }
    EXPECT_CLOSE("loglik", absorbed.stats["loglik"].get<double>(), dummies.stats["loglik"].get<double>(), kAgreeRtol);
}

TEST(GlmHdfe, PoissonTwoWayEqualsDummyVariableMle) {
    expect_agree(estimators::glm_hdfe(design("y_cnt ~ x1 + x2 | firm + year"), models::Family::poisson, tight()),
                 estimators::mle(design("y_cnt ~ x1 + x2 + i(firm) + i(year)"), models::Family::poisson));
}

TEST(GlmHdfe, LogitEqualsDummyVariableMle) {
    expect_agree(estimators::glm_hdfe(design("y_bin ~ x1 + x2 | firm"), models::Family::logit, tight()),
                 estimators::mle(design("y_bin ~ x1 + x2 + i(firm)"), models::Family::logit));
}

TEST(GlmHdfe, ProbitObservedInformationEqualsDummyVariableMle) {
    expect_agree(estimators::glm_hdfe(design("y_bin ~ x1 + x2 | firm"), models::Family::probit, tight()),
                 estimators::mle(design("y_bin ~ x1 + x2 + i(firm)"), models::Family::probit));
}

TEST(GlmHdfe, PoissonDropsZerosSeparatedByARegressor) {
    // s = 1 on five zero counts of firms that also have positive counts, 0 elsewhere: s > 0 only
    // where y = 0, so those five rows are separated (beyond the 16 rows of all-zero firms). Once
    // they are gone s is all zero and dropped, and the fit equals the one without them.
    models::Design with_s = design("y_cnt ~ x1 + x2 | firm");
    const auto& firm = with_s.sample.fixed_effects[0];
    std::vector<double> firm_total(static_cast<std::size_t>(firm.levels), 0);
    for (std::size_t i = 0; i < with_s.nobs(); ++i) firm_total[static_cast<std::size_t>(firm.codes[i])] += with_s.y[i];
    arma::vec s(with_s.nobs(), arma::fill::zeros);
    std::vector<std::uint8_t> keep(with_s.nobs(), 1);
    for (std::size_t i = 0, marked = 0; i < with_s.nobs() && marked < 5; ++i)
        if (with_s.y[i] == 0 && firm_total[static_cast<std::size_t>(firm.codes[i])] > 0) {
            s[i] = 1;
            keep[i] = 0;
            ++marked;
        }
    const models::Design without = estimators::restrict_rows(design("y_cnt ~ x1 + x2 | firm"), keep);
    with_s.X = arma::join_rows(with_s.X, s);
    with_s.names.push_back("s");
    const Estimate fit = estimators::glm_hdfe(with_s, models::Family::poisson, tight());
    const Estimate expected = estimators::glm_hdfe(without, models::Family::poisson, tight());
    EXPECT_EQ(fit.sample.dropped.separated, 16u + 5u);
    EXPECT_EQ(fit.sample.dropped.collinear, (std::vector<std::string>{"s"}));
    expect_agree(fit, expected);
}

TEST(GlmHdfe, LogitDropsOnesAndZerosSeparatedByRegressors) {
    // s1 = 1 on four y = 1 rows and s0 = 1 on four y = 0 rows, 0 elsewhere, all in firms with at
    // least three of each outcome: z = s1 is 0 wherever y = 0 and positive on four ones, z = s0 the
    // same for four zeros, so those eight rows are separated (beyond the rows of firms without
    // variation). Once they are gone s1 and s0 are all zero and dropped, and the fit equals the
    // one without them.
    models::Design with_s = design("y_bin ~ x1 + x2 | firm");
    const auto& firm = with_s.sample.fixed_effects[0];
    std::vector<int> ones(static_cast<std::size_t>(firm.levels), 0), rows(ones.size(), 0);
    for (std::size_t i = 0; i < with_s.nobs(); ++i) {
        ones[static_cast<std::size_t>(firm.codes[i])] += with_s.y[i] == 1;
        ++rows[static_cast<std::size_t>(firm.codes[i])];
    }
    arma::mat s(with_s.nobs(), 2, arma::fill::zeros);
    std::vector<std::uint8_t> keep(with_s.nobs(), 1);
    std::vector<bool> firm_used(ones.size(), false);  // one marked row per firm keeps its variation
    int marked[2] = {0, 0};
    for (std::size_t i = 0; i < with_s.nobs(); ++i) {
        const auto f = static_cast<std::size_t>(firm.codes[i]);
        const int side = with_s.y[i] == 1 ? 1 : 0;
        if (firm_used[f] || ones[f] < 3 || rows[f] - ones[f] < 3 || marked[side] == 4) continue;
        s(i, static_cast<arma::uword>(side)) = 1;
        keep[i] = 0;
        firm_used[f] = true;
        ++marked[side];
    }
    ASSERT_EQ(marked[0] + marked[1], 8);
    const models::Design without = estimators::restrict_rows(design("y_bin ~ x1 + x2 | firm"), keep);
    with_s.X = arma::join_rows(with_s.X, s);
    with_s.names.insert(with_s.names.end(), {"s0", "s1"});
    const Estimate fit = estimators::glm_hdfe(with_s, models::Family::logit, tight());
    const Estimate expected = estimators::glm_hdfe(without, models::Family::logit, tight());
    EXPECT_EQ(fit.sample.dropped.separated, expected.sample.dropped.separated + 8u);
    EXPECT_EQ(fit.sample.dropped.collinear, (std::vector<std::string>{"s0", "s1"}));
    expect_agree(fit, expected);
}

TEST(GlmHdfe, UserMistakesAreErrors) {
    EXPECT_THROW(estimators::glm_hdfe(design("y_cnt ~ x1 | firm"), models::Family::logit), Error);
    EXPECT_THROW(estimators::glm_hdfe(design("y_lin ~ x1 | firm"), models::Family::poisson), Error);
    EXPECT_THROW(estimators::glm_hdfe(design("y_cnt ~ x1"), models::Family::poisson), Error);
    EXPECT_THROW(estimators::glm_hdfe(design("y_cnt ~ x1 | firm[year]"), models::Family::poisson), Error)
        << "varying slopes are not absorbed by the IRLS path";
    estimators::GlmHdfeOptions options;
    options.initial_demean_tolerance = 1e-12;
    EXPECT_THROW(options.validate(), Error);
}

}  // namespace
}  // namespace gvcpanel
