// The staggered-design commands end to end on tests/fixtures/did/staggered_small.csv: `bacon` (text,
// JSON, its plot, its errors), `fit --estimator did-imputation` (rows, errors) and `plot event` on
// saved cs, did-imputation and sunab() results.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cairo.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "data/read.hpp"
#include "support/paths.hpp"

namespace gvcpanel::testing {
namespace {

struct Outcome {
    int status = -1;
    std::string out, err;
};

// One scratch folder per test: temp_dir() empties its folder on every call.
const std::string& scratch() {
    static std::string test, dir;
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    const std::string current = std::string(info->test_suite_name()) + "." + info->name();
    if (current != test) {
        test = current;
        dir = temp_dir();
    }
    return dir;
}

std::string slurp(const std::string& path) {
    std::ifstream in(path);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

Outcome gvcpanel(const std::string& arguments) {
    const std::string dir = scratch();
    const std::string command = program() + " " + arguments + " >" + dir + "/out.txt 2>" + dir + "/err.txt";
    const int status = std::system(command.c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(dir + "/out.txt"), slurp(dir + "/err.txt")};
}

// staggered_small.csv with treat = cohort > 0 and year >= cohort; `extra` lines appended.
std::string with_treatment(const std::string& extra = "") {
    const data::Frame frame = data::read_csv(fixture("did/staggered_small.csv"));
    const std::string path = scratch() + "/panel.csv";
    std::ofstream out(path);
    out << "id,year,cohort,y,x,treat\n";
    for (std::size_t row = 0; row < frame.rows(); ++row) {
        const double g = frame.column("cohort").number(row), t = frame.column("year").number(row);
        out << frame.column("id").text(row) << "," << frame.column("year").text(row) << ","
            << frame.column("cohort").text(row) << "," << frame.column("y").text(row) << ","
            << frame.column("x").text(row) << "," << (g > 0 && t >= g) << "\n";
    }
    out << extra;
    return path;
}

bool png_of_size(const std::string& path, int width, int height) {
    cairo_surface_t* image = cairo_image_surface_create_from_png(path.c_str());
    const bool ok = cairo_surface_status(image) == CAIRO_STATUS_SUCCESS && cairo_image_surface_get_width(image) == width &&
                    cairo_image_surface_get_height(image) == height;
    cairo_surface_destroy(image);
    return ok;
}

TEST(BaconCommand, TextJsonAndPlot) {
    const std::string data = with_treatment(), plot = scratch() + "/bacon.png";
    const Outcome text = gvcpanel("bacon --data " + data + " --panel id,year --model \"y ~ treat\" --plot " + plot);
    ASSERT_EQ(text.status, 0) << text.err;
    EXPECT_NE(text.out.find("Two-way fixed-effects coefficient"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("earlier_vs_later:2003:2004"), std::string::npos) << text.out;
    EXPECT_TRUE(png_of_size(plot, 760, 500));
    const Outcome json = gvcpanel("bacon --data " + data + " --panel id,year --model \"y ~ treat\" --format json");
    ASSERT_EQ(json.status, 0) << json.err;
    const auto result = nlohmann::json::parse(json.out);
    EXPECT_EQ(result["estimator"], "bacon");
    EXPECT_TRUE(result["coef"][0].contains("weight"));
    EXPECT_TRUE(result["stats"].contains("twfe"));
    const std::string saved = scratch() + "/bacon.json", replot = scratch() + "/replot.svg";
    std::ofstream(saved) << json.out;
    EXPECT_EQ(gvcpanel("plot bacon " + saved + " --out " + replot).status, 0);
}

TEST(BaconCommand, UserErrors) {
    const std::string data = with_treatment();
    const std::pair<std::string, std::string> cases[] = {
        {"--panel id,year --model \"y ~ treat + x\"", "one 0/1 treatment"},
        {"--panel id --model \"y ~ treat\"", "ID,TIME"},
        {"--panel id,year --model \"y ~ x\"", "0 or 1"},
        {"--panel id,year --model \"y ~ treat\" --subset \"!(id == 3 && year == 2004)\"", "balanced panel"},
    };
    for (const auto& [options, message] : cases) {
        const Outcome run = gvcpanel("bacon --data " + data + " " + options);
        EXPECT_EQ(run.status, 1) << options;
        EXPECT_NE(run.err.find(message), std::string::npos) << options << "\n" << run.err;
    }
    const Outcome off = gvcpanel("bacon --data " + with_treatment("9999,2001,0,1,0,0\n9999,2002,0,1,0,1\n9999,2003,0,1,0,0\n"
                                                                  "9999,2004,0,1,0,0\n9999,2005,0,1,0,0\n9999,2006,0,1,0,0\n") +
                                 " --panel id,year --model \"y ~ treat\"");
    EXPECT_NE(off.err.find("switches off"), std::string::npos) << off.err;
}

TEST(DidImputationCommand, RowsAndErrors) {
    const std::string data = fixture("did/staggered_small.csv");
    const Outcome run = gvcpanel("fit --data " + data + " --model \"y ~ 1 | id + year\" --estimator did-imputation "
                                 "--cohort cohort --panel id,year --horizons -2:3 --format json");
    ASSERT_EQ(run.status, 0) << run.err;
    const auto result = nlohmann::json::parse(run.out);
    std::vector<std::string> names;
    for (const auto& row : result["coef"]) names.push_back(row["name"]);
    EXPECT_EQ(names, (std::vector<std::string>{"ATT", "event::-2", "event::-1", "event::0", "event::1", "event::2",
                                               "event::3"}));
    EXPECT_EQ(result["tests"][0]["name"], "pretrend");
    const std::pair<std::string, std::string> cases[] = {
        {"--model \"y ~ x\" --estimator did-imputation --cohort cohort --panel id,year", "fixed effects"},
        {"--model \"y ~ 1 | id + year\" --estimator did-imputation --cohort cohort", "--panel ID,TIME"},
        {"--model \"y ~ 1 | id + year\" --estimator did-imputation --panel id,year", "--cohort"},
        {"--model \"y ~ 1 | id + year\" --estimator did-imputation --cohort cohort --panel id,year --horizons 3", "A:B"},
        {"--model \"y ~ 1 | id + year\" --estimator did-imputation --cohort cohort --panel id,year --vcov hc1",
         "clustered on the unit"},
    };
    for (const auto& [options, message] : cases) {
        const Outcome bad = gvcpanel("fit --data " + data + " " + options);
        EXPECT_EQ(bad.status, 1) << options;
        EXPECT_NE(bad.err.find(message), std::string::npos) << options << "\n" << bad.err;
    }
}

TEST(PlotEventCommand, OverlaysSavedEventStudies) {
    const std::string data = fixture("did/staggered_small.csv"), dir = scratch();
    const std::string fits[] = {
        "--model \"y ~ x\" --estimator cs --cohort cohort --panel id,year --agg dynamic --bootstrap 299",
        "--model \"y ~ 1 | id + year\" --estimator did-imputation --cohort cohort --panel id,year --horizons -3:3",
        "--model \"y ~ sunab(cohort, year) | id + year\" --vcov cluster:id"};
    std::string files;
    for (std::size_t f = 0; f < 3; ++f) {
        const std::string path = dir + "/fit" + std::to_string(f) + ".json";
        const Outcome fit = gvcpanel("fit --data " + data + " " + fits[f] + " --format json --out " + path);
        ASSERT_EQ(fit.status, 0) << fit.err;
        files += " " + path;
    }
    const Outcome plot = gvcpanel("plot event" + files + " --out " + dir + "/event.png --title \"Effects\"");
    ASSERT_EQ(plot.status, 0) << plot.err;
    EXPECT_TRUE(png_of_size(dir + "/event.png", 800, 500));
    const Outcome cells = gvcpanel("fit --data " + data + " --model \"y ~ 1\" --estimator cs --cohort cohort "
                                   "--panel id,year --format json --out " + dir + "/cells.json");
    ASSERT_EQ(cells.status, 0);
    const Outcome refused = gvcpanel("plot event " + dir + "/cells.json --out " + dir + "/no.png");
    EXPECT_EQ(refused.status, 1);
    EXPECT_NE(refused.err.find("--agg dynamic"), std::string::npos) << refused.err;
}

}  // namespace
}  // namespace gvcpanel::testing
