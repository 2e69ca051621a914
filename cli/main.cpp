// gvcpanel: the command-line program. It dispatches to one subcommand and turns every user error
// into one message on standard error and a non-zero exit status; output that did not reach
// standard output (a full disk, a closed file) is such an error too.
#include <cstring>
#include <exception>
#include <functional>
#include <iostream>
#include <map>
#include <new>
#include <string>

#include <boost/program_options/errors.hpp>

#include "cli/commands.hpp"
#include "cli/memory_reuse.hpp"
#include "cli/standard_output.hpp"
#include "data/error.hpp"
#include "data/names.hpp"

namespace {

using Command = std::function<int(const gvcpanel::cli::Args&)>;

const std::map<std::string, std::pair<Command, const char*>>& commands() {
    using namespace gvcpanel::cli;
    static const std::map<std::string, std::pair<Command, const char*>> table = {
        {"demo", {run_demo, "simulate the cluster-GVC panel and estimate the upgrading models on it"}},
        {"fit", {run_fit, "estimate a model and print its result"}},
        {"describe", {run_describe, "panel structure and within/between variation (xtdescribe, xtsum)"}},
        {"simulate", {run_simulate, "write the simulated cluster-GVC panel (CSV) and its true parameters (JSON)"}},
        {"table", {run_table, "a regression table of saved results (text, md, latex, html, csv, json)"}},
        {"plot", {run_plot, "a coefficient plot of saved results (png, svg, pdf)"}},
        {"test", {run_test, "panel specification tests by name, each on its own fit: hausman, bp_lm, bsy_lm_joint, ..."}},
        {"mediate", {run_mediate, "mediation: total, direct and indirect effects, Sobel tests, bootstrap intervals"}},
        {"bacon", {run_bacon, "Goodman-Bacon decomposition of a staggered two-way fixed-effects coefficient"}},
        {"batch", {run_batch, "estimate the specifications of a batch file (TOML) in parallel, resumably"}},
        {"measures", {run_measures, "GVC, trade and cluster measures as a tidy panel to merge (measures icio|...)"}},
        {"weights", {run_weights, "a spatial weights matrix from coordinates or an edge list (fit --spatial W.csv)"}},
        {"help", {run_help, "reference texts: gvcpanel help formula (the formula syntax with examples)"}},
    };
    return table;
}

void usage(std::ostream& out) {
    out << "usage: gvcpanel COMMAND [options]   (gvcpanel COMMAND --help for its options)\n\n";
    for (const auto& [name, entry] : commands()) out << "  " << name << std::string(10 - name.size(), ' ') << entry.second << "\n";
}

int run(int argc, char** argv) {
    if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h")) {
        usage(argc < 2 ? std::cerr : std::cout);
        return argc < 2 ? 2 : 0;
    }
    if (!std::strcmp(argv[1], "--version")) {
        std::cout << "gvcpanel " << GVCPANEL_VERSION << "\n";
        return 0;
    }
    const std::string name = argv[1];
    const auto it = commands().find(name);
    if (it == commands().end()) {
        std::vector<std::string> names;
        for (const auto& entry : commands()) names.push_back(entry.first);
        std::cerr << "gvcpanel: unknown command '" << name << "'"
                  << gvcpanel::data::did_you_mean(name, names) << "\n";
        usage(std::cerr);
        return 2;
    }
    try {
        return it->second.first(gvcpanel::cli::Args(argv + 2, argv + argc));
    } catch (const gvcpanel::Error& e) {
        std::cerr << "gvcpanel " << name << ": " << e.what() << "\n";
    } catch (const boost::program_options::error& e) {
        std::cerr << "gvcpanel " << name << ": " << e.what() << " (see gvcpanel " << name << " --help)\n";
    } catch (const std::bad_alloc&) {
        std::cerr << "gvcpanel " << name << ": out of memory\n";
    } catch (const std::exception& e) {
        std::cerr << "gvcpanel " << name << ": internal error: " << e.what() << "\n";
    }
    return 1;
}

}  // namespace

int main(int argc, char** argv) {
    gvcpanel::cli::keep_freed_memory_for_reuse();
    gvcpanel::cli::capture_standard_output();
    const int status = run(argc, argv);
    if (const auto failure = gvcpanel::cli::standard_output_failure()) {
        std::cerr << "gvcpanel" << (argc >= 2 ? std::string(" ") + argv[1] : std::string())
                  << ": cannot write to standard output: " << *failure << "\n";
        return status == 0 ? 1 : status;
    }
    return status;
}
