// Trade measures against R economiccomplexity 2.0.0 (tests/fixtures/measures/complexity_reference.R):
// RCA, ECI/PCI by reflections and by eigenvectors, PRODY/EXPY and density on its shipped world
// trade data (../shared) and on a small table of our own (tests/fixtures/measures/small_trade.csv);
// reading: duplicated pairs summed, years apart, bad values named.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "data/error.hpp"
#include "data/read.hpp"
#include "measures/complexity.hpp"
#include "measures/product_space.hpp"
#include "measures/trade_matrix.hpp"
#include "measures/trade_measures.hpp"
#include "support/compare.hpp"
#include "support/paths.hpp"

namespace gvcpanel::measures {
namespace {

using gvcpanel::testing::fixture;
using gvcpanel::testing::read_json;
using gvcpanel::testing::shared_data;

// The issue asks 1e-8. The eigenvector comes from different LAPACK routines (dgeev there, dsyevd
// here), which agree to ~1e-12 on these sizes. The method of reflections is ill-conditioned: the
// informative part of k_c,n decays as lambda_2^n while its mean converges, so standardising step
// 18 divides rounding by ~1e-7; it meets 1e-8 only because the matrix is in economiccomplexity's
// order (sorted names), so the sums run in the same order (in appearance order it matched 7 digits).
constexpr double kRtol = 1e-8;
// The indices are standardised (of order 1); near zero compare absolutely.
constexpr double kFloor = 1e-2;

TradeMatrix read_matrix(const std::string& path) {
    data::ReadOptions options;
    options.text_columns = {"country", "product"};
    return trade_matrices(data::read_csv(path, options), {"country", "product", "value", "", ""}).at(0);
}

arma::vec read_gdp(const TradeMatrix& m, const std::string& path) {
    const data::Frame f = data::read_csv(path, [] { data::ReadOptions o; o.text_columns = {"country"}; return o; }());
    arma::vec gdp(m.countries.size());
    gdp.fill(arma::datum::nan);
    for (std::size_t i = 0; i < f.rows(); ++i) {
        const auto it = std::find(m.countries.begin(), m.countries.end(), f.column("country").text(i));
        if (it != m.countries.end()) gdp(it - m.countries.begin()) = f.column("value").number(i);
    }
    return gdp;
}

std::size_t index_of(const std::vector<std::string>& names, const std::string& name) {
    const auto it = std::find(names.begin(), names.end(), name);
    EXPECT_NE(it, names.end()) << name;
    return it - names.begin();
}

void expect_matches(const TradeMatrix& m, const arma::vec& gdp, const nlohmann::json& ref) {
    const arma::mat rca = balassa_index(m.exports);
    const arma::mat M = binary_advantage(rca);
    const auto& pairs = ref["pairs"];
    const arma::mat dens = density(M, product_proximity(M));
    for (std::size_t k = 0; k < pairs["country"].size(); ++k) {
        const std::size_t c = index_of(m.countries, pairs["country"][k]), p = index_of(m.products, pairs["product"][k]);
        const std::string where = m.countries[c] + "," + m.products[p];
        EXPECT_CLOSE("rca " + where, rca(c, p), pairs["rca"][k].get<double>(), kRtol);
        EXPECT_EQ(M(c, p), pairs["binary"][k].get<double>()) << where;
        EXPECT_TRUE(testing::close("density " + where, dens(c, p), pairs["density"][k].get<double>(), kRtol, kFloor));
    }
    for (const auto method : {ComplexityMethod::reflections, ComplexityMethod::eigenvalues}) {
        const std::string suffix = method == ComplexityMethod::reflections ? "_reflections" : "_eigenvalues";
        const Complexity cx = complexity(M, method);
        for (const auto& [country, value] : ref["eci" + suffix].items())
            EXPECT_TRUE(testing::close("eci" + suffix + " " + country, cx.eci(index_of(m.countries, country)), value.get<double>(), kRtol, kFloor));
        for (const auto& [product, value] : ref["pci" + suffix].items())
            EXPECT_TRUE(testing::close("pci" + suffix + " " + product, cx.pci(index_of(m.products, product)), value.get<double>(), kRtol, kFloor));
    }
    const Productivity prod = productivity_levels(m.exports, gdp);
    for (const auto& [product, value] : ref["prody"].items())
        EXPECT_CLOSE("prody " + product, prod.prody(index_of(m.products, product)), value.get<double>(), kRtol);
    for (const auto& [country, value] : ref["expy"].items())
        EXPECT_CLOSE("expy " + country, prod.expy(index_of(m.countries, country)), value.get<double>(), kRtol);
}

TEST(TradeReference, WorldTradeMatchesEconomiccomplexity) {
    GVCPANEL_REQUIRE_SHARED("wave2");
    const TradeMatrix m = read_matrix(shared_data("wave2/world_trade_avg_1998_to_2000.csv"));
    EXPECT_EQ(m.products.at(0), "0011");  // codes stay text
    expect_matches(m, read_gdp(m, shared_data("wave2/world_gdp_avg_1998_to_2000.csv")),
                   read_json(fixture("measures/complexity_reference.json"))["world"]);
}

TEST(TradeReference, SmallTableMatchesEconomiccomplexity) {
    const TradeMatrix m = read_matrix(fixture("measures/small_trade.csv"));
    expect_matches(m, read_gdp(m, fixture("measures/small_gdp.csv")), read_json(fixture("measures/complexity_reference.json"))["small"]);
}

TEST(TradeRead, DuplicatesAreSummedYearsKeptApartBadValuesNamed) {
    const std::string path = testing::temp_dir() + "/t.csv";
    std::ofstream(path) << "c,p,v,y\na,01,1,2000\na,01,2,2000\nb,01,5,2000\na,02,7,2001\n";
    data::ReadOptions o;
    o.text_columns = {"c", "p"};
    const auto ms = trade_matrices(data::read_csv(path, o), {"c", "p", "v", "y", ""});
    ASSERT_EQ(ms.size(), 2u);
    EXPECT_EQ(ms[0].exports(0, 0), 3.0);
    EXPECT_EQ(ms[0].exports(1, 0), 5.0);
    EXPECT_EQ(ms[1].products, std::vector<std::string>{"02"});
    std::ofstream(path) << "c,p,v\na,01,1\nb,01,-2\n";
    try {
        trade_matrices(data::read_csv(path, o), {"c", "p", "v", "", ""});
        ADD_FAILURE() << "a negative export was accepted";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find(":3: v is -2"), std::string::npos) << e.what();
    }
    TradeRequest request;
    request.indicators = {"prody"};
    EXPECT_THROW(validate(request), Error);  // prody without GDP
    request.indicators = {"unit_value"};
    EXPECT_THROW(validate(request), Error);  // unit values without quantities
}

TEST(TradeMeasures, UnitValuesAreValueOverQuantityByPair) {
    const std::string path = testing::temp_dir() + "/t.csv";
    std::ofstream(path) << "c,p,v,q\na,01,10,2\na,01,5,1\nb,01,4,\nb,02,6,3\na,02,1,0\n";
    data::ReadOptions o;
    o.text_columns = {"c", "p"};
    TradeColumns columns{"c", "p", "v", "", "q"};
    TradeRequest request;
    request.indicators = {"unit_value"};
    request.quantities = true;
    validate(request);
    const data::Frame f = trade_measures(trade_matrices(data::read_csv(path, o), columns), request);
    ASSERT_EQ(f.rows(), 4u);  // a, b x 01, 02
    EXPECT_EQ(f.column("unit_value").number(0), 15.0 / 3.0);              // a 01: both rows summed
    EXPECT_TRUE(std::isnan(f.column("unit_value").number(1)));            // a 02: quantity 0
    EXPECT_TRUE(std::isnan(f.column("unit_value").number(2)));            // b 01: quantity missing
    EXPECT_EQ(f.column("unit_value").number(3), 2.0);                     // b 02
    EXPECT_EQ(f.column("country").text(2), "b");
    EXPECT_EQ(f.column("product").text(2), "01");
}

}  // namespace
}  // namespace gvcpanel::measures
