// `gvcpanel describe --data FILE --panel ID[,TIME]`: reads a table and prints its panel structure
// and the overall, between and within variation of each numeric variable (xtdescribe + xtsum).
#include "data/describe.hpp"

#include <boost/program_options.hpp>
#include <iostream>
#include <string>

#include "cli/commands.hpp"
#include "cli/parse_command.hpp"
#include "cli/read_options.hpp"
#include "data/error.hpp"
#include "data/panel_index.hpp"
#include "data/read.hpp"

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

}  // namespace

int run_describe(const Args& args) {
    std::string data_path, panel;
    ReadSettings reading;
    po::options_description options("gvcpanel describe --data FILE --panel ID[,TIME]");
    // clang-format off
    options.add_options()
        ("help,h", "show this help")
        ("data", po::value(&data_path)->required(),
         "the table: CSV (comma, semicolon or tab) or Stata .dta; - for standard input")
        ("panel", po::value(&panel)->required(),
         "the entity column, and the time column after a comma (firm,year)");
    // clang-format on
    add_read_options(options, reading);
    po::variables_map values;
    const std::string help = "Prints the panel's structure (entities, periods, balance, gaps) and, for each\n"
                             "numeric variable, its overall, between and within mean, sd, min and max (Stata's xtsum).\n";
    if (!parse_command(args, {&options, nullptr, nullptr, help}, values)) return 0;
    const auto names = parse_panel(panel);
    auto read = read_options(reading);
    read.category_columns = {names.entity};
    const auto frame = data::read_table(data_path, read);
    const data::PanelIndex index(frame, names.entity, names.time);
    std::cout << data::render(data::describe(frame, index));
    return 0;
}

}  // namespace gvcpanel::cli
