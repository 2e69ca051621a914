// `gvcpanel measures trade --data F --exporter c --product p [--year t] --value v [--gdp F]
// [--quantity q] [--indicators ...] [--method reflections|eigenvalues] --out F.csv`: RCA, PRODY/EXPY,
// ECI/PCI, density and unit values from exports by country and product, as a tidy CSV (docs/measures.md, "Trade").
#include <boost/program_options.hpp>
#include <iostream>

#include "cli/measures.hpp"
#include "cli/parse_command.hpp"
#include "data/csv_writer.hpp"
#include "data/error.hpp"
#include "data/read.hpp"
#include "measures/trade_measures.hpp"

namespace gvcpanel::cli {

namespace po = boost::program_options;

namespace {

std::map<std::pair<std::string, std::string>, double> read_gdp(const std::string& path) {
    data::ReadOptions options;
    options.text_columns = {"country"};
    const data::Frame frame = data::read_csv(path, options);
    for (const char* name : {"country", "value"})
        if (!frame.has(name)) throw Error(path + ": the GDP file needs the columns country and value (and year when it varies)");
    std::map<std::pair<std::string, std::string>, double> gdp;
    for (std::size_t i = 0; i < frame.rows(); ++i) {
        const std::string year = frame.has("year") ? frame.column("year").text(i) : "";
        if (!gdp.emplace(std::pair{frame.column("country").text(i), year}, frame.column("value").number(i)).second)
            throw Error(path + ":" + std::to_string(i + 2) + ": " + frame.column("country").text(i) + " appears twice");
    }
    return gdp;
}

}  // namespace

int run_measures_trade(const Args& args) {
    std::string data_path, gdp_path, indicators, method = "reflections", out;
    measures::TradeColumns columns;
    measures::TradeRequest request;
    po::options_description options("gvcpanel measures trade --data F --exporter c --product p [--year t] --value v "
                                    "[--gdp F] [--indicators LIST] --out F.csv");
    // clang-format off
    options.add_options()
        ("help,h", "show this help")
        ("data", po::value(&data_path)->required(), "exports: one row per exporter, product (and year)")
        ("exporter", po::value(&columns.exporter)->required(), "the exporter column")
        ("product", po::value(&columns.product)->required(), "the product column (codes stay text: 0011)")
        ("year", po::value(&columns.year), "the year column (measures by year)")
        ("value", po::value(&columns.value)->required(), "the export value column")
        ("quantity", po::value(&columns.quantity), "the quantity column (unit_value = value / quantity)")
        ("gdp", po::value(&gdp_path), "GDP per capita: columns country, value [, year] (for prody, expy)")
        ("indicators", po::value(&indicators), "rca, prody, expy, eci, pci, density, comma-separated "
         "(default: all that the inputs allow)")
        ("method", po::value(&method)->default_value(method), "eci/pci: reflections or eigenvalues")
        ("iterations", po::value(&request.iterations)->default_value(request.iterations),
         "steps of the method of reflections (even)")
        ("out", po::value(&out)->required(), "the CSV file to write");
    // clang-format on
    po::variables_map values;
    if (!parse_command(args, {&options, nullptr, nullptr, "See docs/measures.md.\n"}, values)) return 0;
    if (method != "reflections" && method != "eigenvalues")
        throw Error("--method '" + method + "': expected reflections or eigenvalues");
    request.method = method == "reflections" ? measures::ComplexityMethod::reflections : measures::ComplexityMethod::eigenvalues;
    request.indicators = split_list(indicators);
    request.quantities = !columns.quantity.empty();
    if (!gdp_path.empty()) request.gdp = read_gdp(gdp_path);
    measures::validate(request);
    data::ReadOptions read;
    read.text_columns = {columns.exporter, columns.product};
    read.columns = {columns.exporter, columns.product, columns.value};
    for (const auto* extra : {&columns.year, &columns.quantity})
        if (!extra->empty()) read.columns.push_back(*extra);
    const data::Frame frame = data::read_csv(data_path, read);
    const data::Frame result = measures::trade_measures(measures::trade_matrices(frame, columns), request);
    data::write_csv(result, out);
    std::cerr << "wrote " << out << " (" << result.rows() << " rows)\n";
    return 0;
}

}  // namespace gvcpanel::cli
