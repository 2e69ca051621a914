// scale(), center(), mean(x, by = g), --weights expressions and --subset with %in% and is.na() end
// to end (cli::run_model) against fixest 0.12.1 on fatalities.csv, whose jail is missing in one row
// inside the subset: scale() takes its statistics over the subset rows before that row is dropped,
// as fixest does (tests/fixtures/formula/statistics.R records each call).
#include <gtest/gtest.h>

#include <map>

#include "cli/run_model.hpp"
#include "data/read.hpp"
#include "support/compare.hpp"
#include "support/paths.hpp"

namespace gvcpanel {
namespace {

using testing::kCoefRtol;
using testing::kSeRtol;

const data::Frame& fatalities() {
    static const data::Frame frame = data::read_csv(testing::reference_data("fatalities.csv"));
    return frame;
}

struct Case {
    const char* name;        // the entry of statistics.json
    cli::ModelRequest request;
    std::map<std::string, std::string> names;  // ours -> fixest's, where they differ
};

void expect_matches_fixest(const Case& c) {
    const auto reference = testing::read_json(testing::fixture("formula/statistics.json")).at(c.name);
    const auto result = cli::run_model(c.request, fatalities());
    EXPECT_EQ(result.nobs, reference.at("nobs").get<std::size_t>()) << c.name;
    ASSERT_EQ(result.coef.size(), reference.at("coef").size()) << c.name;
    for (const auto& row : result.coef) {
        const auto renamed = c.names.find(row.name);
        const std::string theirs = renamed == c.names.end() ? row.name : renamed->second;
        ASSERT_TRUE(reference.at("coef").contains(theirs)) << c.name << ": " << row.name;
        EXPECT_CLOSE(std::string(c.name) + " " + row.name, row.estimate, reference.at("coef").at(theirs).get<double>(),
                     kCoefRtol);
        EXPECT_CLOSE(std::string(c.name) + " se " + row.name, row.se, reference.at("se").at(theirs).get<double>(),
                     kSeRtol);
    }
}

cli::ModelRequest request(const std::string& model, const std::string& vcov, const std::string& subset = "",
                          const std::string& weights = "") {
    cli::ModelRequest r;
    r.model = model;
    r.vcov = vcov;
    r.subset = subset;
    r.weights = weights;
    return r;
}

TEST(FormulaStatisticsReference, ScaleAndCenterOverTheSubsetWithWeightsFromAnExpression) {
    expect_matches_fixest({"scale_subset_weights",
                           request("frate ~ scale(beertax) + center(unemp) + jail | state", "cluster:state",
                                   "year %in% c(1982, 1984, 1986, 1988)", "sqrt(pop)"),
                           {{"center(unemp)", "scale(unemp, scale = FALSE)"}, {"jail::yes", "jailyes"}}});
}

TEST(FormulaStatisticsReference, SubsetWithIsNaOfTextAndMembership) {
    expect_matches_fixest({"is_na_text_subset",
                           request("frate ~ beertax + scale(income)", "hc1",
                                   "!is.na(jail) && state %in% c(\"al\", \"ca\", \"ny\", \"tx\", \"wa\")"),
                           {}});
}

TEST(FormulaStatisticsReference, GroupMeanEqualsTheMeanAddedAsAColumn) {
    expect_matches_fixest({"group_mean", request("frate ~ beertax + mean(beertax, by = state) + unemp", "iid"),
                           {{"mean(beertax,by=state)", "beertax_state_mean"}}});
}

}  // namespace
}  // namespace gvcpanel
