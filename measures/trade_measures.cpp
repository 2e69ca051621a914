#include "measures/trade_measures.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "data/error.hpp"
#include "measures/product_space.hpp"
#include "measures/tidy_frame.hpp"

namespace gvcpanel::measures {

namespace {

enum class Level { pair, country, product };

Level level_of(const std::string& name) {
    if (name == "rca" || name == "density" || name == "unit_value") return Level::pair;
    if (name == "eci" || name == "expy") return Level::country;
    return Level::product;
}

bool asks(const TradeRequest& r, const char* name) {
    return std::find(r.indicators.begin(), r.indicators.end(), name) != r.indicators.end();
}

}  // namespace

void validate(TradeRequest& request) {
    if (request.indicators.empty()) {
        request.indicators = {"rca", "eci", "pci", "density"};
        if (!request.gdp.empty()) request.indicators.insert(request.indicators.begin() + 1, {"prody", "expy"});
        if (request.quantities) request.indicators.push_back("unit_value");
    }
    for (const auto& name : request.indicators) {
        if (name != "rca" && name != "prody" && name != "expy" && name != "eci" && name != "pci" && name != "density" &&
            name != "unit_value")
            throw Error("--indicators: unknown indicator '" + name + "' (rca, prody, expy, eci, pci, density, unit_value)");
        if (name == "unit_value" && !request.quantities)
            throw Error("--indicators unit_value needs quantities: --quantity COLUMN");
        if ((name == "prody" || name == "expy") && request.gdp.empty())
            throw Error("--indicators " + name + " needs GDP per capita: --gdp FILE (columns country, value [, year])");
    }
}

data::Frame trade_measures(const std::vector<TradeMatrix>& matrices, const TradeRequest& request) {
    bool pairs = false, countries = false, products = false;
    for (const auto& name : request.indicators) {
        const Level l = level_of(name);
        pairs |= l == Level::pair, countries |= l == Level::country, products |= l == Level::product;
    }
    const Level rows = pairs || (countries && products) ? Level::pair : countries ? Level::country : Level::product;
    const bool years = std::any_of(matrices.begin(), matrices.end(), [](const TradeMatrix& m) { return !m.year.empty(); });
    std::vector<std::string> keys;
    if (rows != Level::product) keys.push_back("country");
    if (rows != Level::country) keys.push_back("product");
    if (years) keys.push_back("year");
    TidyFrame out(keys, request.indicators);
    const double nan = std::numeric_limits<double>::quiet_NaN();

    for (const auto& m : matrices) {
        const arma::mat rca = balassa_index(m.exports);
        const arma::mat M = binary_advantage(rca);
        Complexity cx;
        if (asks(request, "eci") || asks(request, "pci")) cx = complexity(M, request.method, request.iterations);
        arma::mat dens;
        if (asks(request, "density")) dens = density(M, product_proximity(M));
        Productivity prod;
        if (asks(request, "prody") || asks(request, "expy")) {
            arma::vec gdp(m.countries.size());
            for (std::size_t c = 0; c < gdp.n_elem; ++c) {
                auto it = request.gdp.find({m.countries[c], m.year});
                if (it == request.gdp.end()) it = request.gdp.find({m.countries[c], ""});
                gdp(c) = it == request.gdp.end() ? nan : it->second;
            }
            prod = productivity_levels(m.exports, gdp);
        }
        auto value = [&](const std::string& name, std::size_t c, std::size_t p) {
            if (name == "rca") return rca(c, p);
            if (name == "density") return dens(c, p);
            if (name == "unit_value") return m.quantities(c, p) > 0 ? m.exports(c, p) / m.quantities(c, p) : nan;
            if (name == "eci") return cx.eci(c);
            if (name == "pci") return cx.pci(p);
            if (name == "prody") return prod.prody(p);
            return prod.expy(c);
        };
        const std::size_t n_c = rows == Level::product ? 1 : m.countries.size();
        const std::size_t n_p = rows == Level::country ? 1 : m.products.size();
        for (std::size_t c = 0; c < n_c; ++c)
            for (std::size_t p = 0; p < n_p; ++p) {
                std::vector<std::string> key;
                if (rows != Level::product) key.push_back(m.countries[c]);
                if (rows != Level::country) key.push_back(m.products[p]);
                if (years) key.push_back(m.year);
                std::vector<double> row;
                for (const auto& name : request.indicators) row.push_back(value(name, c, p));
                out.add_row(key, row);
            }
    }
    return out.frame();
}

}  // namespace gvcpanel::measures
