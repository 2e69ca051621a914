// `gvcpanel mediate --data F --treatment x --mediator m [--mediator m2] --outcome y [--controls "..."]
// [--fe "firm + year"] [--vcov ...] [--bootstrap cluster:firm:1000 --seed S]`: the mediation effects
// (cli/mediation_fit) printed first, then the Baron-Kenny steps (total, mediator and outcome
// equations) as further models; every result format of `fit`.
#include <boost/program_options.hpp>

#include "cli/commands.hpp"
#include "cli/fit_joint.hpp"
#include "cli/mediation_fit.hpp"
#include "cli/output.hpp"
#include "cli/parse_command.hpp"
#include "cli/read_options.hpp"
#include "cli/threads.hpp"
#include "data/read.hpp"

namespace gvcpanel::cli {

namespace po = boost::program_options;

int run_mediate(const Args& args) {
    MediationRequest request;
    ModelRequest& model = request.options;
    std::string data, format, out;
    ReadSettings reading;
    po::options_description options("gvcpanel mediate --data FILE --treatment X --mediator M --outcome Y [options]");
    // clang-format off
    options.add_options()
        ("help,h", "show this help")
        ("data", po::value(&data)->required(), "data file: CSV, Stata .dta or Excel .xlsx")
        ("treatment", po::value(&request.treatment)->required(), "the treatment x")
        ("mediator", po::value(&request.mediators)->required()->composing(), "a mediator m (repeatable: in parallel)")
        ("outcome", po::value(&request.outcome)->required(), "the outcome y")
        ("controls", po::value(&request.controls), "terms in every equation, \"c1 + log(c2)\"")
        ("fe", po::value(&request.fe), "fixed effects absorbed in every equation, \"firm + year\"")
        ("panel", po::value(&model.panel), "panel entity and time: ID[,TIME]")
        ("vcov", po::value(&model.vcov)->default_value("iid"), "iid, robust (hc1), hc0 or cluster:VAR")
        ("ssc", po::value(&model.ssc)->default_value("default"), "small-sample corrections, as fit")
        ("weights", po::value(&model.weights), "weights: a column or an expression")
        ("subset", po::value(&model.subset), "rows to use")
        ("bootstrap", po::value(&model.bootstrap),
         "intervals of the effects from B refits of every equation: pairs[:B] or cluster:VAR[:B]")
        ("seed", po::value(&model.seed)->default_value(1), "random seed of the bootstrap")
        ("threads", po::value(&model.threads)->default_value(0), "threads (0 = all cores)")
        ("format", po::value(&format)->default_value("text"), "text, md, latex, html, csv, json, rtf, docx or xlsx")
        ("out", po::value(&out), "write to this file instead of standard output");
    // clang-format on
    add_read_options(options, reading);
    po::variables_map values;
    const std::string help =
        "Rows total, direct, indirect (indirect:M per mediator with several), prop_mediated, with delta-method\n"
        "standard errors; tests sobel, aroian, goodman; with --bootstrap, percentile, BC and BCa intervals.\n"
        "Then the Baron-Kenny steps: the total, mediator and outcome equations. See docs/mechanisms.md.\n";
    if (!parse_command(args, {&options, nullptr, nullptr, help}, values)) return 0;
    const auto output_format = parse_output_format(format);
    require_file_for_binary(format, out);
    set_threads(model.threads);
    const auto requests = mediation_equations(request);
    auto read = read_options(reading);
    read.columns = columns_needed(requests);
    std::vector<const ModelRequest*> pointers;
    for (const auto& one : requests) pointers.push_back(&one);
    read.category_columns = category_columns(pointers);
    read.threads = model.threads;
    const auto fit = fit_mediation(request, data::read_table(data, read));
    std::vector<estimators::Result> results = {fit.effects};
    results.insert(results.end(), fit.steps.begin(), fit.steps.end());
    write_output(render_results(results, output_format), out);
    return 0;
}

}  // namespace gvcpanel::cli
