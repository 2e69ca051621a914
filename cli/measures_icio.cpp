// `gvcpanel measures icio --table F [--layout oecd|wiod|long] [--output F] [--decomp kww|wwz]
// [--indicators ...] --out F.csv`: reads an input-output table, reports the accounting gaps on
// standard error, and writes the decomposition or the indicators as a tidy CSV.
#include <boost/program_options.hpp>
#include <iostream>

#include "cli/measures.hpp"
#include "cli/parse_command.hpp"
#include "data/csv_writer.hpp"
#include "data/error.hpp"
#include "measures/icio_measures.hpp"
#include "measures/io_identities.hpp"
#include "measures/io_read.hpp"

namespace gvcpanel::cli {

namespace po = boost::program_options;

int run_measures_icio(const Args& args) {
    std::string table_path, layout = "oecd", output_path, decomp, indicators, year, out;
    double identity_rtol = 1e-6;
    po::options_description options("gvcpanel measures icio --table F [--layout oecd|wiod|long] [--decomp kww|wwz] "
                                    "[--indicators LIST] --out F.csv");
    // clang-format off
    options.add_options()
        ("help,h", "show this help")
        ("table", po::value(&table_path)->required(), "the input-output table (CSV)")
        ("layout", po::value(&layout)->default_value(layout),
         "oecd (wide, COUNTRY_SECTOR labels, VA and OUT rows), wiod (WIOT columns IndustryCode ... Year, AUS1 ...) or "
         "long (row_country, row_industry, col_country, col_use, value [, year])")
        ("output", po::value(&output_path), "long layout: gross output (country, industry, output [, year]); "
         "default: intermediate plus final use")
        ("decomp", po::value(&decomp), "kww (Koopman-Wang-Wei 2014, by country) or wwz (Wang-Wei-Zhu 2013, 16 terms "
         "by exporter, sector, importer), columns named as R decompr")
        ("indicators", po::value(&indicators), "backward, forward, participation, position (by country) or "
         "upstreamness, downstreamness (by country and sector), comma-separated")
        ("year", po::value(&year), "a year key for a wide table of one year (the wiod and long layouts carry theirs)")
        ("identity-tol", po::value(&identity_rtol)->default_value(identity_rtol),
         "relative size above which an accounting gap is reported")
        ("out", po::value(&out)->required(), "the CSV file to write");
    // clang-format on
    po::variables_map values;
    const std::string help =
        "Accounting gaps (output against intermediate plus final use, and against inputs plus value\n"
        "added) are reported on standard error with their size; the table is still decomposed.\n"
        "Value added is output minus intermediate inputs (as decompr). See docs/measures.md.\n";
    if (!parse_command(args, {&options, nullptr, nullptr, help}, values)) return 0;
    measures::IcioRequest request{decomp, split_list(indicators)};
    measures::validate(request);
    auto tables = measures::read_io_tables(table_path, measures::parse_io_layout(layout), output_path);
    for (auto& table : tables) {
        if (!year.empty()) {
            if (!table.year.empty()) throw Error("--year: " + table_path + " already has years");
            table.year = year;
        }
        const auto report = measures::check_identities(table, identity_rtol);
        std::cerr << measures::describe(report, table_path + (table.year.empty() ? "" : " (" + table.year + ")"));
    }
    const data::Frame frame = measures::icio_measures(std::move(tables), request);
    data::write_csv(frame, out);
    std::cerr << "wrote " << out << " (" << frame.rows() << " rows)\n";
    return 0;
}

}  // namespace gvcpanel::cli
