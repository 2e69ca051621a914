// Requests beyond the machine are bounded or refused before any work: more threads or jobs than
// cores run on the cores (with a note); a batch file is counted before it is expanded (a dry run
// prints the count first; beyond --max-specs it is refused with the count); a simulated panel
// larger than memory is refused before allocating. The commands run under a 3 GB address-space
// limit (ulimit -v), so that a regression fails with an allocation error instead of exhausting the
// machine.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <string>
#include <thread>

#include "support/paths.hpp"
#include "support/run_program.hpp"

namespace gvcpanel::testing {
namespace {

// The program under a 3 GB address-space limit, so that an unbounded allocation fails fast.
ProgramRun run(const std::string& arguments) {
    return run_command("ulimit -v 3000000; " + program() + " " + arguments);
}

TEST(BoundedResources, MoreThreadsThanCoresRunOnTheCoresWithANote) {
    const std::string dir = temp_dir(), data = dir + "/d.csv";
    {
        std::ofstream file(data);
        file << "g,y,x\n";
        for (int i = 0; i < 200; ++i) file << i % 20 << ',' << (i * 7) % 13 << ',' << (i * 5) % 11 << '\n';
    }
    const std::string fit = "fit --data " + data + " --model \"y ~ x | g\" --format json";
    const ProgramRun plain = run(fit + " --threads 1");
    const ProgramRun many = run(fit + " --threads 10000");
    ASSERT_EQ(many.status, 0) << many.err;
    EXPECT_EQ(many.out, plain.out);
    const std::string cores = std::to_string(std::thread::hardware_concurrency());
    EXPECT_NE(many.err.find("note: --threads 10000 is more than the " + cores), std::string::npos) << many.err;
    EXPECT_EQ(plain.err.find("note:"), std::string::npos) << plain.err;
}

TEST(BoundedResources, ABatchIsCountedBeforeItIsExpanded) {
    const std::string dir = temp_dir();
    std::ofstream(dir + "/d.csv") << "y,x1,x2\n1,0,1\n3,1,0\n2,2,2\n5,3,1\n4,4,0\n";
    // 10 x 10 x 10 x 10 x 10 x 10 x 10 = 10^7 specifications.
    std::string spec = "data = \"d.csv\"\n[[model]]\n";
    for (const char* key : {"outcome", "terms", "sw", "fixed_effects", "subset", "weights", "offset"}) {
        spec += std::string(key) + " = [";
        for (int i = 0; i < 10; ++i) spec += std::string(i ? ", " : "") + "\"x" + std::to_string(i) + "\"";
        spec += "]\n";
    }
    std::ofstream(dir + "/huge.toml") << spec;
    std::ofstream(dir + "/small.toml") << "data = \"d.csv\"\n[[model]]\noutcome = \"y\"\nsw = [\"x1\", \"x2\"]\n"
                                          "vcov = [\"iid\", \"hc1\", \"hc3\"]\n";

    for (const std::string mode : {" --dry-run", ""}) {
        const ProgramRun huge = run("batch " + dir + "/huge.toml --out " + dir + "/out" + mode);
        EXPECT_EQ(huge.status, 1) << huge.err;
        EXPECT_NE(huge.err.find("expands to 10000000 specifications, more than --max-specs 100000"), std::string::npos)
            << huge.err;
    }
    const ProgramRun refused = run("batch " + dir + "/small.toml --dry-run --max-specs 5");
    EXPECT_EQ(refused.status, 1);
    EXPECT_NE(refused.err.find("expands to 6 specifications, more than --max-specs 5"), std::string::npos) << refused.err;
    const ProgramRun listed = run("batch " + dir + "/small.toml --dry-run --max-specs 6");
    ASSERT_EQ(listed.status, 0) << listed.err;
    EXPECT_TRUE(std::regex_search(listed.out, std::regex("^6 specifications")))
        << "the count comes first:\n" << listed.out;
}

TEST(BoundedResources, TooManySimulatedFirmsAreRefusedBeforeAllocating) {
    const std::string dir = temp_dir();
    const ProgramRun huge = run("simulate --firms 100000000000 --out " + dir + "/p.csv");
    EXPECT_EQ(huge.status, 1);
    EXPECT_TRUE(std::regex_search(huge.err, std::regex("100000000000 firms x 16 years would need about [0-9]+ [TP]B "
                                                       "of memory; this machine has [0-9]+ [GMT]B")))
        << huge.err;
    EXPECT_EQ(run("simulate --firms 20 --years 3 --out " + dir + "/p.csv").status, 0);
}

}  // namespace
}  // namespace gvcpanel::testing
