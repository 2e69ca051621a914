// Pairwise Pearson correlations against R 4.2.2's cor.test on the complete pairs of each two
// variables (tests/fixtures/describe/tables.R wrote the reference values and the panel with
// missing values).
#include "data/correlation.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "data/error.hpp"
#include "data/read.hpp"
#include "support/compare.hpp"
#include "support/paths.hpp"

namespace gvcpanel::data {
namespace {

// r from sums in double over at most 200 rows: agreement to ~1e-14 is expected; R prints 15
// significant digits into the JSON, so 1e-12 relative is what the reference can show.
constexpr double kCorrelationRtol = 1e-12;
// p-values from Boost.Math's and R's t distribution (both to near full precision, even at 1e-59).
constexpr double kPValueRtol = 1e-9;

void check_against_r(const Frame& frame, const nlohmann::json& reference, const std::vector<std::string>& names) {
    std::vector<std::size_t> rows(frame.rows());
    std::iota(rows.begin(), rows.end(), std::size_t{0});
    const auto result = correlations(frame, names, rows);
    ASSERT_EQ(result.names, names);
    for (const auto& pair : reference) {
        const auto i = static_cast<std::size_t>(std::find(names.begin(), names.end(), pair["row"].get<std::string>()) - names.begin());
        const auto j = static_cast<std::size_t>(std::find(names.begin(), names.end(), pair["column"].get<std::string>()) - names.begin());
        SCOPED_TRACE(names[i] + " with " + names[j]);
        EXPECT_CLOSE("r", result.at(i, j), pair["r"].get<double>(), kCorrelationRtol);
        EXPECT_EQ(result.at(i, j), result.at(j, i));
        EXPECT_CLOSE("p", result.p_at(i, j), pair["p"].get<double>(), kPValueRtol);
        EXPECT_EQ(result.n_at(i, j), pair["n"].get<std::size_t>());
    }
    for (std::size_t i = 0; i < names.size(); ++i) EXPECT_DOUBLE_EQ(result.at(i, i), 1.0);
}

TEST(Correlations, GrunfeldMatchesRCorTest) {
    check_against_r(read_csv(testing::reference_data("grunfeld.csv")),
                    testing::read_json(testing::fixture("describe/tables.json"))["grunfeld"]["correlations"],
                    {"inv", "value", "capital"});
}

TEST(Correlations, EachPairUsesTheRowsWhereBothAreObserved) {
    check_against_r(read_csv(testing::fixture("describe/with_missing.csv")),
                    testing::read_json(testing::fixture("describe/tables.json"))["with_missing"]["correlations"],
                    {"a", "b", "c"});
}

TEST(Correlations, NoVariationGivesNoCorrelation) {
    Frame frame;
    frame.add(Column::numeric("x", {1, 2, 3, 4}));
    frame.add(Column::numeric("constant", {5, 5, 5, 5}));
    const auto result = correlations(frame, {"x", "constant"}, {0, 1, 2, 3});
    EXPECT_TRUE(std::isnan(result.at(0, 1)));
    EXPECT_TRUE(std::isnan(result.p_at(0, 1)));
}

TEST(Correlations, TextColumnIsAnError) {
    Frame frame;
    frame.add(Column::categorical("region", {0, 1}, {"north", "south"}));
    EXPECT_THROW(correlations(frame, {"region"}, {0, 1}), Error);
}

}  // namespace
}  // namespace gvcpanel::data
