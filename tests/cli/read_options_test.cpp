// The reading options of every command that reads data (--na, --decimal, --text, --data -), end
// to end through the program: issue 17 items 1, 3 and 5 as a user meets them.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "support/paths.hpp"

namespace gvcpanel::testing {
namespace {

struct Outcome {
    int status = -1;
    std::string out, err;
};

std::string slurp(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// Runs a shell command line (bash, for <(...)) with `gvcpanel` standing for the program.
Outcome run(const std::string& line, const std::string& dir) {
    const std::string script = dir + "/run.sh", out = dir + "/out.txt", err = dir + "/err.txt";
    std::ofstream(script) << "gvcpanel() { \"" << program() << "\" \"$@\"; }\n" << line << "\n";
    const int raw = std::system(("bash " + script + " >" + out + " 2>" + err).c_str());
    return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, slurp(out), slurp(err)};
}

// Forty firm-years with a share column; `cell(r)` writes row r's share.
template <typename Cell>
std::string panel(const std::string& separator, Cell cell) {
    std::string csv = "firm" + separator + "year" + separator + "y" + separator + "share\n";
    for (int r = 0; r < 40; ++r)
        csv += std::to_string(r / 4 + 1) + separator + std::to_string(2001 + r % 4) + separator +
               std::to_string((r * 37) % 11) + separator + cell(r) + "\n";
    return csv;
}

std::string share(int r) { return "0." + std::to_string(10 + (r * 13) % 80); }

const std::string kFit = " --panel firm,year --model \"y ~ share | firm\" --format json";

TEST(ReadOptionsCommand, AStrayTokenIsAnErrorAndNaReadsItAsMissing) {
    const std::string dir = temp_dir();
    std::ofstream(dir + "/stray.csv") << panel(",", [](int r) { return r == 5 ? std::string("n/a") : share(r); });
    std::ofstream(dir + "/blank.csv") << panel(",", [](int r) { return r == 5 ? std::string() : share(r); });
    const Outcome stray = run("gvcpanel fit --data " + dir + "/stray.csv" + kFit, dir);
    EXPECT_EQ(stray.status, 1);
    EXPECT_NE(stray.err.find(dir + "/stray.csv:7:10: column 'share' holds numbers, but \"n/a\" is not one"),
              std::string::npos)
        << stray.err;
    EXPECT_NE(stray.err.find("--na \"n/a\""), std::string::npos) << stray.err;
    const Outcome na = run("gvcpanel fit --data " + dir + "/stray.csv --na \"n/a\"" + kFit, dir);
    ASSERT_EQ(na.status, 0) << na.err;
    EXPECT_EQ(na.out, run("gvcpanel fit --data " + dir + "/blank.csv" + kFit, dir).out);
    EXPECT_EQ(run("gvcpanel describe --data " + dir + "/stray.csv --panel firm,year --na n/a", dir).status, 0);
}

TEST(ReadOptionsCommand, DecimalCommasReadWithTheDecimalOption) {
    const std::string dir = temp_dir();
    std::ofstream(dir + "/point.csv") << panel(",", share);
    std::ofstream(dir + "/comma.csv") << panel(";", [](int r) {
        std::string text = share(r);
        text[1] = ',';
        return text;
    });
    const Outcome without = run("gvcpanel fit --data " + dir + "/comma.csv" + kFit, dir);
    EXPECT_EQ(without.status, 1);
    EXPECT_NE(without.err.find("add --decimal ,"), std::string::npos) << without.err;
    const Outcome comma = run("gvcpanel fit --data " + dir + "/comma.csv --decimal ," + kFit, dir);
    ASSERT_EQ(comma.status, 0) << comma.err;
    EXPECT_EQ(comma.out, run("gvcpanel fit --data " + dir + "/point.csv" + kFit, dir).out);
}

// Issue 17 item 3: six 20-digit firm codes were one fixed effect.
TEST(ReadOptionsCommand, TwentyDigitIdsStayDistinctFixedEffects) {
    const std::string dir = temp_dir();
    std::string small = "firm,y,share\n", wide = small;
    for (int r = 0; r < 30; ++r) {
        const std::string rest = "," + std::to_string((r * 37) % 11) + "," + share(r) + "\n";
        small += std::to_string(r % 6 + 1) + rest;
        wide += "9133010012345678901" + std::to_string(r % 6) + rest;
    }
    std::ofstream(dir + "/small.csv") << small;
    std::ofstream(dir + "/wide.csv") << wide;
    const std::string fit = " --model \"y ~ share | firm\" --vcov cluster:firm --format json";
    const Outcome a = run("gvcpanel fit --data " + dir + "/small.csv" + fit, dir);
    const Outcome b = run("gvcpanel fit --data " + dir + "/wide.csv" + fit, dir);
    ASSERT_EQ(b.status, 0) << b.err;
    EXPECT_NE(b.out.find("\"levels\": 6"), std::string::npos) << b.out;
    EXPECT_EQ(b.out, a.out);
}

// Issue 17 item 5: a pipe, <(...) and standard input were "empty"; a CR-only file had a
// "duplicate column name".
TEST(ReadOptionsCommand, PipesStandardInputAndOldMacLineEnds) {
    const std::string dir = temp_dir(), data = dir + "/panel.csv";
    std::ofstream(data) << panel(",", share);
    const std::string expected = run("gvcpanel fit --data " + data + kFit, dir).out;
    const Outcome piped = run("cat " + data + " | gvcpanel fit --data -" + kFit, dir);
    ASSERT_EQ(piped.status, 0) << piped.err;
    EXPECT_EQ(piped.out, expected);
    const Outcome substituted = run("gvcpanel fit --data <(cat " + data + ")" + kFit, dir);
    ASSERT_EQ(substituted.status, 0) << substituted.err;
    EXPECT_EQ(substituted.out, expected);
    const Outcome mac = run("tr '\\n' '\\r' < " + data + " > " + dir + "/mac.csv && gvcpanel fit --data " + dir +
                            "/mac.csv" + kFit,
                        dir);
    ASSERT_EQ(mac.status, 0) << mac.err;
    EXPECT_EQ(mac.out, expected);
}

}  // namespace
}  // namespace gvcpanel::testing
