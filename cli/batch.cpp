// `gvcpanel batch SPEC.toml`: expands the specification file, reads the data once (only the
// columns the specifications use), estimates what OUT/results.jsonl does not hold yet, and writes
// the tables, summary, specification curve and manifest. Exit status: 0 when every specification
// has a result, 4 when some failed (their errors are in the store), 1 for a bad file or option.
#include <boost/program_options.hpp>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <limits>
#include <optional>

#include "cli/batch_expand.hpp"
#include "cli/batch_id.hpp"
#include "cli/batch_lock.hpp"
#include "cli/batch_outputs.hpp"
#include "cli/batch_run.hpp"
#include "cli/batch_spec.hpp"
#include "cli/batch_store.hpp"
#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/parse_command.hpp"
#include "cli/read_options.hpp"
#include "cli/threads.hpp"
#include "data/atomic_file.hpp"
#include "data/csv_writer.hpp"
#include "data/error.hpp"
#include "data/memory.hpp"
#include "data/read.hpp"

namespace gvcpanel::cli {

namespace po = boost::program_options;

namespace {

constexpr int kSomeFailed = 4;
// Expansion is refused beyond this many specifications unless --max-specs allows more: a product
// of choices grows fast, and every specification is held in memory before the first one runs.
constexpr std::size_t kDefaultMaxSpecs = 100000;
// Memory one expanded specification takes (its request, choices and stored spec), for the check
// before expanding: measured 4.8 KB each on 24,000 specifications of a file with 10 outcomes, 4
// control sets, 50 alternatives, 3 fixed-effect sets, 2 subsets and 2 covariances.
constexpr double kBytesPerSpecification = 5000;

void print_plan_line(const ExpandedSpec& spec, std::ostream& out) {
    out << spec.id << (spec.primary ? " * " : "   ") << spec.model << ": " << spec.request.model;
    if (!spec.request.estimator.empty()) out << "  [" << spec.request.estimator << "]";
    out << "  vcov " << spec.request.vcov;
    if (!spec.request.subset.empty()) out << "  subset " << spec.request.subset;
    out << "\n";
}

std::string count_text(std::size_t count) {
    return count == std::numeric_limits<std::size_t>::max() ? "more than 10^19" : std::to_string(count);
}

// The data with only the columns the specifications use; when one names a column the file lacks,
// every column is read and that specification fails on its own.
data::Frame read_data(const std::string& path, const ReadSettings& reading, const std::vector<ExpandedSpec>& specs) {
    data::ReadOptions options = read_options(reading);
    options.columns = columns_needed(specs);
    std::vector<const ModelRequest*> requests;
    for (const auto& spec : specs) requests.push_back(&spec.request);
    options.category_columns = category_columns(requests);
    // nls refines in long double on the numbers as written (as `fit` reads them for it).
    const auto is_nls = [](const ExpandedSpec& spec) { return spec.request.estimator == "nls"; };
    options.decimal_residues = std::any_of(specs.begin(), specs.end(), is_nls);
    try {
        return data::read_table(path, options);
    } catch (const Error&) {
        if (options.columns.empty()) throw;
        options.columns.clear();
        return data::read_table(path, options);
    }
}

// The command line's reading options after the file's: tokens and text columns added, a decimal
// mark given on the command line replacing the file's.
void add_command_line(ReadSettings& file, const ReadSettings& command_line, bool decimal_defaulted) {
    file.na.insert(file.na.end(), command_line.na.begin(), command_line.na.end());
    file.text.insert(file.text.end(), command_line.text.begin(), command_line.text.end());
    if (!decimal_defaulted) file.decimal = command_line.decimal;
    if (!command_line.sheet.empty()) file.sheet = command_line.sheet;
}

// Ids cover how the data was read when that is not the default: other missing-value tokens or text
// columns give other numbers, so stored results of another reading are not reused.
std::string ids_checksum(const std::string& checksum, const ReadSettings& reading) {
    if (reading.na.empty() && reading.text.empty() && reading.decimal == "." && reading.sheet.empty()) return checksum;
    std::string key = checksum + "\nna";
    for (const auto& token : reading.na) key += " " + token;
    key += "\ntext";
    for (const auto& name : reading.text) key += " " + name;
    return key + "\ndecimal " + reading.decimal + (reading.sheet.empty() ? "" : "\nsheet " + reading.sheet);
}

}  // namespace

int run_batch(const Args& args) {
    std::string spec_file;
    std::string out_dir;
    std::size_t max_specs = kDefaultMaxSpecs;
    BatchRunOptions run_options;
    po::options_description options(
        "gvcpanel batch SPEC.toml [--jobs N] [--out DIR] [--dry-run] [--retry-failed] [--max-specs N]");
    options.add_options()
        ("help,h", "this help")
        ("spec", po::value(&spec_file), "the specification file (TOML, docs/batch.md)")
        ("jobs", po::value(&run_options.jobs)->default_value(0), "specifications estimated at once (0 = all cores)")
        ("out", po::value(&out_dir)->default_value("batch-output"), "folder for results.jsonl, tables, plots")
        ("dry-run", "list the expanded specifications with their ids and stop")
        ("max-specs", po::value(&max_specs)->default_value(kDefaultMaxSpecs),
         "refuse a file that expands to more specifications than this")
        ("retry-failed", "rerun specifications stored as failed");
    ReadSettings reading;
    add_read_options(options, reading);
    po::positional_options_description positional;
    positional.add("spec", 1);
    po::variables_map values;
    if (!parse_command(args, {&options, nullptr, &positional, ""}, values)) return 0;
    if (spec_file.empty()) throw Error("no specification file: gvcpanel batch SPEC.toml");
    run_options.retry_failed = values.count("retry-failed") > 0;
    run_options.progress_terminal = ::isatty(STDERR_FILENO) != 0;
    run_options.validate();
    run_options.jobs = machine_threads(run_options.jobs, "--jobs");

    auto spec = read_batch_spec(spec_file);
    add_command_line(spec.reading, reading, values["decimal"].defaulted());
    const std::filesystem::path out(out_dir);
    const bool dry_run = values.count("dry-run") > 0;
    // Everything the batch writes into OUT is written under its lock (a dry run writes only the
    // simulated panel); files left half-written by a killed batch are removed first.
    std::optional<OutputFolderLock> lock;
    if (!dry_run || spec.simulate) {
        create_output_folder(out_dir);
        lock.emplace(out_dir);
        data::remove_stale_temporaries(out_dir);
    }
    if (spec.simulate) {
        spec.data = (out / "simulated_panel.csv").string();
        data::write_csv(data::simulate(spec.simulation).frame, spec.data);
    }
    std::error_code unreadable;  // reported by the reader, which names the file
    if (spec.data == "-" ||
        (std::filesystem::exists(spec.data, unreadable) && !std::filesystem::is_regular_file(spec.data, unreadable)))
        throw Error(spec.data + ": a batch reads its data file more than once (and checksums it): give a regular "
                                "file, not a pipe or standard input");
    const std::string checksum = file_checksum(spec.data);
    SplitLevels levels;
    if (const auto columns = split_columns(spec); !columns.empty()) {
        data::ReadOptions split_options = read_options(spec.reading);
        split_options.columns = columns;
        levels = split_levels(data::read_table(spec.data, split_options), columns);
    }
    const std::string ids = ids_checksum(checksum, spec.reading);
    const std::size_t count = count_specifications(spec, levels);
    if (count > max_specs)
        throw Error(spec_file + " expands to " + count_text(count) + " specifications, more than --max-specs " +
                    std::to_string(max_specs) + ": give fewer choices, or a larger --max-specs to run them all");
    if (dry_run) {
        std::cout << count << " specifications (* = primary)\n";
        for_each_specification(spec, ids, levels, [](ExpandedSpec&& item) { print_plan_line(item, std::cout); });
        return 0;
    }
    data::require_memory(static_cast<double>(count) * kBytesPerSpecification,
                         "the " + count_text(count) + " specifications of " + spec_file);
    const auto specs = expand(spec, ids, levels);

    const auto frame = read_data(spec.data, spec.reading, specs);
    const std::string store_path = (out / "results.jsonl").string();
    ResultStore store(store_path);
    const auto counts = run_specifications(specs, frame, read_store(store_path), store, run_options);
    const auto stored = read_store(store_path);
    write_batch_outputs(spec, specs, stored, checksum, out_dir);

    std::size_t failed = 0;
    for (const auto& item : specs) {
        const auto it = stored.find(item.id);
        failed += it == stored.end() || it->second.contains("error") ? 1 : 0;
    }
    std::cout << specs.size() << " specifications: " << counts.estimated << " estimated now, " << counts.skipped
              << " already stored, " << failed << " failed; results in " << store_path << "\n";
    return failed == 0 ? 0 : kSomeFailed;
}

}  // namespace gvcpanel::cli
