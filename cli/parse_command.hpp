// The command line of every subcommand is read the same way: its options (shown by --help),
// options kept out of the help (the bare RESULT.json words), and which options bare words fill.
#pragma once

#include <boost/program_options.hpp>
#include <string>

#include "cli/commands.hpp"

namespace gvcpanel::cli {

struct CommandLine {
    const boost::program_options::options_description* visible = nullptr;       // shown by --help
    const boost::program_options::options_description* hidden = nullptr;        // not shown; may be null
    const boost::program_options::positional_options_description* positional = nullptr;  // may be null
    std::string help_after;  // printed after the options by --help
};

// Parses `args` into `values`. With --help it prints the visible options and help_after and
// returns false (the command then exits 0); otherwise it checks the required options, whose
// absence, like an unknown option, throws Boost's error for main() to report.
bool parse_command(const Args& args, const CommandLine& line, boost::program_options::variables_map& values);

}  // namespace gvcpanel::cli
