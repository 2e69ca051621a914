// `gvcpanel plot coef RESULT.json... --out F.png|svg|pdf [options]`: a coefficient plot of saved
// results (each file one result or an array), one colour per model. The format follows --out.
#include <boost/program_options.hpp>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/parse_command.hpp"
#include "cli/result_files.hpp"
#include "data/error.hpp"
#include "data/names.hpp"
#include "reports/plot_bacon.hpp"
#include "reports/plot_coef.hpp"
#include "reports/plot_event.hpp"
#include "reports/plot_margins.hpp"
#include "reports/plot_threshold.hpp"

namespace gvcpanel::cli {

namespace po = boost::program_options;

namespace {

int run_plot_coef(const Args& args) {
    std::vector<std::string> files, renames;
    std::string out, labels;
    reports::CoefPlotOptions plot;
    po::options_description options("gvcpanel plot coef RESULT.json... --out FILE.png|svg|pdf [options]");
    // clang-format off
    options.add_options()
        ("help,h", "show this help")
        ("out", po::value(&out)->required(), "the plot file; .png, .svg or .pdf")
        ("level", po::value(&plot.level)->default_value(plot.level), "confidence level of the intervals")
        ("keep", po::value(&plot.terms.keep)->multitoken()->composing(),
         "show only these terms (names, or regular expressions matching a whole name)")
        ("drop", po::value(&plot.terms.drop)->multitoken()->composing(), "hide these terms")
        ("order", po::value(&plot.terms.order)->multitoken()->composing(), "these terms first, in this order")
        ("rename", po::value(&renames)->multitoken()->composing(), "OLD=NEW: show term OLD as NEW")
        ("labels", po::value(&labels), "variable labels: a CSV file of name,label lines")
        ("models", po::value(&plot.model_names)->multitoken()->composing(), "a legend entry per model")
        ("title", po::value(&plot.title), "a title above the plot")
        ("width", po::value(&plot.width)->default_value(plot.width), "width in points (pixels for PNG)")
        ("height", po::value(&plot.height)->default_value(plot.height), "height; 0 = from the number of terms")
        ("intercept", "show the intercept too");
    po::options_description hidden;
    hidden.add_options()("result", po::value(&files)->multitoken(), "result files");
    // clang-format on
    po::positional_options_description positional;
    positional.add("result", -1);
    po::variables_map values;
    const std::string help = "Put the RESULT.json files first. At --level 0.95 the intervals are the results' own;\n"
                             "at other levels, estimate +- z * se with the normal quantile z.\n";
    if (!parse_command(args, {&options, &hidden, &positional, help}, values)) return 0;
    if (files.empty()) throw Error("give one or more RESULT.json files (as written by gvcpanel fit --format json)");
    plot.intercept = values.count("intercept") > 0;
    for (const auto& rename : renames) {
        const auto at = rename.rfind('=');
        if (at == std::string::npos || at == 0 || at + 1 == rename.size())
            throw Error("--rename '" + rename + "': expected OLD=NEW");
        plot.terms.rename.emplace_back(rename.substr(0, at), rename.substr(at + 1));
    }
    if (!labels.empty()) plot.labels = reports::read_labels(labels);
    reports::plot_coef(read_result_files(files), out, plot);
    std::cerr << "wrote " << out << "\n";
    return 0;
}

// `gvcpanel plot threshold RESULT.json --out F.png`: Hansen's LR figure of a threshold result.
int run_plot_threshold(const Args& args) {
    std::vector<std::string> files;
    std::string out;
    reports::ThresholdPlotOptions plot;
    po::options_description options("gvcpanel plot threshold RESULT.json --out FILE.png|svg|pdf [options]");
    // clang-format off
    options.add_options()
        ("help,h", "show this help")
        ("out", po::value(&out)->required(), "the plot file; .png, .svg or .pdf")
        ("title", po::value(&plot.title), "a title above the panels")
        ("variable", po::value(&plot.variable)->default_value(plot.variable), "the horizontal axis' name")
        ("width", po::value(&plot.width)->default_value(plot.width), "width in points (pixels for PNG)")
        ("height", po::value(&plot.panel_height)->default_value(plot.panel_height), "height of each threshold's panel");
    po::options_description hidden;
    hidden.add_options()("result", po::value(&files)->multitoken(), "result file");
    // clang-format on
    po::positional_options_description positional;
    positional.add("result", -1);
    po::variables_map values;
    const std::string help = "One panel per threshold: LR(gamma) and the critical value c(alpha) (dashed).\n";
    if (!parse_command(args, {&options, &hidden, &positional, help}, values)) return 0;
    const auto results = read_result_files(files);
    if (results.size() != 1) throw Error("plot threshold: give one result (a RESULT.json of gvcpanel fit --estimator threshold)");
    reports::plot_threshold(results.front(), out, plot);
    std::cerr << "wrote " << out << "\n";
    return 0;
}

// `gvcpanel plot margins RESULT.json --out F.png`: effects over a moderator (fit --margins-over).
int run_plot_margins(const Args& args) {
    std::vector<std::string> files;
    std::string out;
    reports::MarginsPlotOptions plot;
    po::options_description options("gvcpanel plot margins RESULT.json --out FILE.png|svg|pdf [options]");
    // clang-format off
    options.add_options()
        ("help,h", "show this help")
        ("out", po::value(&out)->required(), "the plot file; .png, .svg or .pdf")
        ("title", po::value(&plot.title), "a title above the panels")
        ("width", po::value(&plot.width)->default_value(plot.width), "width in points (pixels for PNG)")
        ("height", po::value(&plot.panel_height)->default_value(plot.panel_height), "height of each variable's panel");
    po::options_description hidden;
    hidden.add_options()("result", po::value(&files)->multitoken(), "result file");
    // clang-format on
    po::positional_options_description positional;
    positional.add("result", -1);
    po::variables_map values;
    const std::string help = "One panel per interacted variable: its effect over the moderator with the pointwise band,\n"
                             "the Johnson-Neyman bounds (dotted) and a rug of the moderator's percentiles.\n";
    if (!parse_command(args, {&options, &hidden, &positional, help}, values)) return 0;
    const auto results = read_result_files(files);
    if (results.size() != 1) throw Error("plot margins: give one result (gvcpanel fit --margins-over ... --format json)");
    reports::plot_margins(results.front(), out, plot);
    std::cerr << "wrote " << out << "\n";
    return 0;
}

// `gvcpanel plot event RESULT.json... --out F`: event studies of cs (--agg dynamic), did-imputation,
// sunab() or i(rel, ref = -1) fits, overlaid (reports/plot_event.hpp).
int run_plot_event(const Args& args) {
    std::vector<std::string> files;
    std::string out;
    reports::EventPlotOptions plot;
    po::options_description options("gvcpanel plot event RESULT.json... --out FILE.png|svg|pdf [options]");
    // clang-format off
    options.add_options()
        ("help,h", "show this help")
        ("out", po::value(&out)->required(), "the plot file; .png, .svg or .pdf")
        ("level", po::value(&plot.level)->default_value(plot.level), "level of the pointwise intervals")
        ("models", po::value(&plot.model_names)->multitoken()->composing(), "a legend entry per result")
        ("title", po::value(&plot.title), "a title above the plot")
        ("width", po::value(&plot.width)->default_value(plot.width), "width in points (pixels for PNG)")
        ("height", po::value(&plot.height)->default_value(plot.height), "height in points");
    po::options_description hidden;
    hidden.add_options()("result", po::value(&files)->multitoken(), "result files");
    // clang-format on
    po::positional_options_description positional;
    positional.add("result", -1);
    po::variables_map values;
    const std::string help = "Rows named prefix::e with a number e are the event times (event::-1 of cs --agg dynamic\n"
                             "and did-imputation, year::-1 of sunab(), rel::-1 of i(rel, ref = -1)). Simultaneous\n"
                             "bands (cs --bootstrap) are drawn as wide light bars; the reference period as a hollow point.\n";
    if (!parse_command(args, {&options, &hidden, &positional, help}, values)) return 0;
    if (files.empty()) throw Error("give one or more RESULT.json files (gvcpanel fit --format json)");
    reports::plot_event(read_result_files(files), out, plot);
    std::cerr << "wrote " << out << "\n";
    return 0;
}

// `gvcpanel plot bacon RESULT.json --out F`: the scatter of a saved Goodman-Bacon decomposition.
int run_plot_bacon(const Args& args) {
    std::vector<std::string> files;
    std::string out;
    po::options_description options("gvcpanel plot bacon RESULT.json --out FILE.png|svg|pdf");
    options.add_options()("help,h", "show this help")("out", po::value(&out)->required(), "the plot file");
    po::options_description hidden;
    hidden.add_options()("result", po::value(&files)->multitoken(), "result file");
    po::positional_options_description positional;
    positional.add("result", -1);
    po::variables_map values;
    if (!parse_command(args, {&options, &hidden, &positional, ""}, values)) return 0;
    const auto results = read_result_files(files);
    if (results.size() != 1) throw Error("plot bacon draws one decomposition (gvcpanel bacon --format json)");
    reports::plot_bacon(results.front(), out);
    std::cerr << "wrote " << out << "\n";
    return 0;
}

}  // namespace

int run_plot(const Args& args) {
    const std::vector<std::string> kinds = {"coef", "event", "bacon", "threshold", "margins"};
    if (args.empty() || args[0] == "--help" || args[0] == "-h") {
        std::cout << "usage: gvcpanel plot coef|event RESULT.json... --out FILE.png|svg|pdf [options]\n"
                     "       gvcpanel plot bacon|threshold|margins RESULT.json --out FILE.png|svg|pdf [options]\n"
                     "  coef       estimates with confidence intervals, one colour per model\n"
                     "  event      event studies (cs, did-imputation, sunab, i(rel, ref = -1)) overlaid\n"
                     "  bacon      a Goodman-Bacon decomposition: estimates against weights\n"
                     "  threshold  the LR statistic against the threshold with its critical value (Hansen 1999)\n"
                     "  margins    an effect over its moderator with its band and Johnson-Neyman bounds\n";
        return args.empty() ? 2 : 0;
    }
    if (args[0] == "coef") return run_plot_coef(Args(args.begin() + 1, args.end()));
    if (args[0] == "margins") return run_plot_margins(Args(args.begin() + 1, args.end()));
    if (args[0] == "event") return run_plot_event(Args(args.begin() + 1, args.end()));
    if (args[0] == "bacon") return run_plot_bacon(Args(args.begin() + 1, args.end()));
    if (args[0] == "threshold") return run_plot_threshold(Args(args.begin() + 1, args.end()));
    throw Error("unknown plot '" + args[0] + "'; the plots are: coef, event, bacon, threshold" +
                data::did_you_mean(args[0], kinds));
}

}  // namespace gvcpanel::cli
