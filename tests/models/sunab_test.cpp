// sunab(cohort, period) in formulas and designs (models/sunab.cpp): fixest's column names and
// order, the never treated and the reference period without columns, observation counts, and the
// errors (no cohort among the periods, an always-treated cohort, interactions, the IV part).
#include <gtest/gtest.h>

#include "data/error.hpp"
#include "models/build_design.hpp"
#include "models/formula.hpp"
#include "support/caret.hpp"

namespace gvcpanel::models {
namespace {

// Units 1-3 with cohorts 3, 0 (never), 4; periods 1-4.
data::Frame frame(double third_cohort = 4) {
    data::Frame f;
    std::vector<double> id, t, g, y;
    const double cohorts[] = {3, 0, third_cohort};
    for (int u = 0; u < 3; ++u)
        for (int p = 1; p <= 4; ++p) {
            id.push_back(u + 1);
            t.push_back(p);
            g.push_back(cohorts[u]);
            y.push_back(u + p * 0.5 + (p >= cohorts[u] && cohorts[u] > 0));
        }
    f.add(data::Column::numeric("id", id));
    f.add(data::Column::numeric("year", t));
    f.add(data::Column::numeric("g", g));
    f.add(data::Column::numeric("y", y));
    std::vector<double> later;
    for (double p : t) later.push_back(p + 100);
    f.add(data::Column::numeric("later", later));
    return f;
}

TEST(Sunab, ParsesAsOneTermWithCohortAndPeriod) {
    const Formula f = parse_formula("y ~ x + sunab(g, year) | id + year");
    ASSERT_EQ(f.terms.size(), 2u);
    EXPECT_EQ(f.terms[1].name, "sunab(g,year)");
    EXPECT_EQ(f.terms[1].pieces[0].kind, Piece::Kind::sunab);
    EXPECT_EQ(f.terms[1].pieces[0].variable, "g");
    EXPECT_EQ(f.terms[1].pieces[0].period, "year");
    EXPECT_THROW(parse_formula("y ~ sunab(g)"), Error);
    EXPECT_THROW(parse_formula("y ~ sunab(g, year, ref.p = -2)"), Error);
    EXPECT_THROW(parse_formula("y ~ sunab(log(g), year)"), Error);
}

TEST(Sunab, CellsAreNamedAndOrderedAsFixest) {
    const Design d = build_design(parse_model("y ~ sunab(g, year) | id + year"), frame());
    // Cohort 3: relative -2, 0, 1 (-1 is the reference); cohort 4: -3, -2, 0.
    EXPECT_EQ(d.names, (std::vector<std::string>{"year::-3:cohort::4", "year::-2:cohort::3", "year::-2:cohort::4",
                                                 "year::0:cohort::3", "year::0:cohort::4", "year::1:cohort::3"}));
    ASSERT_EQ(d.sample.sunab.size(), 6u);
    EXPECT_EQ(d.sample.sunab_period, "year");
    EXPECT_EQ(d.sample.sunab[3].relative, 0);
    EXPECT_EQ(d.sample.sunab[3].cohort, 3);
    EXPECT_EQ(d.sample.sunab[3].weight, 1);
    // The never treated and the reference period have no column set.
    EXPECT_EQ(arma::accu(d.X.rows(4, 7)), 0.0);   // unit 2
    EXPECT_EQ(arma::accu(d.X.row(1)), 0.0);       // unit 1, period 2 = relative -1
    EXPECT_EQ(arma::accu(d.X), 6.0);              // three cells of each treated unit
}

TEST(Sunab, AMissingCohortIsNeverTreated) {
    const Design d = build_design(parse_model("y ~ sunab(g, year) | id + year"), frame(std::nan("")));
    EXPECT_EQ(d.nobs(), 12u);
    EXPECT_EQ(d.names.size(), 3u);
}

TEST(Sunab, ErrorsPointAtTheTerm) {
    const auto f = frame(1);  // unit 3 treated from period 1: always treated
    const auto error = testing::caret_error_of([&] { build_design(parse_model("y ~ sunab(g, year) | id"), f); });
    EXPECT_NE(error.what.find("always treated"), std::string::npos) << error.what;
    EXPECT_EQ(error.column, 4u);
    EXPECT_THROW(build_design(parse_model("y ~ sunab(g, later) | id"), frame()), Error);  // no cohort among the periods
    EXPECT_THROW(build_design(parse_model("y ~ sunab(g, year):id | id"), frame()), Error);
    EXPECT_THROW(build_design(parse_model("y ~ sunab(g, year) + sunab(id, year) | id"), frame()), Error);
}

}  // namespace
}  // namespace gvcpanel::models
