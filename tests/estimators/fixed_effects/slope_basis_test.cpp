#include "estimators/fixed_effects/slope_basis.hpp"

#include <gtest/gtest.h>

#include <armadillo>

#include "data/error.hpp"
#include "support/compare.hpp"

namespace gvcpanel::estimators {
namespace {

// Sums of a few small numbers: exact up to rounding.
constexpr double kExact = 1e-14;

// Two levels: level 0 has t = 2001, 2002, 2003; level 1 has t = 2005 twice (its slope is not
// identified).
models::Grouping firm_with_trend(bool intercept) {
    models::Grouping g;
    g.name = "firm[t]";
    g.codes = {0, 0, 0, 1, 1};
    g.levels = 2;
    g.slopes.variables = {"t"};
    g.slopes.with_intercept = intercept;
    g.slopes.values = arma::mat{2001, 2002, 2003, 2005, 2005}.t();
    return g;
}

TEST(SlopeBasis, CentresWithinLevelsAndInvertsTheBlockDiagonalGram) {
    const SlopeBasis b = slope_basis(firm_with_trend(true), arma::vec());
    ASSERT_EQ(b.per_level, 2u);
    const std::vector<double> centred = {-1, 0, 1, 0, 0};
    for (std::size_t i = 0; i < 5; ++i) {
        EXPECT_EQ(b.basis[2 * i], 1.0);
        EXPECT_CLOSE("centred t", b.basis[2 * i + 1], centred[i], kExact);
    }
    // Level 0: Gram diag(3, 2); level 1: diag(2, 0), its slope singular and set to zero.
    const std::vector<double> inverse = {1.0 / 3, 0, 0, 0.5, 0.5, 0, 0, 0};
    for (std::size_t k = 0; k < inverse.size(); ++k) EXPECT_NEAR(b.inverse[k], inverse[k], kExact) << k;
    EXPECT_EQ(b.singular, 1u);
}

TEST(SlopeBasis, SlopesOnlyAreNotCentredAndWeightsCount) {
    const arma::vec w = {1, 2, 1, 1, 3};
    const SlopeBasis b = slope_basis(firm_with_trend(false), w);
    ASSERT_EQ(b.per_level, 1u);
    EXPECT_EQ(b.basis[0], 2001.0);
    EXPECT_CLOSE("level 0", b.inverse[0], 1.0 / (2001.0 * 2001 + 2 * 2002.0 * 2002 + 2003.0 * 2003), kExact);
    EXPECT_CLOSE("level 1", b.inverse[1], 1.0 / (4 * 2005.0 * 2005), kExact);
    EXPECT_EQ(b.singular, 0u);
}

TEST(SlopeBasis, CollinearSlopesInALevelKeepTheFirst) {
    models::Grouping g = firm_with_trend(true);
    g.slopes.variables = {"t", "u"};
    g.slopes.values = arma::join_rows(g.slopes.values, 2.0 * g.slopes.values - 4000.0);
    const SlopeBasis b = slope_basis(g, arma::vec());
    ASSERT_EQ(b.per_level, 3u);
    // Level 0 identifies its intercept and t, level 1 only its intercept.
    EXPECT_EQ(b.singular, 3u);
    EXPECT_CLOSE("level 0, t", b.inverse[4], 0.5, kExact);
    EXPECT_EQ(b.inverse[8], 0.0);
}

TEST(SlopeBasis, RejectsValuesOfTheWrongSize) {
    models::Grouping g = firm_with_trend(true);
    g.slopes.values = arma::mat(4, 1, arma::fill::ones);
    EXPECT_THROW(slope_basis(g, arma::vec()), Error);
}

}  // namespace
}  // namespace gvcpanel::estimators
