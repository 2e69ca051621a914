// `gvcpanel table RESULT.json... [options]`: a regression table of saved results, side by side,
// without re-estimating. Each file holds one result or an array of them; with --panel, each file
// becomes one stacked panel (Panel A, Panel B, ...) instead.
#include <boost/program_options.hpp>
#include <filesystem>

#include "cli/commands.hpp"
#include "cli/parse_command.hpp"
#include "cli/output.hpp"
#include "cli/result_files.hpp"
#include "data/error.hpp"
#include "data/read.hpp"
#include "reports/table.hpp"

namespace gvcpanel::cli {

namespace po = boost::program_options;

namespace {

std::pair<std::string, std::string> split_once(const std::string& text, char separator, const std::string& option) {
    const auto at = text.rfind(separator);
    if (at == std::string::npos || at == 0 || at + 1 == text.size())
        throw Error(option + " '" + text + "': expected the form A" + std::string(1, separator) + "B");
    return {text.substr(0, at), text.substr(at + 1)};
}

reports::Labels read_any_labels(const std::string& path) {
    if (std::filesystem::path(path).extension() == ".dta") return reports::labels_from_frame(data::read_dta(path));
    return reports::read_labels(path);
}

std::size_t parse_span(const std::string& text, const std::string& group) {
    std::size_t used = 0;
    long span = 0;
    try {
        span = std::stol(text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used != text.size() || span < 1)
        throw Error("--group '" + group + "': the span '" + text + "' is not a whole number of columns >= 1");
    return static_cast<std::size_t>(span);
}

}  // namespace

int run_table(const Args& args) {
    std::vector<std::string> files, renames, groups, panels;
    std::string format = "text", out, stars = "default", below = "se", labels, estimator_row = "auto";
    reports::TableOptions table;
    po::options_description options("gvcpanel table RESULT.json... [options]");
    // clang-format off
    options.add_options()
        ("help,h", "show this help")
        ("format", po::value(&format)->default_value(format),
         "text, md, latex, html, csv, json, rtf, docx or xlsx (docx and xlsx need --out)")
        ("out", po::value(&out), "write to this file instead of standard output")
        ("stars", po::value(&stars)->default_value(stars),
         "default (* 0.10 ** 0.05 *** 0.01), none, thresholds 0.05,0.01 or pairs +:0.1,*:0.05")
        ("digits", po::value(&table.digits)->default_value(table.digits), "decimals of numbers")
        ("below", po::value(&below)->default_value(below), "below each estimate: se, t, p, ci or none")
        ("keep", po::value(&table.terms.keep)->multitoken()->composing(),
         "show only these terms (names, or regular expressions matching a whole name)")
        ("drop", po::value(&table.terms.drop)->multitoken()->composing(), "hide these terms (names or patterns)")
        ("order", po::value(&table.terms.order)->multitoken()->composing(), "these terms first, in this order")
        ("rename", po::value(&renames)->multitoken()->composing(),
         "OLD=NEW: show term OLD as NEW (rows of the same new name merge across models)")
        ("labels", po::value(&labels), "variable labels: a CSV file of name,label lines, or a Stata .dta file")
        ("stats", po::value<std::vector<std::string>>()->multitoken(),
         "statistics rows, e.g. nobs y_mean r2 r2_within r2_adj fe_levels n_clusters f_stat loglik pseudo_r2 "
         "test:hansen:p test:ar2:p (default: nobs y_mean r2 r2_within fe_levels n_clusters)")
        ("titles", po::value(&table.titles)->multitoken()->composing(), "a title per model column")
        ("group", po::value(&groups)->multitoken()->composing(),
         "TITLE:SPAN spanning headings, left to right, e.g. --group OLS:1 \"Fixed effects:2\"")
        ("panel", po::value(&panels)->multitoken()->composing(),
         "a title per RESULT.json: each file becomes one stacked panel")
        ("note", po::value(&table.notes)->composing(), "a note below the table (repeatable)")
        ("no-fe", "leave out the fixed-effect rows")
        ("estimator-row", po::value(&estimator_row)->default_value(estimator_row),
         "the Estimator row: auto (when the models' estimators or IV stages differ), yes or no")
        ("no-margins", "leave out the partial-effect rows (results of fit --margins)")
        ("align", "LaTeX: align numbers on the decimal point (needs \\usepackage{dcolumn})")
        ("standalone", "HTML: a whole page rather than a <table> fragment");
    po::options_description hidden;
    hidden.add_options()("result", po::value(&files)->multitoken(), "result files");
    // clang-format on
    po::positional_options_description positional;
    positional.add("result", -1);
    po::variables_map values;
    const std::string help = "Put the RESULT.json files first: list options (--keep, --stats, ...) take every word\n"
                             "after them up to the next option. See docs/reports.md.\n";
    if (!parse_command(args, {&options, &hidden, &positional, help}, values)) return 0;
    if (files.empty()) throw Error("give one or more RESULT.json files (as written by gvcpanel fit --format json)");

    if (values.count("stats")) table.stats = values["stats"].as<std::vector<std::string>>();
    table.stars = reports::parse_stars(stars);
    table.below = reports::parse_below(below);
    table.fixed_effects = values.count("no-fe") == 0;
    table.margins = values.count("no-margins") == 0;
    table.estimator = reports::parse_show(estimator_row, "--estimator-row");
    for (const auto& rename : renames) table.terms.rename.push_back(split_once(rename, '=', "--rename"));
    for (const auto& group : groups) {
        const auto [title, span] = split_once(group, ':', "--group");
        table.groups.push_back({title, parse_span(span, group)});
    }
    if (!labels.empty()) table.labels = read_any_labels(labels);

    const auto output_format = reports::parse_format(format);
    require_file_for_binary(format, out);
    reports::RenderOptions render{.latex_decimal_align = values.count("align") > 0,
                                  .html_standalone = values.count("standalone") > 0};
    std::string text;
    if (panels.empty()) {
        text = reports::Table(read_result_files(files), table).render(output_format, render);
    } else {
        if (panels.size() != files.size())
            throw Error("--panel gives " + std::to_string(panels.size()) + " titles for " +
                        std::to_string(files.size()) + " result files; give one title per file");
        std::vector<reports::Panel> stacked;
        for (std::size_t i = 0; i < files.size(); ++i) stacked.push_back({panels[i], read_result_file(files[i])});
        text = reports::Table(stacked, table).render(output_format, render);
    }
    write_output(text, out);
    return 0;
}

}  // namespace gvcpanel::cli
