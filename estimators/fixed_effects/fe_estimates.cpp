// Fixed-effect estimates from the demeaning's coefficients: demeaning is linear, so the effects of
// y - X b are the effects of y minus those of X times b; no pass over the data is needed. Only
// differences within a connected component are identified; the normalisation sets, in each
// component of the first two dimensions, the first level of the second dimension to zero, and the
// first level of each later dimension to zero, moving the constant into the first dimension.
#include "estimators/fixed_effects/fe_estimates.hpp"

#include <cmath>
#include <cstdio>
#include <sstream>

#include "data/atomic_file.hpp"
#include "data/error.hpp"
#include "estimators/fixed_effects/fe_dof.hpp"

namespace gvcpanel::estimators {

namespace {

std::string csv_field(const std::string& text) {
    if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
    std::string quoted = "\"";
    for (char c : text) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    return quoted + "\"";
}

// Moves constants between dimension 0 and dimension q so that the chosen reference levels of q
// are zero; `component_of_first` and `component_of_q` map levels to the constant's group.
void normalise(arma::vec& first, arma::vec& other, const std::vector<std::int32_t>& component_of_first,
               const std::vector<std::int32_t>& component_of_q, std::size_t components) {
    std::vector<double> shift(components, std::nan(""));
    for (std::size_t l = 0; l < other.n_elem; ++l) {
        const std::int32_t c = component_of_q[l];
        if (c >= 0 && std::isnan(shift[c])) shift[c] = other(l);
    }
    for (std::size_t l = 0; l < other.n_elem; ++l)
        if (component_of_q[l] >= 0) other(l) -= shift[component_of_q[l]];
    for (std::size_t l = 0; l < first.n_elem; ++l)
        if (component_of_first[l] >= 0) first(l) += shift[component_of_first[l]];
}

}  // namespace

FixedEffectEstimates fixed_effect_estimates(const std::vector<models::Grouping>& effects,
                                            const EffectCoefficients& coefficients,
                                            const arma::vec& slopes) {
    if (coefficients.size() != effects.size())
        throw Error("fixed-effect estimates: " + std::to_string(coefficients.size()) +
                    " coefficient blocks for " + std::to_string(effects.size()) + " fixed effects");
    FixedEffectEstimates result;
    for (std::size_t q = 0; q < effects.size(); ++q) {
        const arma::mat& a = coefficients[q];
        if (a.n_cols != slopes.n_elem + 1)
            throw Error("fixed-effect estimates: " + std::to_string(a.n_cols) +
                        " demeaned columns for y and " + std::to_string(slopes.n_elem) + " slopes");
        FixedEffectEstimates::Dimension d;
        d.name = effects[q].name;
        d.estimates = slopes.is_empty() ? arma::vec(a.col(0)) : arma::vec(a.col(0) - a.cols(1, a.n_cols - 1) * slopes);
        for (std::int32_t l = 0; l < effects[q].levels; ++l)
            d.level_names.push_back(static_cast<std::size_t>(l) < effects[q].level_names.size()
                                        ? effects[q].level_names[l]
                                        : std::to_string(l));
        std::vector<char> seen(d.estimates.n_elem, 0);
        for (std::int32_t c : effects[q].codes) seen[c] = 1;
        for (std::size_t l = 0; l < seen.size(); ++l)
            if (!seen[l]) d.estimates(l) = std::nan("");
        result.dimensions.push_back(std::move(d));
    }
    for (std::size_t q = 1; q < effects.size(); ++q) {
        if (q == 1) {
            const Components c = connected_components(effects[0], effects[1]);
            normalise(result.dimensions[0].estimates, result.dimensions[1].estimates, c.of_a,
                      c.of_b, c.count);
        } else {
            // One constant for the whole dimension: every observed level is in group 0.
            std::vector<std::int32_t> all_first(static_cast<std::size_t>(effects[0].levels), -1);
            std::vector<std::int32_t> all_q(static_cast<std::size_t>(effects[q].levels), -1);
            for (std::int32_t c : effects[0].codes) all_first[c] = 0;
            for (std::int32_t c : effects[q].codes) all_q[c] = 0;
            normalise(result.dimensions[0].estimates, result.dimensions[q].estimates, all_first,
                      all_q, 1);
        }
    }
    return result;
}

void write_fixed_effects_csv(const FixedEffectEstimates& estimates, const std::string& path) {
    std::string text = "dimension,level,estimate\n";
    char number[32];
    for (const auto& d : estimates.dimensions)
        for (std::size_t l = 0; l < d.estimates.n_elem; ++l) {
            if (std::isnan(d.estimates(l))) continue;
            std::snprintf(number, sizeof number, "%.17g", d.estimates(l));
            text.append(csv_field(d.name)).append(",").append(csv_field(d.level_names[l])).append(",");
            text.append(number).append("\n");
        }
    data::write_file(path, text);
}

}  // namespace gvcpanel::estimators
