#include "sample_results.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "support/paths.hpp"

namespace gvcpanel::testing {

namespace {

std::string read_file(const std::string& path) {
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

std::vector<estimators::Result> results_fixture(const std::string& name) {
    const auto json = nlohmann::ordered_json::parse(read_file(fixture("reports/" + name)));
    std::vector<estimators::Result> results;
    if (json.is_array())
        for (const auto& item : json) results.push_back(estimators::result_from_json(item));
    else
        results.push_back(estimators::result_from_json(json));
    return results;
}

std::vector<reports::Panel> two_panels() {
    return {{"Panel A: All firms", results_fixture("models.json")},
            {"Panel B: Exporters", results_fixture("models_lp.json")}};
}

reports::TableOptions golden_options() {
    reports::TableOptions options;
    options.titles = {"Pooled", "Firm FE", "Two-way FE"};
    options.groups = {{"OLS", 1}, {"Fixed effects", 2}};
    options.labels = reports::read_labels(fixture("reports/labels.csv"));
    options.labels["lp"] = "Labour prod.";
    return options;
}

void expect_golden(const std::string& name, const std::string& actual) {
    const std::string path = fixture("reports/" + name);
    if (std::getenv("GVCPANEL_UPDATE_GOLDEN") != nullptr) {
        std::ofstream(path) << actual;
        return;
    }
    const std::string expected = read_file(path);
    EXPECT_EQ(expected, actual) << "golden file " << path << " differs; if the change is intended, rerun with "
                                << "GVCPANEL_UPDATE_GOLDEN=1 and review the difference by eye";
}

}  // namespace gvcpanel::testing
