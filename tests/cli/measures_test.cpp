// `gvcpanel measures icio` end to end on the small table of tests/fixtures/measures: the columns
// of the contract (decompr's names, keys country / exporter, sector, importer, year), values that
// equal decompr's (decompr_reference.json), gaps reported on standard error, refusals.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "data/read.hpp"
#include "support/compare.hpp"
#include "support/paths.hpp"

namespace gvcpanel::testing {
namespace {

struct CommandRun {
    int status = -1;
    std::string err;
};

CommandRun measures(const std::string& args, const std::string& dir) {
    const std::string err = dir + "/err.txt";
    const int raw = std::system((program() + " measures " + args + " >" + dir + "/out.txt 2>" + err).c_str());
    std::ifstream in(err);
    std::stringstream text;
    text << in.rdbuf();
    return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, text.str()};
}

// Printed with 17 digits, compared to decompr's values at the decomposition tests' 1e-10.
constexpr double kRtol = 1e-10;

TEST(MeasuresIcio, KwwWithIndicatorsByCountry) {
    const std::string dir = temp_dir();
    const CommandRun run = measures("icio --table " + fixture("measures/small_icio_wide.csv") +
                                 " --decomp kww --indicators participation,position --year 2015 --out " + dir + "/kww.csv",
                             dir);
    ASSERT_EQ(run.status, 0) << run.err;
    const data::Frame f = data::read_csv(dir + "/kww.csv");
    EXPECT_EQ(f.names(), (std::vector<std::string>{"country", "year", "DVA_FIN", "DVA_INT", "DVA_INTrex", "RDV_FIN", "RDV_INT",
                                                   "DDC", "FVA_FIN", "FVA_INT", "FDC", "texp", "gvc_participation",
                                                   "gvc_position"}));
    ASSERT_EQ(f.rows(), 4u);
    const auto ref = read_json(fixture("measures/decompr_reference.json"))["small"];
    for (std::size_t c = 0; c < 4; ++c) {
        const std::string country = f.column("country").text(c);
        EXPECT_EQ(f.column("year").text(c), "2015");
        EXPECT_CLOSE(country + " FDC", f.column("FDC").number(c), ref["kww"][country]["FDC"].get<double>(), kRtol);
        EXPECT_CLOSE(country + " position", f.column("gvc_position").number(c), ref["gvc"]["gvc_position"][c].get<double>(), kRtol);
    }
}

TEST(MeasuresIcio, WwzAndSectorIndicators) {
    const std::string dir = temp_dir();
    ASSERT_EQ(measures("icio --table " + fixture("measures/small_icio_wide.csv") + " --decomp wwz --out " + dir + "/w.csv", dir).status, 0);
    const data::Frame w = data::read_csv(dir + "/w.csv");
    EXPECT_EQ(w.rows(), 4u * 3u * 4u);
    EXPECT_EQ(w.names().at(2), "importer");
    EXPECT_EQ(w.names().at(3), "DVA_FIN");
    EXPECT_EQ(w.names().back(), "texpfd");
    ASSERT_EQ(measures("icio --table " + fixture("measures/small_icio_wide.csv") + " --indicators upstreamness,downstreamness --out " +
                           dir + "/u.csv",
                       dir)
                  .status,
              0);
    const data::Frame u = data::read_csv(dir + "/u.csv");
    EXPECT_EQ(u.names(), (std::vector<std::string>{"country", "sector", "upstreamness", "downstreamness"}));
    EXPECT_EQ(u.rows(), 12u);
}

TEST(MeasuresIcio, GapsGoToStandardError) {
    const std::string dir = temp_dir();
    std::ifstream in(fixture("measures/small_icio_wide.csv"));
    std::stringstream text;
    text << in.rdbuf();
    std::string table = text.str();
    const auto out_row = table.rfind("OUT,");
    table.replace(out_row, table.find(',', out_row + 4) - out_row, "OUT,1000");  // AAA_S1's output
    std::ofstream(dir + "/t.csv") << table;
    const CommandRun run = measures("icio --table " + dir + "/t.csv --decomp kww --out " + dir + "/k.csv", dir);
    EXPECT_EQ(run.status, 0) << run.err;
    EXPECT_NE(run.err.find("AAA_S1: output = intermediate use + final use fails: output 1000"), std::string::npos) << run.err;
    EXPECT_NE(run.err.find("AAA_S1: output = inputs + value added fails"), std::string::npos) << run.err;
}

TEST(MeasuresIcio, Refusals) {
    const std::string dir = temp_dir();
    const std::string table = " --table " + fixture("measures/small_icio_wide.csv") + " --out " + dir + "/x.csv";
    CommandRun run = measures("icio" + table + " --indicators participation,upstreamness", dir);
    EXPECT_EQ(run.status, 1);
    EXPECT_NE(run.err.find("write them in two runs"), std::string::npos) << run.err;
    run = measures("icio" + table, dir);
    EXPECT_NE(run.err.find("nothing to compute"), std::string::npos) << run.err;
    run = measures("icio" + table + " --decomp bm", dir);
    EXPECT_NE(run.err.find("expected kww or wwz"), std::string::npos) << run.err;
    run = measures("icoi" + table, dir);
    EXPECT_NE(run.err.find("did you mean"), std::string::npos) << run.err;
}

TEST(MeasuresTrade, PairsCountriesOrProducts) {
    const std::string dir = temp_dir();
    const std::string data = " --data " + fixture("measures/small_trade.csv") + " --exporter country --product product --value value";
    CommandRun run = measures("trade" + data + " --gdp " + fixture("measures/small_gdp.csv") + " --method eigenvalues --out " + dir + "/t.csv", dir);
    ASSERT_EQ(run.status, 0) << run.err;
    data::ReadOptions text;
    text.text_columns = {"product"};
    const data::Frame t = data::read_csv(dir + "/t.csv", text);
    EXPECT_EQ(t.names(), (std::vector<std::string>{"country", "product", "rca", "prody", "expy", "eci", "pci", "density"}));
    EXPECT_EQ(t.rows(), 80u);
    EXPECT_EQ(t.column("product").text(0), "0011");
    const auto ref = read_json(fixture("measures/complexity_reference.json"))["small"];
    for (std::size_t i = 0; i < t.rows(); ++i) {
        const std::string c = t.column("country").text(i), p = t.column("product").text(i);
        EXPECT_CLOSE("eci " + c, t.column("eci").number(i), ref["eci_eigenvalues"][c].get<double>(), 1e-8);
        EXPECT_CLOSE("prody " + p, t.column("prody").number(i), ref["prody"][p].get<double>(), 1e-8);
    }
    ASSERT_EQ(measures("trade" + data + " --indicators eci --out " + dir + "/c.csv", dir).status, 0);
    EXPECT_EQ(data::read_csv(dir + "/c.csv").names(), (std::vector<std::string>{"country", "eci"}));
    ASSERT_EQ(measures("trade" + data + " --indicators pci --out " + dir + "/p.csv", dir).status, 0);
    EXPECT_EQ(data::read_csv(dir + "/p.csv").rows(), 10u);
    run = measures("trade" + data + " --indicators expy --out " + dir + "/x.csv", dir);
    EXPECT_EQ(run.status, 1);
    EXPECT_NE(run.err.find("needs GDP per capita"), std::string::npos) << run.err;
}

TEST(MeasuresCluster, RegionIndustryYearRows) {
    const std::string dir = temp_dir();
    const CommandRun run = measures("cluster --data " + fixture("measures/cluster_plants.csv") +
                                        " --region region --industry industry --year year --size employment --firm firm --out " + dir + "/c.csv",
                                    dir);
    ASSERT_EQ(run.status, 0) << run.err;
    const data::Frame c = data::read_csv(dir + "/c.csv");
    EXPECT_EQ(c.names(), (std::vector<std::string>{"region", "industry", "year", "lq", "hhi", "krugman", "eg", "gini"}));
    EXPECT_EQ(c.rows(), 2u * 5u * 4u);
    const auto ref = read_json(fixture("measures/cluster_reference.json"));
    EXPECT_CLOSE("eg food 2011", c.column("eg").number(20), ref["2011"]["eg"][0].get<double>(), 1e-12);
    EXPECT_EQ(c.column("year").text(20), "2011");
    EXPECT_EQ(c.column("industry").text(20), "food");
}

// fit --merge: the model sees the measures as if they were in the data file.
TEST(FitMerge, EqualsAFitOnThePremergedFile) {
    const std::string dir = temp_dir();
    std::ofstream(dir + "/panel.csv") << "firm,year,country,y,x\n1,2000,AR,1.0,0.3\n1,2001,AR,2.1,0.9\n2,2000,DE,0.4,1.2\n"
                                         "2,2001,DE,1.7,0.1\n3,2000,TR,2.2,0.8\n3,2001,TR,0.9,0.4\n4,2000,AR,1.3,1.5\n";
    std::ofstream(dir + "/m.csv") << "country,year,gvc\nAR,2000,0.5\nAR,2001,0.7\nDE,2000,0.2\nDE,2001,0.1\nTR,2000,0.9\nTR,2001,0.3\n";
    std::ofstream(dir + "/merged.csv") << "firm,year,country,y,x,gvc\n1,2000,AR,1.0,0.3,0.5\n1,2001,AR,2.1,0.9,0.7\n"
                                          "2,2000,DE,0.4,1.2,0.2\n2,2001,DE,1.7,0.1,0.1\n3,2000,TR,2.2,0.8,0.9\n"
                                          "3,2001,TR,0.9,0.4,0.3\n4,2000,AR,1.3,1.5,0.5\n";
    auto fit = [&](const std::string& args, const std::string& out) {
        return std::system((program() + " fit --model \"y ~ x + gvc\" --format json " + args + " --out " + out + " 2>" + dir + "/err.txt").c_str());
    };
    ASSERT_EQ(fit("--data " + dir + "/panel.csv --merge " + dir + "/m.csv --on \"country year\"", dir + "/a.json"), 0);
    ASSERT_EQ(fit("--data " + dir + "/merged.csv", dir + "/b.json"), 0);
    const auto a = read_json(dir + "/a.json"), b = read_json(dir + "/b.json");
    ASSERT_TRUE(a.contains("coef"));
    EXPECT_EQ(a["coef"], b["coef"]);
    EXPECT_NE(fit("--data " + dir + "/panel.csv --merge " + dir + "/m.csv --on \"country sector\"", dir + "/c.json"), 0);
}

}  // namespace
}  // namespace gvcpanel::testing
