// `gvcpanel bacon --data F --panel ID,TIME --model "y ~ treat" [--plot F.png]`: the Goodman-Bacon
// decomposition of the two-way fixed-effects coefficient of a staggered 0/1 treatment
// (estimators/did/bacon.hpp), printed as text (comparisons, weights, totals by kind) or any
// result format, with its scatter plot on request.
#include <boost/program_options.hpp>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/model_request.hpp"
#include "cli/output.hpp"
#include "cli/parse_command.hpp"
#include "cli/run_model.hpp"
#include "cli/threads.hpp"
#include "data/error.hpp"
#include "data/read.hpp"
#include "estimators/did/bacon.hpp"
#include "models/build_design.hpp"
#include "reports/bacon_summary.hpp"
#include "reports/plot_bacon.hpp"

namespace gvcpanel::cli {

namespace po = boost::program_options;

int run_bacon(const Args& args) {
    ModelRequest request;
    std::string data, format, out, plot;
    po::options_description options("gvcpanel bacon --data FILE --panel ID,TIME --model \"y ~ treat\" [options]");
    // clang-format off
    options.add_options()
        ("help,h", "show this help")
        ("data", po::value(&data)->required(), "data file: CSV or Stata .dta")
        ("panel", po::value(&request.panel)->required(), "unit and period: ID,TIME (a balanced panel)")
        ("model", po::value(&request.model)->required(), "\"y ~ treat\": the outcome and the 0/1 staggered treatment")
        ("subset", po::value(&request.subset), "rows to use")
        ("format", po::value(&format)->default_value("text"), "text, md, latex, html, csv or json")
        ("out", po::value(&out), "write to this file instead of standard output")
        ("plot", po::value(&plot), "also draw the estimates against their weights: FILE.png, .svg or .pdf")
        ("threads", po::value(&request.threads)->default_value(0), "threads (0 = all cores)");
    // clang-format on
    po::variables_map values;
    const std::string help = "Every 2x2 comparison of timing groups (treated vs never treated, earlier vs later,\n"
                             "later vs earlier, vs always treated) with its estimate and weight; the weighted sum\n"
                             "is the two-way fixed-effects coefficient (stat twfe). See docs/did.md.\n";
    if (!parse_command(args, {&options, nullptr, nullptr, help}, values)) return 0;
    const auto output_format = parse_output_format(format);
    set_threads(request.threads);
    const auto spec = model_spec(request);
    if (spec.panel_time.empty()) throw Error("bacon: --panel needs the period too: --panel ID,TIME");
    if (!spec.formula.fixed_effects.empty() || spec.formula.has_iv() || spec.formula.terms.size() != 1)
        throw Error("bacon: the model is the outcome and one 0/1 treatment, \"y ~ treat\" (the unit and period effects "
                    "are implied; covariates are not decomposed)");
    data::ReadOptions read;
    read.columns = columns_needed(request);
    read.threads = request.threads;
    const auto frame = data::read_table(data, read);
    const data::PanelIndex panel(frame, spec.panel_id, spec.panel_time);
    const auto design = models::build_design(spec, frame, &panel);
    estimators::did::BaconInput in;
    in.y.assign(design.y.begin(), design.y.end());
    const arma::vec treated = design.X.col(design.has_intercept ? 1 : 0);
    in.treated.assign(treated.begin(), treated.end());
    in.unit = design.sample.entity;
    const auto& time = frame.column(spec.panel_time);
    for (std::size_t row : design.sample.rows) in.time.push_back(time.number(row));
    in.unit_label = [&panel](std::int32_t code) { return panel.entity_label(code); };
    auto result = estimators::did::bacon_decomposition(in);
    result.formula = spec.formula.text;
    result.outcome = design.outcome;
    result.dropped = design.sample.dropped;
    // The coefficient it decomposes: the same treatment with unit and period effects.
    ModelRequest twfe = request;
    twfe.model += " | " + spec.panel_id + " + " + spec.panel_time;
    twfe.keep_singletons = true;
    result.stats["twfe"] = run_model(twfe, frame, &panel).coef.front().estimate;
    write_output(output_format == OutputFormat::text ? reports::bacon_summary(result) : render_results({result}, output_format),
                 out);
    if (!plot.empty()) {
        reports::plot_bacon(result, plot);
        std::cerr << "wrote " << plot << "\n";
    }
    return 0;
}

}  // namespace gvcpanel::cli
