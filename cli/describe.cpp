// `gvcpanel describe --data FILE --panel ID[,TIME]`: reads a table and prints its panel structure
// and the overall, between and within variation of each numeric variable (xtdescribe + xtsum),
// then the summary statistics (Table 1) and correlation tables, in any table format.
#include "data/describe.hpp"

#include <boost/program_options.hpp>
#include <string>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/parse_command.hpp"
#include "cli/read_options.hpp"
#include "data/correlation.hpp"
#include "data/error.hpp"
#include "data/panel_index.hpp"
#include "data/read.hpp"
#include "reports/describe_tables.hpp"
#include "reports/render.hpp"

namespace gvcpanel::cli {

namespace po = boost::program_options;

namespace {

struct PanelNames {
    std::string entity, time;
};

// "firm" or "firm,year".
PanelNames parse_panel(const std::string& text) {
    const auto comma = text.find(',');
    PanelNames names{text.substr(0, comma),
                     comma == std::string::npos ? "" : text.substr(comma + 1)};
    if (names.entity.empty() || (comma != std::string::npos && names.time.empty()) ||
        names.time.find(',') != std::string::npos)
        throw Error("--panel '" + text + "': expected ID or ID,TIME (e.g. firm,year)");
    return names;
}

// The variables the tables show: `chosen` in its order (each must be numeric), or those describe
// summarises (every numeric column but the entity).
std::vector<data::VariableSummary> table_variables(const data::PanelDescription& description, const data::Frame& frame,
                                                   const data::PanelIndex& index, const std::vector<std::string>& chosen) {
    if (chosen.empty()) return description.variables;
    std::vector<data::VariableSummary> variables;
    for (const auto& name : chosen) {
        if (frame.column(name).type == data::ColumnType::categorical)
            throw Error("--variables: '" + name + "' is a text column; the tables summarise numeric ones");
        variables.push_back(data::summarize(index, frame.column(name).to_doubles(), name));
    }
    return variables;
}

}  // namespace

int run_describe(const Args& args) {
    std::string data_path, panel, format = "text", out, stars = "default";
    std::vector<std::string> chosen;
    int digits = 3;
    ReadSettings reading;
    po::options_description options("gvcpanel describe --data FILE --panel ID[,TIME] [options]");
    // clang-format off
    options.add_options()
        ("help,h", "show this help")
        ("data", po::value(&data_path)->required(),
         "the table: CSV (comma, semicolon or tab), Stata .dta or Excel .xlsx; - for standard input")
        ("panel", po::value(&panel)->required(),
         "the entity column, and the time column after a comma (firm,year)")
        ("variables", po::value(&chosen)->multitoken()->composing(),
         "the variables of the summary and correlation tables, in this order (default every numeric one)")
        ("format", po::value(&format)->default_value(format),
         "text (the panel description, then the tables), or the tables alone as md, latex, html, csv, "
         "json, rtf, docx or xlsx (docx and xlsx need --out)")
        ("out", po::value(&out), "write to this file instead of standard output")
        ("digits", po::value(&digits)->default_value(digits), "decimals in the tables")
        ("stars", po::value(&stars)->default_value(stars),
         "correlation stars: default (* 0.10 ** 0.05 *** 0.01), none, or thresholds as for gvcpanel table");
    // clang-format on
    add_read_options(options, reading);
    po::variables_map values;
    const std::string help = "Prints the panel's structure (entities, periods, balance, gaps) and, for each\n"
                             "numeric variable, its overall, between and within mean, sd, min and max (Stata's xtsum);\n"
                             "then the summary statistics (N, mean, sd, min, max: a paper's Table 1) and the pairwise\n"
                             "correlations. See docs/reports.md.\n";
    if (!parse_command(args, {&options, nullptr, nullptr, help}, values)) return 0;
    const auto names = parse_panel(panel);
    const auto table_format = reports::parse_format(format);
    require_file_for_binary(format, out);
    if (digits < 0 || digits > 15) throw Error("--digits " + std::to_string(digits) + ": give 0 to 15 decimals");
    const auto star_levels = reports::parse_stars(stars);

    auto read = read_options(reading);
    read.category_columns = {names.entity};
    const auto frame = data::read_table(data_path, read);
    const data::PanelIndex index(frame, names.entity, names.time);
    const auto description = data::describe(frame, index);
    const auto variables = table_variables(description, frame, index, chosen);
    std::vector<std::string> variable_names;
    for (const auto& variable : variables) variable_names.push_back(variable.name);
    const std::vector<reports::TitledLayout> tables = {
        {"Summary statistics", reports::summary_statistics_table(variables, digits)},
        {"Correlations", reports::correlation_table(data::correlations(frame, variable_names, index.order()), digits,
                                                    star_levels)}};
    std::string text = reports::render_tables(tables, table_format);
    if (table_format == reports::Format::text) text = data::render(description) + "\n" + text;
    write_output(text, out);
    return 0;
}

}  // namespace gvcpanel::cli
