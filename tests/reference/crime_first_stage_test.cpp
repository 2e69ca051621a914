// The first-stage F under --ssc plm against plm on Crime (tests/fixtures/plm/crime_first_stage.R,
// R 4.2.2, plm 2.6-2): the cluster-robust Wald statistic of the excluded instruments over their
// number, with every first-stage coefficient in K of G/(G-1)(N-1)/(N-K), as plm's vcovHC "sss"
// (issue 16, item 4: only the excluded instruments were counted, 18.867 for plm's 18.116).
#include <gtest/gtest.h>

#include "cli/run_model.hpp"
#include "data/read.hpp"
#include "support/compare.hpp"
#include "support/paths.hpp"

namespace gvcpanel::cli {
namespace {

TEST(CrimeFirstStage, ClusteredFirstStageFUnderSscPlmMatchesPlm) {
    const auto ref = testing::read_json(testing::fixture("plm/crime_first_stage.json"));
    const data::Frame frame = data::read_csv(testing::reference_data("crime.csv"));
    ModelRequest request;
    request.model =
        "lcrmrte ~ lprbconv + lprbpris + lavgsen + ldensity + lwcon + lwtuc + lwtrd + lwfir + lwser + lwmfg + "
        "lwfed + lwsta + lwloc + lpctymle + lpctmin + region + smsa + i(year) | lprbarr + lpolpc ~ ltaxpc + lmix";
    request.panel = "county,year";
    request.vcov = "cluster:county";
    request.ssc = "plm";
    const estimators::Result result = run_model(request, frame);
    for (const char* name : {"first_stage_f:lprbarr", "first_stage_f:lpolpc"}) {
        const estimators::TestResult* f = result.test(name);
        ASSERT_NE(f, nullptr) << name;
        EXPECT_CLOSE(name, f->stat, ref.at(name).at("stat").get<double>(), testing::kStatRtol);
    }
}

}  // namespace
}  // namespace gvcpanel::cli
