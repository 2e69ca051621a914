// An inter-country input-output table for one year: G countries with the same N sectors each
// (rows and columns ordered country by country), K final-demand categories per country, gross
// output, and value added when the file gives it. The readers (io_read.hpp) build it from the OECD
// ICIO and WIOD wide layouts or a long file; io_identities.hpp checks its accounting.
#pragma once

#include <armadillo>
#include <string>
#include <vector>

namespace gvcpanel::measures {

struct IoTable {
    std::vector<std::string> countries;      // G, in the order of the table
    std::vector<std::string> sectors;        // N, the same list for every country
    std::vector<std::string> fd_categories;  // K, the same list for every country
    arma::mat intermediate;                  // GN x GN: row = supplying country-sector, column = using one
    arma::mat final_demand;                  // GN x GK: column = country, then category
    arma::vec output;                        // GN: gross output (the file's, or intermediate + final use)
    bool output_given = false;               // the file gave output (else it is the row sums)
    arma::vec value_added;                   // GN, empty when the file has no value-added row
    arma::vec other_inputs;                  // GN: other primary rows (taxes less subsidies, ...); zeros when none
    std::string year;                        // "" when the file has none
    std::string source;                      // file name, for messages

    std::size_t G() const { return countries.size(); }
    std::size_t N() const { return sectors.size(); }
    std::size_t GN() const { return countries.size() * sectors.size(); }
    std::size_t country_of(std::size_t row) const { return row / sectors.size(); }
    // "Argentina_Agriculture": how messages name a row or column.
    std::string label(std::size_t row) const;
};

}  // namespace gvcpanel::measures
