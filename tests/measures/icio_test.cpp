// Input-output tables: the Leontief inverse, the KWW (2014) and WWZ (2013) decompositions and the
// GVC indicators against R decompr 6.4.0 and their formulas in R
// (tests/fixtures/measures/decompr_reference.R) on decompr's leather example (../shared) and on a
// small table of our own (tests/fixtures/measures/small_icio_wide.csv); the same numbers from the
// oecd, wiod and long layouts; accounting identities on a table drawn here; reading errors.
#include <gtest/gtest.h>

#include <fstream>
#include <random>

#include "data/error.hpp"
#include "measures/gvc_indicators.hpp"
#include "measures/io_identities.hpp"
#include "measures/io_read.hpp"
#include "measures/io_system.hpp"
#include "measures/kww.hpp"
#include "measures/wwz.hpp"
#include "support/compare.hpp"
#include "support/paths.hpp"

namespace gvcpanel::measures {
namespace {

using gvcpanel::testing::close;
using gvcpanel::testing::fixture;
using gvcpanel::testing::read_json;
using gvcpanel::testing::shared_data;

// The issue asks 1e-10. decompr and we both solve (I - A) by LU and then multiply; the terms are in
// the table's units (1 to 100), so 1e-10 is relative above 1 and absolute below (a structural zero
// of decompr can be 1e-16 here, where a block product is subtracted from a full one).
constexpr double kDecompRtol = 1e-10;
constexpr double kUnitFloor = 1.0;
// The same arithmetic on the same numbers read from another layout: only summation order differs.
constexpr double kLayoutRtol = 1e-13;

void expect_matches_decompr(const IoTable& table, const nlohmann::json& ref) {
    const IoSystem s = leontief_system(table);
    for (std::size_t i = 0; i < s.GN; ++i)
        for (std::size_t j = 0; j < s.GN; ++j)
            EXPECT_TRUE(close("B(" + std::to_string(i) + "," + std::to_string(j) + ")", s.B(i, j),
                              ref["leontief"][i][j].get<double>(), kDecompRtol, kUnitFloor));
    const KwwDecomposition k = kww(s);
    for (std::size_t c = 0; c < s.G; ++c)
        for (std::size_t t = 0; t < kww_terms().size(); ++t)
            EXPECT_TRUE(close(table.countries[c] + " " + kww_terms()[t], k.terms(c, t),
                              ref["kww"][table.countries[c]][kww_terms()[t]].get<double>(), kDecompRtol, kUnitFloor));
    const WwzDecomposition w = wwz(s);
    const auto& exporter = ref["wwz"]["exporter"];
    std::size_t row = 0;
    for (std::size_t i = 0; i < s.GN; ++i)
        for (std::size_t r = 0; r < s.G; ++r, ++row) {
            ASSERT_EQ(exporter[row].get<std::string>(), table.countries[table.country_of(i)]);
            ASSERT_EQ(ref["wwz"]["sector"][row].get<std::string>(), table.sectors[i % s.N]);
            ASSERT_EQ(ref["wwz"]["importer"][row].get<std::string>(), table.countries[r]);
            for (std::size_t t = 0; t < wwz_terms().size(); ++t)
                EXPECT_TRUE(close(table.label(i) + "->" + table.countries[r] + " " + wwz_terms()[t], w.terms[t](i, r),
                                  ref["wwz"]["terms"][wwz_terms()[t]][row].get<double>(), kDecompRtol, kUnitFloor));
        }
    ASSERT_EQ(row, exporter.size());
    // Shares and lengths are of order 1: relative 1e-10.
    const CountryGvc g = country_gvc(k);
    for (std::size_t c = 0; c < s.G; ++c) {
        EXPECT_CLOSE("gvc_backward", g.backward(c), ref["gvc"]["gvc_backward"][c].get<double>(), kDecompRtol);
        EXPECT_CLOSE("gvc_forward", g.forward(c), ref["gvc"]["gvc_forward"][c].get<double>(), kDecompRtol);
        EXPECT_CLOSE("gvc_participation", g.participation(c), ref["gvc"]["gvc_participation"][c].get<double>(), kDecompRtol);
        EXPECT_CLOSE("gvc_position", g.position(c), ref["gvc"]["gvc_position"][c].get<double>(), kDecompRtol);
    }
    const SectorPosition p = sector_position(s);
    for (std::size_t j = 0; j < s.GN; ++j) {
        EXPECT_CLOSE("upstreamness", p.upstreamness(j), ref["upstreamness"][j].get<double>(), kDecompRtol);
        EXPECT_CLOSE("downstreamness", p.downstreamness(j), ref["downstreamness"][j].get<double>(), kDecompRtol);
    }
}

void expect_same_table(const IoTable& a, const IoTable& b) {
    ASSERT_EQ(a.countries, b.countries);
    ASSERT_EQ(a.sectors, b.sectors);
    const WwzDecomposition wa = wwz(leontief_system(a)), wb = wwz(leontief_system(b));
    for (std::size_t t = 0; t < wa.terms.size(); ++t)
        for (std::size_t k = 0; k < wa.terms[t].n_elem; ++k)
            EXPECT_TRUE(close(wwz_terms()[t], wa.terms[t](k), wb.terms[t](k), kLayoutRtol, kUnitFloor));
}

// The small fixture rewritten in the long layout (and its output file) under `dir`.
std::pair<std::string, std::string> write_long(const IoTable& t, const std::string& dir, bool with_year) {
    const std::string path = dir + "/long.csv", output = dir + "/output.csv";
    std::ofstream out(path), o(output);
    out.precision(17);
    o.precision(17);
    out << "row_country,row_industry,col_country,col_use,value" << (with_year ? ",year" : "") << "\n";
    o << "country,industry,output" << (with_year ? ",year" : "") << "\n";
    const std::vector<std::string> years = with_year ? std::vector<std::string>{"2010", "2011"} : std::vector<std::string>{""};
    for (const auto& year : years) {
        const double scale = year == "2011" ? 2.0 : 1.0;
        const std::string tail = with_year ? "," + year : "";
        for (std::size_t i = 0; i < t.GN(); ++i) {
            const std::string row = t.countries[i / t.N()] + "," + t.sectors[i % t.N()];
            for (std::size_t j = 0; j < t.GN(); ++j)
                if (t.intermediate(i, j) != 0)  // absent cells are zero
                    out << row << "," << t.countries[j / t.N()] << "," << t.sectors[j % t.N()] << "," << scale * t.intermediate(i, j) << tail << "\n";
            for (std::size_t c = 0; c < t.final_demand.n_cols; ++c)
                out << row << "," << t.countries[c / t.fd_categories.size()] << ","
                    << t.fd_categories[c % t.fd_categories.size()] << "," << scale * t.final_demand(i, c) << tail << "\n";
            o << row << "," << scale * t.output(i) << tail << "\n";
        }
    }
    return {path, output};
}

// The small fixture rewritten in WIOD's layout.
std::string write_wiod(const IoTable& t, const std::string& dir) {
    const std::string path = dir + "/wiot.csv";
    std::ofstream out(path);
    out.precision(17);
    out << "IndustryCode,IndustryDescription,Country,RNr,Year";
    for (const auto& c : t.countries)
        for (std::size_t n = 1; n <= t.N(); ++n) out << "," << c << n;
    for (const auto& c : t.countries)
        for (std::size_t k = 0; k < t.fd_categories.size(); ++k) out << "," << c << 57 + k;
    out << ",TOT\n";
    auto numbers = [&](const arma::rowvec& z, const arma::rowvec& f) {
        for (double v : z) out << "," << v;
        for (double v : f) out << "," << v;
        out << "," << arma::accu(z) + arma::accu(f) << "\n";
    };
    for (std::size_t i = 0; i < t.GN(); ++i) {
        out << t.sectors[i % t.N()] << ",a sector," << t.countries[i / t.N()] << "," << i % t.N() + 1 << ",2014";
        numbers(t.intermediate.row(i), t.final_demand.row(i));
    }
    const arma::rowvec none(t.final_demand.n_cols, arma::fill::zeros);
    out << "II_fob,Total intermediate consumption,TOT,64,2014";
    numbers(arma::sum(t.intermediate, 0), none);
    out << "VA,Value added at basic prices,TOT,70,2014";
    numbers(t.value_added.t(), none);
    out << "GO,Output at basic prices,TOT,73,2014";
    numbers(t.output.t(), none);
    return path;
}

IoTable small_table() { return read_io_tables(fixture("measures/small_icio_wide.csv"), IoLayout::oecd).at(0); }

TEST(IcioReference, LeatherWideMatchesDecompr) {
    GVCPANEL_REQUIRE_SHARED("wave2");
    const auto tables = read_io_tables(shared_data("wave2/leather_icio_wide.csv"), IoLayout::oecd);
    ASSERT_EQ(tables.size(), 1u);
    EXPECT_EQ(tables[0].countries, (std::vector<std::string>{"Argentina", "Turkey", "Germany"}));
    EXPECT_EQ(tables[0].sectors, (std::vector<std::string>{"Agriculture", "Textile_and_Leather", "Transport_Equipment"}));
    expect_matches_decompr(tables[0], read_json(fixture("measures/decompr_reference.json"))["leather"]);
    EXPECT_TRUE(check_identities(tables[0], 1e-12).gaps.empty());
}

TEST(IcioReference, LeatherLongEqualsWide) {
    GVCPANEL_REQUIRE_SHARED("wave2");
    const auto wide = read_io_tables(shared_data("wave2/leather_icio_wide.csv"), IoLayout::oecd);
    const auto long_tables = read_io_tables(shared_data("wave2/leather_long.csv"), IoLayout::long_format,
                                            shared_data("wave2/leather_output.csv"));
    ASSERT_EQ(long_tables.size(), 1u);
    expect_same_table(wide[0], long_tables[0]);
    expect_matches_decompr(long_tables[0], read_json(fixture("measures/decompr_reference.json"))["leather"]);
}

TEST(IcioReference, SmallTableMatchesDecompr) {
    const IoTable t = small_table();
    EXPECT_EQ(t.fd_categories, (std::vector<std::string>{"HFCE", "GFCF"}));
    expect_matches_decompr(t, read_json(fixture("measures/decompr_reference.json"))["small"]);
}

TEST(IcioRead, LongAndWiodLayoutsGiveTheWideNumbers) {
    const IoTable wide = small_table();
    const std::string dir = testing::temp_dir();
    const auto [path, output] = write_long(wide, dir, false);
    expect_same_table(wide, read_io_tables(path, IoLayout::long_format, output).at(0));
    // Without an output file the output is intermediate plus final use: the fixture's own output.
    expect_same_table(wide, read_io_tables(path, IoLayout::long_format).at(0));
    const IoTable wiod = read_io_tables(write_wiod(wide, dir), IoLayout::wiod).at(0);
    EXPECT_EQ(wiod.year, "2014");
    expect_same_table(wide, wiod);
    EXPECT_TRUE(check_identities(wiod, 1e-12).gaps.empty());
}

TEST(IcioRead, LongLayoutWithYearsGivesOneTablePerYear) {
    const IoTable wide = small_table();
    const auto [path, output] = write_long(wide, testing::temp_dir(), true);
    const auto tables = read_io_tables(path, IoLayout::long_format, output);
    ASSERT_EQ(tables.size(), 2u);
    EXPECT_EQ(tables[0].year, "2010");
    EXPECT_EQ(tables[1].year, "2011");
    expect_same_table(wide, tables[0]);
    // Doubling every flow doubles every term.
    const WwzDecomposition w1 = wwz(leontief_system(tables[0])), w2 = wwz(leontief_system(tables[1]));
    for (std::size_t t = 0; t < w1.terms.size(); ++t)
        for (std::size_t k = 0; k < w1.terms[t].n_elem; ++k)
            EXPECT_TRUE(close(wwz_terms()[t], w2.terms[t](k), 2 * w1.terms[t](k), kLayoutRtol, kUnitFloor));
}

// A table of 5 countries x 4 sectors x 3 categories drawn here, one sector without output.
IoTable drawn_table() {
    std::mt19937_64 gen(7);
    std::uniform_real_distribution<double> flow(0.0, 10.0);
    IoTable t;
    t.countries = {"A", "B", "C", "D", "E"};
    t.sectors = {"s1", "s2", "s3", "s4"};
    t.fd_categories = {"h", "g", "i"};
    t.intermediate.set_size(20, 20);
    t.final_demand.set_size(20, 15);
    t.intermediate.imbue([&] { return flow(gen); });
    t.final_demand.imbue([&] { return 3 * flow(gen); });
    t.intermediate.row(6).zeros();  // B_s3 neither sells nor buys nor produces
    t.intermediate.col(6).zeros();
    t.final_demand.row(6).zeros();
    t.output = arma::sum(t.intermediate, 1) + arma::sum(t.final_demand, 1);
    t.output_given = true;
    t.value_added = t.output - arma::sum(t.intermediate, 0).t();
    t.other_inputs.zeros(20);
    t.source = "drawn";
    return t;
}

TEST(IcioIdentities, DecompositionsSumToGrossExports) {
    const IoTable t = drawn_table();
    const IoSystem s = leontief_system(t);
    // B is the inverse of I - A.
    EXPECT_LT(arma::abs(s.B * (arma::eye(20, 20) - s.A) - arma::eye(20, 20)).max(), 1e-13);
    const WwzDecomposition w = wwz(s);
    arma::mat total(20, 5, arma::fill::zeros);
    for (std::size_t k = 0; k < 16; ++k) total += w.terms[k];
    for (std::size_t k = 0; k < total.n_elem; ++k)
        EXPECT_TRUE(close("sum of the 16 terms", total(k), w.terms[16](k), kDecompRtol, kUnitFloor));
    // decompr's wwz2kww: WWZ summed by exporter gives the KWW terms.
    const KwwDecomposition k = kww(s);
    const std::vector<std::vector<int>> kww_from_wwz = {{0}, {1, 2}, {3, 4}, {6, 7}, {5}, {12, 13}, {8, 9}, {10, 11}, {14, 15}};
    for (std::size_t term = 0; term < kww_from_wwz.size(); ++term) {
        arma::vec sum(20, arma::fill::zeros);
        for (int part : kww_from_wwz[term]) sum += arma::sum(w.terms[part], 1);
        const arma::mat by_country = s.sum_by_country(sum);
        for (std::size_t c = 0; c < 5; ++c)
            EXPECT_TRUE(close(kww_terms()[term], k.terms(c, term), by_country(c), kDecompRtol, kUnitFloor));
    }
    EXPECT_LT(arma::abs(arma::sum(k.terms, 1) - k.exports).max(), 1e-10);
    // The sector without output has no upstreamness.
    EXPECT_TRUE(std::isnan(sector_position(s).upstreamness(6)));
}

TEST(IcioIdentities, GapsAreReportedWithTheirSize) {
    IoTable t = drawn_table();
    EXPECT_TRUE(check_identities(t, 1e-12).gaps.empty());
    t.output(3) += 0.5;
    t.value_added(10) -= 2.0;
    const IdentityReport report = check_identities(t, 1e-9);
    ASSERT_EQ(report.gaps.size(), 3u);  // row and column of A_s4, column of C_s3
    const std::string text = describe(report, "drawn");
    EXPECT_NE(text.find("A_s4: output = intermediate use + final use fails"), std::string::npos) << text;
    EXPECT_NE(text.find("C_s3: output = inputs + value added fails"), std::string::npos) << text;
    EXPECT_NE(text.find("gap -2"), std::string::npos) << text;
}

void expect_error(const std::string& content, IoLayout layout, const std::string& expected) {
    const std::string path = testing::temp_dir() + "/table.csv";
    std::ofstream(path) << content;
    try {
        read_io_tables(path, layout);
        ADD_FAILURE() << "no error for " << content;
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find(expected), std::string::npos) << e.what();
    }
}

TEST(IcioRead, BadTablesAreNamedErrors) {
    const std::string header = "row,A_x,A_y,B_x,B_y,A_FD,B_FD\n";
    expect_error(header + "A_x,1,2,3,4,5,6\nA_y,1,2,3,4,5,6\nB_x,1,2,3,,5,6\nB_y,1,2,3,4,5,6\n", IoLayout::oecd,
                 ":4 (row B_x, column B_y): missing");
    expect_error("row,A_x,A_y,B_x,B_z,A_FD,B_FD\nA_x,1,2,3,4,5,6\nA_y,1,2,3,4,5,6\nB_x,1,2,3,4,5,6\nB_z,1,2,3,4,5,6\n",
                 IoLayout::oecd, "country B does not have the sectors of A");
    expect_error(header + "A_x,1,2,3,4,5,6\nA_y,1,2,3,4,5,6\nB_x,1,2,3,4,5,6\n", IoLayout::oecd,
                 "country B does not have the sectors of A in the same order (x against x y");
    expect_error("row,A_x,Ax,A_FD\nA_x,1,2,3\n", IoLayout::oecd, "column 'Ax' is not COUNTRY_SECTOR");
    expect_error("row_country,row_industry,col_country,col_use,value\nA,x,A,x,1\nA,x,A,x,2\nA,x,A,fd,1\n",
                 IoLayout::long_format, ":3: the cell A_x -> A_x appears twice");
    EXPECT_THROW(parse_io_layout("wide"), Error);
}

}  // namespace
}  // namespace gvcpanel::measures
