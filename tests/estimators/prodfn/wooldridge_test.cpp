// Wooldridge's (2009) GMM system against its moment conditions written out in R
// (tests/fixtures/prodfn/prodfn_reference.R, wrdg_reference: two-step GMM, S clustered by firm) on the
// simulated panel: Cobb-Douglas, translog and gross output; the analytic covariance against R's, and
// against the sandwich with the moments' Jacobian taken numerically. Then the translog's elasticities
// against the derivative of the fitted terms.
#include <gtest/gtest.h>

#include "data/read.hpp"
#include "estimators/prodfn/technology.hpp"
#include "estimators/prodfn/wooldridge.hpp"
#include "support/compare.hpp"
#include "support/paths.hpp"

namespace gvcpanel::estimators::prodfn {
namespace {

using gvcpanel::testing::close;

// Linear GMM solved by QR on the whitened system on both sides: measured 3e-12 to 1.1e-9.
constexpr double kCoefRtol = gvcpanel::testing::kCoefRtol;
// (A'S^-1 A)^-1 through one more factorisation: measured 2e-9 to 3e-8.
constexpr double kSeRtol = 1e-6;
// R's Jacobian by central differences (h = 1e-4) of moments as large as 1e4: 1e-6 relative of the SE
// measured at worst; 1e-5.
constexpr double kNumericalSeRtol = 1e-5;
// Hansen's J: a quadratic form in the moments at the estimate, measured 2e-10.
constexpr double kHansenRtol = 1e-7;

ProductionPanel simulated(bool gross_output) {
    const auto frame = data::read_csv(gvcpanel::testing::fixture("prodfn/cd_panel.csv"));
    const auto column = [&](const std::string& name) { return arma::vec(frame.column(name).to_doubles()); };
    ProductionPanel p;
    p.y = column("y");
    p.free = gross_output ? arma::join_rows(column("l"), column("m")) : arma::mat(column("l"));
    p.free_names = gross_output ? std::vector<std::string>{"l", "m"} : std::vector<std::string>{"l"};
    p.state = column("k");
    p.state_names = {"k"};
    p.proxy = column("m");
    p.controls.set_size(p.rows(), 0);
    if (gross_output) p.proxy_input = 1;
    for (const double v : column("firm")) p.firm.push_back(static_cast<std::int32_t>(v));
    for (const double v : column("year")) p.period.push_back(static_cast<std::int32_t>(v));
    return p;
}

void expect_reference(const WooldridgeFit& fit, const nlohmann::json& ref) {
    const auto coef = ref["coef"].get<std::vector<double>>();
    const auto se = ref["se"].get<std::vector<double>>();
    const auto se_numerical = ref["se_numerical"].get<std::vector<double>>();
    ASSERT_EQ(fit.coef.n_elem, coef.size());
    for (std::size_t j = 0; j < coef.size(); ++j) {
        EXPECT_TRUE(close(fit.names[j], fit.coef[j], coef[j], kCoefRtol));
        EXPECT_TRUE(close("se " + fit.names[j], std::sqrt(fit.vcov(j, j)), se[j], kSeRtol));
        EXPECT_TRUE(close("numerical se " + fit.names[j], std::sqrt(fit.vcov(j, j)), se_numerical[j], kNumericalSeRtol));
    }
    EXPECT_TRUE(close("hansen", fit.hansen, ref["hansen"].get<double>(), kHansenRtol));
    EXPECT_EQ(fit.hansen_df, ref["hansen_df"].get<double>());
    EXPECT_EQ(fit.rows, ref["nobs"].get<std::size_t>());
}

TEST(Wooldridge, EqualsItsMomentConditionsWrittenOut) {
    const auto ref = gvcpanel::testing::read_json(gvcpanel::testing::fixture("prodfn/prodfn_reference.json"));
    expect_reference(wooldridge(simulated(false), {}), ref["wrdg"]);
    WooldridgeOptions translog;
    translog.translog = true;
    const auto fit = wooldridge(simulated(false), translog);
    EXPECT_EQ(fit.names, (std::vector<std::string>{"l", "k", "I(l^2)", "l:k", "I(k^2)"}));
    expect_reference(fit, ref["wrdg_translog"]);
    expect_reference(wooldridge(simulated(true), {}), ref["wrdg_gross"]);
}

// The elasticity of input i is d(terms(x)'b)/dx_i, here by central differences.
TEST(Wooldridge, TranslogElasticitiesAreTheDerivativesOfTheFit) {
    const Technology technology{{"l", "m", "k"}, true};
    const arma::mat X{{1.5, 2.0, 3.0}, {0.2, -1.0, 4.0}};
    const arma::vec beta{0.5, 0.2, 0.3, 0.01, -0.02, 0.03, 0.04, -0.05, 0.06};
    ASSERT_EQ(technology.term_names().size(), beta.n_elem);
    const arma::mat E = technology.elasticities(X, beta);
    for (arma::uword i = 0; i < X.n_rows; ++i)
        for (arma::uword j = 0; j < X.n_cols; ++j) {
            arma::mat up = X.row(i), down = X.row(i);
            up(0, j) += 1e-6;
            down(0, j) -= 1e-6;
            const double numeric =
                arma::as_scalar(technology.terms(up) * beta - technology.terms(down) * beta) / 2e-6;
            // A quadratic: central differences are exact but for rounding (1e-16 / 1e-6).
            EXPECT_NEAR(E(i, j), numeric, 1e-8);
        }
}

}  // namespace
}  // namespace gvcpanel::estimators::prodfn
