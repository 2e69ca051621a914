// `gvcpanel measures cluster --data F --region r --industry i [--year t] --size v [--firm f]
// [--indicators ...] --out F.csv`: location quotients, HHI, Krugman, Ellison-Glaeser and the
// locational Gini by region, industry and year (docs/measures.md, "Clusters").
#include <boost/program_options.hpp>
#include <iostream>

#include "cli/measures.hpp"
#include "cli/parse_command.hpp"
#include "data/csv_writer.hpp"
#include "data/read.hpp"
#include "measures/cluster_indices.hpp"

namespace gvcpanel::cli {

namespace po = boost::program_options;

int run_measures_cluster(const Args& args) {
    std::string data_path, indicators, out;
    measures::ClusterColumns columns;
    po::options_description options("gvcpanel measures cluster --data F --region r --industry i [--year t] --size v "
                                    "[--firm f] [--indicators LIST] --out F.csv");
    // clang-format off
    options.add_options()
        ("help,h", "show this help")
        ("data", po::value(&data_path)->required(), "plants: one row per plant (or per firm row, with --firm)")
        ("region", po::value(&columns.region)->required(), "the region column")
        ("industry", po::value(&columns.industry)->required(), "the industry column")
        ("year", po::value(&columns.year), "the year column (indices by year)")
        ("size", po::value(&columns.size)->required(), "employment or output")
        ("firm", po::value(&columns.firm), "firm ids: a firm's rows in one region and industry are one plant (EG's H)")
        ("indicators", po::value(&indicators), "lq, hhi, krugman, eg, gini, comma-separated (default all)")
        ("out", po::value(&out)->required(), "the CSV file to write");
    // clang-format on
    po::variables_map values;
    if (!parse_command(args, {&options, nullptr, nullptr, "See docs/measures.md.\n"}, values)) return 0;
    data::ReadOptions read;
    read.text_columns = {columns.region, columns.industry};
    read.columns = {columns.region, columns.industry, columns.size};
    for (const auto* extra : {&columns.year, &columns.firm})
        if (!extra->empty()) read.columns.push_back(*extra);
    if (!columns.firm.empty()) read.text_columns.push_back(columns.firm);
    const data::Frame frame = data::read_csv(data_path, read);
    const data::Frame result = measures::cluster_measures(measures::cluster_tables(frame, columns), split_list(indicators));
    data::write_csv(result, out);
    std::cerr << "wrote " << out << " (" << result.rows() << " rows)\n";
    return 0;
}

}  // namespace gvcpanel::cli
