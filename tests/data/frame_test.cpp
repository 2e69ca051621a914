#include "data/frame.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "data/error.hpp"

namespace gvcpanel::data {

TEST(Frame, HoldsNumericIntegerAndCategoricalColumns) {
    Frame f;
    f.add(Column::numeric("tfp", {1.5, std::nan(""), 2.0}));
    f.add(Column::integer("year", {2001, kMissingInteger, 2003}));
    f.add(Column::categorical("governance", {0, 1, kMissingCode}, {"market", "captive"}));
    EXPECT_EQ(f.rows(), 3u);
    EXPECT_EQ(f.cols(), 3u);
    EXPECT_TRUE(f.column("tfp").is_missing(1));
    EXPECT_TRUE(f.column("year").is_missing(1));
    EXPECT_TRUE(f.column("governance").is_missing(2));
    EXPECT_EQ(f.column("year").number(2), 2003.0);
    EXPECT_EQ(f.column("governance").text(1), "captive");
    EXPECT_EQ(f.column("tfp").text(0), "1.5");
    EXPECT_THROW(f.column("governance").number(0), Error);
}

TEST(Frame, RejectsColumnsOfAnotherLengthAndDuplicateNames) {
    Frame f;
    f.add(Column::numeric("a", {1, 2}));
    EXPECT_THROW(f.add(Column::numeric("b", {1})), Error);
    EXPECT_THROW(f.add(Column::numeric("a", {1, 2})), Error);
    Column residues_short = Column::numeric("c", {1, 2});
    residues_short.residues = {0.0};
    EXPECT_THROW(f.add(residues_short), Error);
}

TEST(Frame, UnknownNameListsTheClosestNames) {
    Frame f;
    f.source = "firms.csv";
    f.add(Column::numeric("export_share", {1}));
    f.add(Column::numeric("exports", {1}));
    try {
        f.column("export");
        FAIL() << "expected an error";
    } catch (const Error& e) {
        EXPECT_STREQ(e.what(),
                     "no column 'export' in firms.csv; did you mean 'exports' or 'export_share'?");
    }
}

}  // namespace gvcpanel::data
