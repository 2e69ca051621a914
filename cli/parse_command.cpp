#include "cli/parse_command.hpp"

#include <iostream>

namespace gvcpanel::cli {

namespace po = boost::program_options;

bool parse_command(const Args& args, const CommandLine& line, po::variables_map& values) {
    po::options_description all;
    all.add(*line.visible);
    if (line.hidden) all.add(*line.hidden);
    po::command_line_parser parser(args);
    parser.options(all);
    if (line.positional) parser.positional(*line.positional);
    po::store(parser.run(), values);
    if (values.count("help")) {
        std::cout << *line.visible << "\n" << line.help_after;
        return false;
    }
    po::notify(values);
    return true;
}

}  // namespace gvcpanel::cli
