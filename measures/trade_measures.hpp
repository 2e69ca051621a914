// What `gvcpanel measures trade` computes, as one tidy frame (docs/measures.md, "Trade"): rows by
// country and product when rca, density or unit_value (value / quantity) is asked or when country- and product-level indicators
// are mixed (then each is repeated along the other key), else by country (eci, expy) or by product
// (pci, prody); a year key when the data have years.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "data/frame.hpp"
#include "measures/complexity.hpp"
#include "measures/trade_matrix.hpp"

namespace gvcpanel::measures {

struct TradeRequest {
    std::vector<std::string> indicators;  // rca, prody, expy, eci, pci, density, unit_value; empty = all available
    bool quantities = false;              // the data have a quantity column (for unit_value)
    ComplexityMethod method = ComplexityMethod::reflections;
    int iterations = 20;
    // GDP per capita by (country, year); year "" applies to every year.
    std::map<std::pair<std::string, std::string>, double> gdp;
};

// Fills the default indicators and checks the names (prody and expy need GDP, unit_value quantities).
void validate(TradeRequest& request);

data::Frame trade_measures(const std::vector<TradeMatrix>& matrices, const TradeRequest& request);

}  // namespace gvcpanel::measures
