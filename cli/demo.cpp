// `gvcpanel demo`: the main job on the embedded default. Simulates the cluster-GVC panel, describes
// it, estimates the upgrading models on it, prints their table next to the true parameters, and
// writes the panel, the table (text, Markdown, LaTeX, HTML), the results (JSON) and a coefficient
// plot into an output folder; shows two-way fixed effects next to the robust estimators on the panel's
// staggered development zones (cli/demo_staggered.cpp); then runs the robustness batch of models/upgrading.toml (embedded;
// `--print-spec` prints it) into OUT/upgrading-batch: its tables and specification curve.
#include <boost/program_options.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/demo_staggered.hpp"
#include "cli/parse_command.hpp"
#include "cli/model_request.hpp"
#include "cli/output.hpp"
#include "cli/upgrading_spec.hpp"
#include "cli/run_model.hpp"
#include "cli/threads.hpp"
#include "data/csv_writer.hpp"
#include "data/describe.hpp"
#include "data/panel_index.hpp"
#include "data/simulate.hpp"
#include "reports/plot_coef.hpp"
#include "reports/table.hpp"

namespace gvcpanel::cli {

namespace po = boost::program_options;

namespace {

const char* const kControls = "size + capital_intensity";
const char* const kLinkages =
    "local_sourcing + local_buyer_ties + cluster_density + export_share + fdi_share + "
    "gvc_participation + gvc_participation:cluster_density";

struct DemoModel {
    std::string title;
    ModelRequest request;
};

// Productivity upgrading (log TFP) on local and global linkages: pooled, then with firm and year
// effects, then with industry-specific year effects, clustered by firm throughout.
std::vector<DemoModel> upgrading_models() {
    const std::string rhs = std::string(kLinkages) + " + " + kControls;
    auto model = [&](std::string title, std::string formula) {
        ModelRequest request;
        request.model = std::move(formula);
        request.panel = "firm,year";
        request.vcov = "cluster:firm";
        return DemoModel{std::move(title), request};
    };
    return {
        model("Pooled", "log_tfp ~ " + rhs + " + age + i(governance)"),
        model("Firm, year FE", "log_tfp ~ " + rhs + " | firm + year"),
        model("+ industry-year FE", "log_tfp ~ " + rhs + " | firm + industry^year"),
    };
}

void write_file(const std::filesystem::path& path, const std::string& text) {
    write_output(text, path.string());
}

}  // namespace

int run_demo(const Args& args) {
    std::string out_dir;
    int threads = 0;
    po::options_description options("gvcpanel demo [--out DIR] [--print-spec]");
    options.add_options()
        ("help,h", "this help")
        ("out", po::value(&out_dir)->default_value("demo-output"), "folder for the files the demo writes")
        ("threads", po::value(&threads)->default_value(0), "threads (0 = all cores)")
        ("print-spec", "print the robustness batch file (models/upgrading.toml) and stop");
    po::variables_map values;
    if (!parse_command(args, {&options, nullptr, nullptr, ""}, values)) return 0;
    if (values.count("print-spec")) {
        std::cout << kUpgradingSpec;
        return 0;
    }
    threads = machine_threads(threads, "--threads");
    set_threads(threads);

    const std::filesystem::path out(out_dir);
    create_output_folder(out_dir);
    const auto simulation = data::simulate();
    data::write_csv(simulation.frame, (out / "panel.csv").string());
    write_file(out / "panel.truth.json", simulation.truth.to_json().dump(2) + "\n");

    const data::PanelIndex panel(simulation.frame, "firm", "year");
    std::cout << "Simulated cluster-GVC panel (seed 1): firms in region x industry clusters\n\n"
              << data::render(data::describe(simulation.frame, panel)) << "\n";

    std::vector<estimators::Result> results;
    reports::TableOptions table_options;
    for (const auto& model : upgrading_models()) {
        results.push_back(run_model(model.request, simulation.frame));
        table_options.titles.push_back(model.title);
    }
    table_options.terms.drop = {"governance::.*"};
    table_options.notes.push_back("Simulated panel, seed 1; true values in panel.truth.json.");
    const reports::Table table(results, table_options);

    std::cout << "Upgrading models: log TFP on local and global linkages\n\n"
              << table.render(reports::Format::text) << "\n";
    const auto& truth = simulation.truth.outcome("log_tfp");
    std::cout << "True slopes: ";
    for (const auto& coefficient : truth.coefficients)
        if (coefficient.term != "(Intercept)") std::cout << coefficient.term << " " << coefficient.value << "  ";
    std::cout << "\n(gvc_participation is endogenous: OLS overstates its terms; see the note in panel.truth.json)\n\n";

    write_file(out / "upgrading.txt", table.render(reports::Format::text));
    write_file(out / "upgrading.md", table.render(reports::Format::markdown));
    write_file(out / "upgrading.tex", table.render(reports::Format::latex));
    write_file(out / "upgrading.html", table.render(reports::Format::html, {.html_standalone = true}));
    auto array = nlohmann::ordered_json::array();
    for (const auto& result : results) array.push_back(estimators::to_json(result));
    write_file(out / "upgrading.json", array.dump(2) + "\n");
    reports::CoefPlotOptions plot_options;
    plot_options.model_names = table_options.titles;
    plot_options.terms.keep = {"gvc_participation.*", "export_share", "fdi_share", "local_.*", "cluster_density"};
    reports::plot_coef(results, (out / "upgrading_coef.png").string(), plot_options);

    std::cout << "Wrote to " << std::filesystem::absolute(out).string() << "/: panel.csv, panel.truth.json, "
              << "upgrading.{txt,md,tex,html,json}, upgrading_coef.png\n\n";

    demo_staggered_policy(simulation, out);

    write_file(out / "upgrading.toml", kUpgradingSpec);
    std::cout << "Robustness batch (upgrading.toml; gvcpanel demo --print-spec):\n";
    const auto batch_out = out / "upgrading-batch";
    const int status = run_batch({(out / "upgrading.toml").string(), "--out", batch_out.string(),
                                  "--jobs", std::to_string(threads)});
    std::cout << "Wrote to " << std::filesystem::absolute(batch_out).string()
              << "/: results.jsonl, table_*.{txt,md,tex}, summary.csv, spec_curve.{png,svg,pdf}, manifest.json\n";
    return status;
}

}  // namespace gvcpanel::cli
