#include "data/csv_writer.hpp"

#include <gtest/gtest.h>

#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

#include "data/error.hpp"
#include "data/random.hpp"
#include "data/read.hpp"
#include "data/simulate.hpp"
#include "support/paths.hpp"

namespace gvcpanel::data {
namespace {

std::string csv(const Frame& frame) {
    std::ostringstream out;
    write_csv(frame, out);
    return out.str();
}

TEST(WriteCsv, WritesHeaderNumbersIntegersAndMissingCells) {
    Frame f;
    f.add(Column::integer("firm", {1, kMissingInteger, -30}));
    f.add(Column::numeric("x", {0.1, std::nan(""), -2.5e-300}));
    f.add(Column::numeric("y", {3.0, 1e21, 123456.789}));
    EXPECT_EQ(csv(f), "firm,x,y\n1,0.1,3\n,,1e+21\n-30,-2.5e-300,123456.789\n");
}

TEST(WriteCsv, QuotesCategoricalTextPerRfc4180) {
    Frame f;
    f.add(Column::categorical("name, full", {0, 1, 2, 3, 4, kMissingCode},
                              {"plain", "a,b", "say \"hi\"", "two\nlines", ""}));
    EXPECT_EQ(csv(f),
              "\"name, full\"\nplain\n\"a,b\"\n\"say \"\"hi\"\"\"\n\"two\nlines\"\n\"\"\n\n");
}

TEST(WriteCsv, NumbersAreTheShortestTextThatReadsBackExactly) {
    Random random(11);
    std::vector<double> values;
    for (int i = 0; i < 2000; ++i)
        values.push_back(random.normal() * std::pow(10.0, random.uniform(-30.0, 30.0)));
    values.push_back(0.1 + 0.2);
    values.push_back(-0.0);
    Frame f;
    f.add(Column::numeric("v", values));
    std::istringstream in(csv(f));
    std::string line;
    std::getline(in, line);
    for (double expected : values) {
        std::getline(in, line);
        double actual = 0;
        std::from_chars(line.data(), line.data() + line.size(), actual);
        ASSERT_EQ(std::signbit(actual), std::signbit(expected)) << line;
        ASSERT_EQ(actual, expected) << line;
        char shortest[32];
        const auto end = std::to_chars(shortest, shortest + sizeof shortest, expected).ptr;
        ASSERT_EQ(line, std::string(shortest, end));
    }
}

TEST(WriteCsv, WritesAFileAndNamesItWhenItCannot) {
    Frame f;
    f.add(Column::integer("a", {1, 2}));
    const std::string path = testing::temp_dir() + "/out.csv";
    write_csv(f, path);
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    EXPECT_EQ(text.str(), "a\n1\n2\n");
    const std::string bad = testing::temp_dir() + "/no/such/folder/out.csv";
    try {
        write_csv(f, bad);
        FAIL() << "no error for " << bad;
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find(bad), std::string::npos) << e.what();
    }
}

// Every cell reads back as the same value: the same double bit for bit, the same integer, the
// same level text (level order may differ: the reader numbers levels as it meets them).
void expect_same_cells(const Frame& written, const Frame& read) {
    ASSERT_EQ(read.names(), written.names());
    ASSERT_EQ(read.rows(), written.rows());
    for (std::size_t c = 0; c < written.cols(); ++c) {
        const Column& a = written.column(c);
        const Column& b = read.column(c);
        EXPECT_EQ(b.type, a.type) << a.name;
        for (std::size_t i = 0; i < written.rows(); ++i) {
            ASSERT_EQ(b.is_missing(i), a.is_missing(i)) << a.name << " row " << i;
            if (a.type == ColumnType::categorical) {
                ASSERT_EQ(b.text(i), a.text(i)) << a.name << " row " << i;
            } else if (!a.is_missing(i)) {
                ASSERT_EQ(b.number(i), a.number(i)) << a.name << " row " << i;
            }
        }
    }
}

TEST(WriteCsv, TheSimulatedPanelReadsBackCellForCell) {
    SimulationOptions options;
    options.firms = 200;
    options.missing_share = 0.05;
    const Frame written = simulate(options).frame;
    const std::string path = testing::temp_dir() + "/panel.csv";
    write_csv(written, path);
    expect_same_cells(written, read_csv(path));
}

TEST(WriteCsv, QuotedTextReadsBack) {
    Frame written;
    written.add(Column::categorical("label, long", {0, 1, 2, 3, kMissingCode, 0},
                                    {"a,b", "say \"hi\"", "two\nlines", " padded "}));
    written.add(Column::numeric("x", {0.5, -1.25, std::nan(""), 1e-7, 2.5, 3.75}));
    const std::string path = testing::temp_dir() + "/quoted.csv";
    write_csv(written, path);
    expect_same_cells(written, read_csv(path));
}

}  // namespace
}  // namespace gvcpanel::data
