// The delete-one-cluster jackknife of a 2SLS fit (--vcov jackknife:region, the resampling engine's
// refits) on plm's Produc against leave-one-region-out AER::ivreg fits computed directly in R
// (tests/fixtures/resampling/jackknife_produc.R), pooled and with state effects.
#include <gtest/gtest.h>

#include "cli/run_model.hpp"
#include "data/read.hpp"
#include "support/compare.hpp"
#include "support/paths.hpp"

namespace gvcpanel::testing {
namespace {

// Coefficients: QR-based 2SLS in both. SEs: differences of nine refits from the full estimate, each
// to ~1e-12, over SEs of 4e-3 to 0.14: 1e-8 relative leaves three orders of margin.
constexpr double kCoefRtol = 1e-9;
constexpr double kSeRtol = 1e-8;

TEST(JackknifeReference, TwoStageLeastSquaresByRegionAgainstLeaveOneOutRefits) {
    const auto frame = data::read_table(reference_data("produc.csv"));
    const auto reference = read_json(fixture("resampling/jackknife_produc.json"));
    for (const auto& [key, model] :
         {std::pair{"pooled", "log(gsp) ~ log(pc) + log(emp) + unemp | log(pcap) ~ log(hwy) + log(water)"},
          {"state", "log(gsp) ~ log(pc) + log(emp) + unemp | state | log(pcap) ~ log(hwy) + log(water)"}}) {
        SCOPED_TRACE(key);
        cli::ModelRequest request;
        request.model = model;
        request.estimator = "2sls";
        request.vcov = "jackknife:region";
        const auto result = cli::run_model(request, frame);
        EXPECT_EQ(result.vcov, "jackknife:region");
        const auto& expected = reference.at(key);
        for (const auto& row : result.coef) {
            if (row.name == "(Intercept)") continue;
            EXPECT_CLOSE(row.name + " coef", row.estimate, expected.at("coef").at(row.name).get<double>(), kCoefRtol);
            EXPECT_CLOSE(row.name + " se", row.se, expected.at("se").at(row.name).get<double>(), kSeRtol);
        }
    }
}

}  // namespace
}  // namespace gvcpanel::testing
