// Exports by country and product (one year) as a dense matrix, duplicated pairs summed (as R
// economiccomplexity); countries and products sorted (byte-wise), as economiccomplexity's factor
// levels, so that its sums run in the same order. Product codes stay text.
#pragma once

#include <armadillo>
#include <string>
#include <vector>

#include "data/frame.hpp"

namespace gvcpanel::measures {

struct TradeMatrix {
    std::vector<std::string> countries, products;
    arma::mat exports;     // countries x products
    arma::mat quantities;  // countries x products, summed; NaN where a row lacks it; empty without quantities
    std::string year;   // "" without a year column
};

struct TradeColumns {
    std::string exporter, product, value, year;  // year "" = one period
    std::string quantity;                        // "" = no quantities
};

// One matrix per year (in order of appearance). A missing or negative value is an Error naming
// the line.
std::vector<TradeMatrix> trade_matrices(const data::Frame& frame, const TradeColumns& columns);

}  // namespace gvcpanel::measures
