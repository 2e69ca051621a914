#include "cli/demo_staggered.hpp"

#include <iostream>

#include "cli/output.hpp"
#include "cli/run_model.hpp"
#include "reports/plot_event.hpp"
#include "reports/table.hpp"

namespace gvcpanel::cli {

namespace {

ModelRequest request(const std::string& estimator, const std::string& formula) {
    ModelRequest r;
    r.estimator = estimator;
    r.model = formula;
    r.panel = "firm,year";
    r.cohort = "zone_year";
    r.vcov = "cluster:firm";
    return r;
}

}  // namespace

void demo_staggered_policy(const data::Simulation& simulation, const std::filesystem::path& out) {
    const auto& frame = simulation.frame;
    const data::PanelIndex panel(frame, "firm", "year");
    auto cs = request("cs", "log_exports ~ 1");
    cs.vcov = "iid";
    auto imputation = request("did-imputation", "log_exports ~ 1 | firm + year");
    imputation.vcov = "iid";
    auto sunab = request("ols", "log_exports ~ sunab(zone_year, year) | firm + year");
    // The ATT of each: TWFE's coefficient, cs's simple aggregation, the imputation's mean, sunab's ATT.
    auto cs_att = cs, sunab_att = sunab;
    cs_att.agg = "simple";
    sunab_att.agg = "att";
    std::vector<estimators::Result> atts = {run_model(request("ols", "log_exports ~ zone | firm + year"), frame, &panel),
                                            run_model(cs_att, frame, &panel), run_model(imputation, frame, &panel),
                                            run_model(sunab_att, frame, &panel)};
    reports::TableOptions options;
    options.titles = {"Two-way FE", "Callaway-Sant'Anna", "Imputation", "Sun-Abraham"};
    options.terms.rename = {{"zone", "ATT"}};
    options.terms.keep = {"ATT"};
    options.stats = {"nobs"};
    double truth = 0;
    for (const auto& [name, value] : simulation.truth.staggered_policy.horizons)
        if (name == "ATT") truth = value;
    options.notes.push_back("True ATT over the treated firm-years: " + std::to_string(truth) +
                            ". Effects grow with years in the zone; two-way FE compares later zones with earlier ones.");
    const reports::Table table(atts, options);
    std::cout << "Staggered policy: development zones (log_exports; zone_year = cohort)\n\n"
              << table.render(reports::Format::text) << "\n";
    write_output(table.render(reports::Format::text), (out / "staggered.txt").string());
    auto array = nlohmann::ordered_json::array();
    for (const auto& result : atts) array.push_back(estimators::to_json(result));
    write_output(array.dump(2) + "\n", (out / "staggered.json").string());

    cs.agg = "dynamic";
    imputation.horizons = "-5:12";
    reports::EventPlotOptions plot;
    plot.title = "Development zones: event study on the simulated panel";
    plot.height = 520;
    reports::plot_event({run_model(cs, frame, &panel), run_model(imputation, frame, &panel), run_model(sunab, frame, &panel)},
                        (out / "staggered_event.png").string(), plot);
    std::cout << "Wrote staggered.{txt,json} and staggered_event.png\n\n";
}

}  // namespace gvcpanel::cli
