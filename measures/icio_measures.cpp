#include "measures/icio_measures.hpp"

#include <algorithm>
#include <map>

#include "data/error.hpp"
#include "measures/gvc_indicators.hpp"
#include "measures/io_system.hpp"
#include "measures/kww.hpp"
#include "measures/tidy_frame.hpp"
#include "measures/wwz.hpp"

namespace gvcpanel::measures {

namespace {

// Indicator name -> (column, level: true = by country and sector).
const std::map<std::string, std::pair<std::string, bool>>& indicator_table() {
    static const std::map<std::string, std::pair<std::string, bool>> table = {
        {"backward", {"gvc_backward", false}},     {"forward", {"gvc_forward", false}},
        {"participation", {"gvc_participation", false}}, {"position", {"gvc_position", false}},
        {"upstreamness", {"upstreamness", true}},  {"downstreamness", {"downstreamness", true}}};
    return table;
}

bool by_sector(const IcioRequest& request) {
    return !request.indicators.empty() && indicator_table().at(request.indicators.front()).second;
}

std::vector<std::string> with_year(std::vector<std::string> keys, bool years) {
    if (years) keys.push_back("year");
    return keys;
}

}  // namespace

void validate(const IcioRequest& request) {
    if (request.decomposition != "" && request.decomposition != "kww" && request.decomposition != "wwz")
        throw Error("--decomp '" + request.decomposition + "': expected kww or wwz (Borin-Mancini is not available yet)");
    if (request.decomposition.empty() && request.indicators.empty())
        throw Error("nothing to compute: give --decomp kww|wwz and/or --indicators");
    for (const auto& name : request.indicators)
        if (!indicator_table().count(name))
            throw Error("--indicators: unknown indicator '" + name +
                        "' (backward, forward, participation, position, upstreamness, downstreamness)");
    for (const auto& name : request.indicators)
        if (indicator_table().at(name).second != by_sector(request))
            throw Error("--indicators: " + name + " and " + request.indicators.front() +
                        " have different rows (upstreamness and downstreamness are by country and sector, the "
                        "participation indicators by country): write them in two runs");
    if (request.decomposition == "wwz" && !request.indicators.empty())
        throw Error("--decomp wwz has rows by exporter, sector and importer; write --indicators in a separate run");
    if (request.decomposition == "kww" && by_sector(request))
        throw Error("--decomp kww has rows by country; upstreamness and downstreamness are by country and sector: write "
                    "them in a separate run");
}

data::Frame icio_measures(std::vector<IoTable> tables, const IcioRequest& request) {
    validate(request);
    const bool years = std::any_of(tables.begin(), tables.end(), [](const IoTable& t) { return !t.year.empty(); });
    std::vector<std::string> indicator_columns;
    for (const auto& name : request.indicators) indicator_columns.push_back(indicator_table().at(name).first);

    if (request.decomposition == "wwz") {
        TidyFrame out(with_year({"exporter", "sector", "importer"}, years), wwz_terms());
        for (auto& table : tables) {
            const IoSystem system = leontief_system_in_place(table);
            const WwzDecomposition w = wwz(system);
            for (std::size_t i = 0; i < table.GN(); ++i)
                for (std::size_t r = 0; r < table.G(); ++r) {
                    std::vector<double> row;
                    for (const auto& term : w.terms) row.push_back(term(i, r));
                    std::vector<std::string> keys = {table.countries[table.country_of(i)], table.sectors[i % table.N()],
                                                     table.countries[r]};
                    if (years) keys.push_back(table.year);
                    out.add_row(keys, row);
                }
        }
        return out.frame();
    }
    if (by_sector(request)) {
        TidyFrame out(with_year({"country", "sector"}, years), indicator_columns);
        for (auto& table : tables) {
            const SectorPosition p = sector_position(leontief_system_in_place(table));
            for (std::size_t i = 0; i < table.GN(); ++i) {
                std::vector<double> row;
                for (const auto& name : request.indicators) row.push_back(name == "upstreamness" ? p.upstreamness(i) : p.downstreamness(i));
                std::vector<std::string> keys = {table.countries[table.country_of(i)], table.sectors[i % table.N()]};
                if (years) keys.push_back(table.year);
                out.add_row(keys, row);
            }
        }
        return out.frame();
    }
    std::vector<std::string> columns;
    if (request.decomposition == "kww") {
        columns = kww_terms();
        columns.push_back("texp");
    }
    columns.insert(columns.end(), indicator_columns.begin(), indicator_columns.end());
    TidyFrame out(with_year({"country"}, years), columns);
    for (auto& table : tables) {
        const KwwDecomposition k = kww(leontief_system_in_place(table));
        const CountryGvc g = country_gvc(k);
        const std::map<std::string, const arma::vec*> indicator = {
            {"backward", &g.backward}, {"forward", &g.forward}, {"participation", &g.participation}, {"position", &g.position}};
        for (std::size_t c = 0; c < table.G(); ++c) {
            std::vector<double> row;
            if (request.decomposition == "kww") {
                for (std::size_t t = 0; t < k.terms.n_cols; ++t) row.push_back(k.terms(c, t));
                row.push_back(k.exports(c));
            }
            for (const auto& name : request.indicators) row.push_back((*indicator.at(name))(c));
            std::vector<std::string> keys = {table.countries[c]};
            if (years) keys.push_back(table.year);
            out.add_row(keys, row);
        }
    }
    return out.frame();
}

}  // namespace gvcpanel::measures
