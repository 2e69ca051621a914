// `gvcpanel simulate [--firms N] [--years T] [--seed S] --out FILE.csv`: writes the simulated
// cluster-GVC panel (data::simulate) as CSV and its true parameters as JSON beside it.
#include "data/simulate.hpp"

#include <boost/program_options.hpp>
#include <filesystem>
#include <iostream>
#include <string>

#include "cli/commands.hpp"
#include "cli/parse_command.hpp"
#include "data/atomic_file.hpp"
#include "data/csv_writer.hpp"
#include "data/error.hpp"

namespace gvcpanel::cli {

namespace po = boost::program_options;

namespace {

// FILE.csv -> FILE.truth.json (any other extension is replaced the same way; none is appended to).
std::string truth_path(const std::string& out) {
    return std::filesystem::path(out).replace_extension(".truth.json").string();
}

}  // namespace

int run_simulate(const Args& args) {
    data::SimulationOptions simulation;
    std::int64_t seed = static_cast<std::int64_t>(simulation.seed);
    std::string out;
    po::options_description options(
        "gvcpanel simulate [--firms N] [--years T] [--seed S] --out FILE.csv");
    // clang-format off
    options.add_options()
        ("help,h", "show this help")
        ("firms", po::value(&simulation.firms)->default_value(simulation.firms), "number of firms")
        ("years", po::value(&simulation.years)->default_value(simulation.years),
         "number of years the panel spans (from 2001)")
        ("seed", po::value(&seed)->default_value(seed),
         "seed of the generator (>= 0): the same seed gives the same file")
        ("out", po::value(&out)->required(),
         "the CSV file; the true parameters go to the same name with the extension .truth.json "
         "(panel.csv -> panel.truth.json)");
    // clang-format on
    po::variables_map values;
    const std::string help =
        "Writes a synthetic panel of firms nested in region x industry clusters: local linkages\n"
        "(cluster_density, local_sourcing, local_buyer_ties), global linkages (export_share,\n"
        "fdi_share, gvc_participation, endogenous, with the excluded instrument tariff_shock;\n"
        "governance), controls (size, age, capital_intensity) and upgrading outcomes (log_tfp,\n"
        "log_unit_value, upgrade_event, patents, dva_share, upgrading_index). Firms enter and\n"
        "exit; about 0.5% of local_sourcing, fdi_share and capital_intensity is missing.\n"
        "The JSON holds every true coefficient by outcome and term, and a formula that\n"
        "recovers it.\n";
    if (!parse_command(args, {&options, nullptr, nullptr, help}, values)) return 0;
    if (seed < 0) throw Error("--seed " + std::to_string(seed) + ": the seed must be >= 0");
    simulation.seed = static_cast<std::uint64_t>(seed);

    const auto result = data::simulate(simulation);
    data::write_csv(result.frame, out);
    const std::string truth = truth_path(out);
    data::write_file(truth, result.truth.to_json().dump(2) + "\n");
    std::cout << "wrote " << out << " (" << result.frame.rows() << " rows, " << simulation.firms
              << " firms, " << simulation.years << " years) and its true parameters to " << truth
              << "\n";
    return 0;
}

}  // namespace gvcpanel::cli
